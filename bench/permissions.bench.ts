// Time to a ServiceAccount's permissions on a large cluster, through the extension's ClusterSession
// against the local API server (500 namespaces, 2,000 RoleBindings, 300 ClusterRoles): cold (a new
// session lists RBAC), warm (the same session, the lists shared), and each again as the median of a
// few runs. Run with `npx tsx bench/permissions.bench.ts`; a figure, not a test.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ClusterSession, type PermissionsOutcome } from '../src/cluster';
import { dangersOf } from '../src/rbac/dangers';
import { seedGeneratedRbac } from '../test/cluster/seed';
import { startLocalCluster, type LocalCluster } from '../test/cluster/server';

const runs = 5;

const median = (samples: number[]) => [...samples].sort((a, b) => a - b)[Math.floor(samples.length / 2)];

async function timed(cluster: LocalCluster, session: ClusterSession, namespace: string, name: string): Promise<{ ms: number; lists: number; outcome: PermissionsOutcome }> {
  cluster.clearRequests();
  const started = performance.now();
  const outcome = await session.serviceAccountPermissions(namespace, name);
  // What the tree computes too before it shows the node.
  if (outcome.kind === 'computed') {
    dangersOf(outcome.permissions);
  }
  const ms = performance.now() - started;
  return { ms, lists: cluster.requests.filter((request) => request.method === 'GET').length, outcome };
}

function line(label: string, { ms, lists, outcome }: { ms: number; lists: number; outcome: PermissionsOutcome }): string {
  const cost = outcome.kind === 'computed' ? outcome.cost : undefined;
  const grants = outcome.kind === 'computed' ? outcome.permissions.grants.length : 0;
  return `  ${label.padEnd(34)} ${ms.toFixed(1).padStart(7)} ms   ${String(lists).padStart(2)} list requests   ${String(cost?.objectsRead ?? 0).padStart(5)} objects read   ${grants} grants`;
}

async function main(): Promise<void> {
  const cluster = await startLocalCluster({ namespaces: 500, serviceAccountsPerNamespace: 2 });
  const folder = mkdtempSync(join(tmpdir(), 'permissions-bench-'));
  try {
    seedGeneratedRbac(cluster.store, { clusterRoles: 300, roleBindings: 2000 });
    const kubeconfigPath = join(folder, 'kubeconfig');
    await cluster.writeKubeconfig(kubeconfigPath, 'admin');
    const open = () => ClusterSession.open({ kubeconfigPath, timeoutMs: 60_000 });
    const counts = ['clusterroles', 'clusterrolebindings', 'roles', 'rolebindings'].map((resource) => `${cluster.store.list(resource as 'roles', {}).items.length} ${resource}`);
    console.log(`Local API server: 500 namespaces, ${counts.join(', ')}.`);

    // The client's first session pays for loading it and the TLS handshake: measured apart.
    const first = open();
    console.log(line('first ever (client start-up)', await timed(cluster, first, 'ns-000', 'sa-00')));
    console.log(line('warm, same ServiceAccount', await timed(cluster, first, 'ns-000', 'sa-00')));
    console.log(line('warm, another ServiceAccount', await timed(cluster, first, 'ns-123', 'sa-01')));

    const cold: Awaited<ReturnType<typeof timed>>[] = [];
    const warm: Awaited<ReturnType<typeof timed>>[] = [];
    for (let run = 0; run < runs; run += 1) {
      const session = open();
      cold.push(await timed(cluster, session, `ns-${String(run * 7).padStart(3, '0')}`, 'sa-00'));
      warm.push(await timed(cluster, session, `ns-${String(run * 7 + 1).padStart(3, '0')}`, 'sa-01'));
    }
    const middle = (results: typeof cold) => ({ ...results[0], ms: median(results.map((result) => result.ms)) });
    console.log(line(`cold, new session (median of ${runs})`, middle(cold)));
    console.log(line(`warm, shared lists (median of ${runs})`, middle(warm)));
    console.log(`Target: within 1,000 ms cold. Cold runs: ${cold.map((result) => result.ms.toFixed(0)).join(', ')} ms.`);
  } finally {
    await cluster.close();
    rmSync(folder, { recursive: true, force: true });
  }
}

void main();
