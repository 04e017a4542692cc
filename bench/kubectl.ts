/**
 * The peer several rows are measured against: the machine's kubectl, pointed at the local API server
 * through the server process's kubeconfig. Rows run it once before measuring, so its discovery cache
 * is warm as on a machine where kubectl ran before.
 */
import { execFile } from 'node:child_process';

/** Runs `kubectl ARGS` to the end; resolves with its stdout (which may hold a token: never printed), rejects with its stderr. */
export function kubectl(kubeconfigPath: string, args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('kubectl', ['--kubeconfig', kubeconfigPath, ...args], { maxBuffer: 512 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) {
        reject(new Error(`kubectl ${args.join(' ')} failed: ${stderr.trim() || error.message}`));
      } else {
        resolve(stdout);
      }
    });
  });
}
