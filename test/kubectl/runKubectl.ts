// The real kubectl, run against the local API server by every test in this folder.
import { execFile, spawnSync } from 'node:child_process';

export interface KubectlResult {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Why the kubectl tests are skipped on this machine, or false when kubectl is installed. */
export const kubectlMissing = spawnSync('kubectl', ['version', '--client']).error ? 'kubectl is not installed' : false;

/**
 * kubectl with `kubeconfig` (and a discovery cache of its own in `cacheDir`, so no server's answers
 * leak into another's), never throwing: its exit status and output. Asynchronous on purpose: the API
 * server runs in this process and must keep answering.
 */
export function runKubectl(kubeconfig: string, args: readonly string[], cacheDir?: string): Promise<KubectlResult> {
  return new Promise((resolve) => {
    execFile('kubectl', ['--kubeconfig', kubeconfig, ...(cacheDir ? ['--cache-dir', cacheDir] : []), ...args], { encoding: 'utf8', timeout: 30_000 }, (error, stdout, stderr) => {
      resolve({ status: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });
}
