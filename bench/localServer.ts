/**
 * The local API server in a process of its own, as a real one is: in the bench's process it would
 * share the event loop with our client and charge the server's work to the extension. Driven over IPC
 * (fork): started with its seed, asked for the requests it served, closed.
 */
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedGeneratedRbac } from '../test/cluster/seed';
import { startLocalCluster, type LocalCluster, type RequestRecord } from '../test/cluster/server';

export interface ServerSeed {
  readonly namespaces?: number;
  readonly serviceAccountsPerNamespace?: number;
  readonly rbac?: { readonly clusterRoles: number; readonly roleBindings: number };
}

export interface ServerProcess {
  /** The admin's kubeconfig, in a private temporary folder (0600: it holds a bearer token). */
  readonly kubeconfigPath: string;
  requests(): Promise<RequestRecord[]>;
  clearRequests(): Promise<void>;
  close(): Promise<void>;
}

type Command = 'requests' | 'clearRequests' | 'close';
type Reply = { readonly kind: 'ready' } | { readonly kind: 'answer'; readonly requests?: RequestRecord[] } | { readonly kind: 'failed'; readonly message: string };

export async function startServerProcess(seed: ServerSeed): Promise<ServerProcess> {
  const folder = mkdtempSync(join(tmpdir(), 'kube-sa-tokens-bench-'));
  const kubeconfigPath = join(folder, 'kubeconfig');
  const child = fork(__filename, [JSON.stringify({ seed, kubeconfigPath })], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const next = () =>
    new Promise<Reply>((resolve, reject) => {
      const exited = (code: number | null) => reject(new Error(`the local API server process exited (${code})`));
      child.once('exit', exited);
      child.once('message', (reply: Reply) => {
        child.off('exit', exited);
        resolve(reply);
      });
    });
  const ask = async (command: Command): Promise<Reply> => {
    const reply = next();
    child.send(command);
    const answer = await reply;
    if (answer.kind === 'failed') {
      throw new Error(answer.message);
    }
    return answer;
  };
  const ready = await next();
  if (ready.kind === 'failed') {
    rmSync(folder, { recursive: true, force: true });
    throw new Error(ready.message);
  }
  return {
    kubeconfigPath,
    requests: async () => {
      const answer = await ask('requests');
      return answer.kind === 'answer' ? (answer.requests ?? []) : [];
    },
    clearRequests: async () => void (await ask('clearRequests')),
    close: async () => {
      await ask('close').catch(() => undefined);
      await new Promise((resolve) => (child.exitCode === null ? child.once('exit', resolve) : resolve(undefined)));
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

/** The child's side: start the server, then answer the parent until told to close. */
async function serve(parent: NodeJS.Process, { seed, kubeconfigPath }: { seed: ServerSeed; kubeconfigPath: string }): Promise<void> {
  let cluster: LocalCluster;
  try {
    cluster = await startLocalCluster({ namespaces: seed.namespaces, serviceAccountsPerNamespace: seed.serviceAccountsPerNamespace });
    if (seed.rbac) {
      seedGeneratedRbac(cluster.store, seed.rbac);
    }
    await cluster.writeKubeconfig(kubeconfigPath, 'admin');
  } catch (error) {
    parent.send?.({ kind: 'failed', message: error instanceof Error ? error.message : String(error) } satisfies Reply);
    return;
  }
  parent.on('message', (command: Command) => {
    if (command === 'requests') {
      parent.send?.({ kind: 'answer', requests: [...cluster.requests] } satisfies Reply);
    } else if (command === 'clearRequests') {
      cluster.clearRequests();
      parent.send?.({ kind: 'answer' } satisfies Reply);
    } else {
      void cluster.close().then(() => {
        parent.send?.({ kind: 'answer' } satisfies Reply);
        process.disconnect?.();
      });
    }
  });
  parent.send?.({ kind: 'ready' } satisfies Reply);
}

if (require.main === module && process.send) {
  void serve(process, JSON.parse(process.argv[2]) as { seed: ServerSeed; kubeconfigPath: string });
}
