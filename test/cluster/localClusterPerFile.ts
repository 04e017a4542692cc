// One local API server for a test file, started before its tests and closed after them, and
// ClusterSessions on it as any of its users, each opened from a kubeconfig file of its own.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { ClusterSession } from '../../src/cluster';
import { startLocalCluster, type LocalCluster, type LocalUser } from './server';

export interface LocalClusterPerFile {
  readonly cluster: LocalCluster;
  /** A session as `user` on this file's server, or on `target` (another local server the test started). */
  session(user?: LocalUser, target?: LocalCluster): Promise<ClusterSession>;
}

export function localClusterPerFile(name: string, timeoutMs = 10_000): LocalClusterPerFile {
  let started: LocalCluster | undefined;
  let folder = '';
  before(async () => {
    started = await startLocalCluster();
    folder = mkdtempSync(join(tmpdir(), `cluster-${name}-`));
  });
  after(async () => {
    await started?.close();
    rmSync(folder, { recursive: true, force: true });
  });
  const local: LocalClusterPerFile = {
    get cluster(): LocalCluster {
      if (!started) {
        throw new Error('The local cluster starts in before(): use it inside a test.');
      }
      return started;
    },
    async session(user = 'admin', target = local.cluster) {
      const path = join(folder, `${user}-${Math.random().toString(36).slice(2)}`);
      await target.writeKubeconfig(path, user);
      return ClusterSession.open({ kubeconfigPath: path, timeoutMs });
    },
  };
  return local;
}
