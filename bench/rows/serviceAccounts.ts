// Row 6: 10,000 ServiceAccounts in 500 namespaces loaded through the extension's client into the tree
// model (and its first level presented), against `kubectl get serviceaccounts -A -o json` on the same
// local API server, in the same run; the requests are counted at the server.
import { ClusterSession } from '../../src/cluster';
import { childrenOf, presentNode, type Node } from '../../src/explorer/treeNodes';
import { hostMeasurements } from '../extensionHost';
import { kubectl } from '../kubectl';
import { startServerProcess } from '../localServer';
import { formatSpread, repeat, spreadOf, timed } from '../measure';
import type { BenchFigure, BenchRow } from '../row';

export const namespaces = 500;
export const serviceAccountsPerNamespace = 20;
const runs = 5;
const ratioBudget = 0.2;
const requestBudget = 25;
const noTokens = { forServiceAccount: () => [] };

/** What the tree does before it draws: the context node over the listing, and its namespaces presented. */
async function loadTree(kubeconfigPath: string): Promise<number> {
  const session = ClusterSession.open({ kubeconfigPath, timeoutMs: 60_000 });
  const listing = await session.listServiceAccounts();
  const root: Node = { kind: 'context', context: session.context, listing };
  presentNode(root, noTokens, Date.now());
  const level = childrenOf(root, noTokens, '');
  level.forEach((node) => presentNode(node, noTokens, Date.now()));
  if (level.length !== namespaces) {
    throw new Error(`the tree's first level has ${level.length} namespaces, not ${namespaces}`);
  }
  return listing.namespaces.reduce((sum, namespace) => sum + namespace.serviceAccounts.length, 0);
}

export const row: BenchRow = {
  id: 6,
  what: '10,000 ServiceAccounts in 500 namespaces into the tree model; first tree level in the extension host',
  against: '`kubectl get serviceaccounts -A -o json`, same local server',
  async run() {
    const server = await startServerProcess({ namespaces, serviceAccountsPerNamespace });
    const { kubeconfigPath } = server;
    try {
      await kubectl(kubeconfigPath, ['get', 'serviceaccounts', '-A', '-o', 'json']);
      // The client's first load pays for its TLS set-up once per window: measured apart.
      const firstMs = await timed(() => loadTree(kubeconfigPath));
      const ours: number[] = [];
      const theirs: number[] = [];
      let requests = 0;
      let listed = 0;
      const ratio = await repeat(runs, async () => {
        await server.clearRequests();
        ours.push(await timed(async () => (listed = await loadTree(kubeconfigPath))));
        requests = Math.max(requests, (await server.requests()).length);
        theirs.push(await timed(() => kubectl(kubeconfigPath, ['get', 'serviceaccounts', '-A', '-o', 'json'])));
        return ours[ours.length - 1] / theirs[theirs.length - 1];
      });
      if (listed !== namespaces * serviceAccountsPerNamespace) {
        throw new Error(`listed ${listed} ServiceAccounts, not ${namespaces * serviceAccountsPerNamespace}`);
      }
      const figures: BenchFigure[] = [
        { label: `tree model: ${formatSpread(ratio)}× kubectl's wall time`, value: ratio.median, budget: `≤ ${ratioBudget}×`, pass: ratio.median <= ratioBudget },
        { label: `requests at the server: ${requests}`, value: requests, budget: `≤ ${requestBudget}`, pass: requests <= requestBudget },
      ];
      const details = [
        `row 6: ours ${formatSpread(spreadOf(ours), 0, ' ms')}, kubectl ${formatSpread(spreadOf(theirs), 0, ' ms')} (median, min–max of ${runs}); the first load in a process ${firstMs.toFixed(0)} ms`,
      ];
      const host = await hostMeasurements();
      const full = host.warmStarts?.at(-1);
      if (full && host.treeRequests !== undefined) {
        const inHost = spreadOf(full.firstLevelMs);
        const hostRatio = inHost.median / spreadOf(theirs).median;
        figures.push({ label: `first level in the extension host: ${hostRatio.toFixed(2)}× kubectl's median`, value: hostRatio, budget: `≤ ${ratioBudget}×`, pass: hostRatio <= ratioBudget });
        figures.push({ label: `requests at the server per refresh (extension host): ${host.treeRequests}`, value: host.treeRequests, budget: `≤ ${requestBudget}`, pass: host.treeRequests <= requestBudget });
        details.push(
          `row 6: in code-server's extension host, Refresh to the root and its ${namespaces} namespace tree items ${formatSpread(inHost, 0, ' ms')} (median, min–max of ${inHost.samples.length}; the model the view draws from, the workbench's painting not included)`,
        );
      } else {
        figures.push({ label: 'first level in the extension host: not measured', value: Number.NaN, budget: 'measured', pass: false });
        details.push(`row 6: the extension host was not measured: ${host.problem}`);
      }
      return { figures, details };
    } finally {
      await server.close();
    }
  },
};
