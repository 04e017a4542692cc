// Row 8: a ServiceAccount's permissions through the extension's ClusterSession (RBAC listed by a new
// session, evaluated by src/rbac, dangers checked as the tree does) on 500 namespaces, 2,000
// RoleBindings and 300 ClusterRoles, against `kubectl auth can-i --list --as=system:serviceaccount:NS:NAME`.
//
// Like for like: kubectl's --list asks one SelfSubjectRulesReview for ONE namespace (plus the
// cluster-wide rules every review carries); ours answers for every namespace and the cluster at once.
// One kubectl process is the peer, so the ratio flatters kubectl by up to 500 processes.
import { ClusterSession } from '../../src/cluster';
import { dangersOf } from '../../src/rbac/dangers';
import { kubectl } from '../kubectl';
import { startServerProcess } from '../localServer';
import { formatSpread, repeat, spreadOf, timed } from '../measure';
import type { BenchRow } from '../row';

const runs = 7;
const ratioBudget = 0.5;
const requestBudget = 10;

export const row: BenchRow = {
  id: 8,
  what: "a ServiceAccount's permissions on 500 namespaces, 2,000 RoleBindings, 300 ClusterRoles",
  against: '`kubectl auth can-i --list --as=system:serviceaccount:NS:NAME -n NS`, same server',
  async run() {
    const server = await startServerProcess({ namespaces: 500, serviceAccountsPerNamespace: 2, rbac: { clusterRoles: 300, roleBindings: 2000 } });
    const { kubeconfigPath } = server;
    try {
      const canI = (namespace: string) => ['auth', 'can-i', '--list', `--as=system:serviceaccount:${namespace}:sa-00`, '-n', namespace];
      await kubectl(kubeconfigPath, canI('ns-000'));
      const permissionsOf = async (namespace: string) => {
        const outcome = await ClusterSession.open({ kubeconfigPath, timeoutMs: 60_000 }).serviceAccountPermissions(namespace, 'sa-00');
        if (outcome.kind !== 'computed') {
          throw new Error(`permissions were not computed: ${outcome.kind}`);
        }
        dangersOf(outcome.permissions);
        return outcome.permissions.grants.length;
      };
      // The first call in a process also compiles the client's code paths: measured apart, as row 6 does.
      const firstMs = await timed(() => permissionsOf('ns-499'));
      const ours: number[] = [];
      const theirs: number[] = [];
      let requests = 0;
      let grants = 0;
      const ratio = await repeat(runs, async (run) => {
        const namespace = `ns-${String(run * 7).padStart(3, '0')}`;
        await server.clearRequests();
        // A new session each run: it lists the RBAC objects afresh, as the first account shown in a window does.
        ours.push(await timed(async () => (grants = await permissionsOf(namespace))));
        requests = Math.max(requests, (await server.requests()).length);
        theirs.push(await timed(() => kubectl(kubeconfigPath, canI(namespace))));
        return ours[ours.length - 1] / theirs[theirs.length - 1];
      });
      return {
        figures: [
          { label: `cold, all namespaces at once: ${formatSpread(ratio)}× one kubectl namespace`, value: ratio.median, budget: `≤ ${ratioBudget}×`, pass: ratio.median <= ratioBudget },
          { label: `requests at the server: ${requests}`, value: requests, budget: `≤ ${requestBudget}`, pass: requests <= requestBudget },
        ],
        details: [
          `row 8: ours ${formatSpread(spreadOf(ours), 0, ' ms')} for every namespace (${grants} grants), kubectl ${formatSpread(spreadOf(theirs), 0, ' ms')} for one namespace (median, min–max of ${runs}); kubectl needs one process per namespace for the same answer; the first call in the process ${firstMs.toFixed(0)} ms`,
        ],
      };
    } finally {
      await server.close();
    }
  },
};
