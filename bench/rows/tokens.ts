// Row 7: one token through the extension's ClusterSession.requestToken, then 100 with 10 in flight,
// against one `kubectl create token` process per token, same local server and ServiceAccount.
import { ClusterSession } from '../../src/cluster';
import { kubectl } from '../kubectl';
import { startServerProcess } from '../localServer';
import { formatSpread, repeat, spreadOf, timed } from '../measure';
import type { BenchRow } from '../row';

const runs = 7;
const batch = 100;
const inFlight = 10;
const ratioBudget = 0.1;
const input = { namespace: 'demo', serviceAccount: 'vault-auth', audiences: ['vault'], expirationSeconds: 3600 };

/** Issues `count` tokens, `limit` at a time; resolves with how many succeeded (failures are counted, not thrown). */
async function issueMany(session: ClusterSession, count: number, limit: number): Promise<number> {
  let next = 0;
  let succeeded = 0;
  const worker = async () => {
    while (next < count) {
      next += 1;
      try {
        const issued = await session.requestToken(input);
        succeeded += issued.token.length > 0 ? 1 : 0;
      } catch (error) {
        console.error(`row 7: a token request failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  };
  await Promise.all(Array.from({ length: limit }, worker));
  return succeeded;
}

export const row: BenchRow = {
  id: 7,
  what: 'one token, then 100 tokens with 10 in flight',
  against: '`kubectl create token`, one process per token, same server and ServiceAccount',
  async run() {
    const server = await startServerProcess({});
    const { kubeconfigPath } = server;
    try {
      const kubectlToken = ['create', 'token', input.serviceAccount, '-n', input.namespace, '--audience', input.audiences[0], '--duration', '1h'];
      await kubectl(kubeconfigPath, kubectlToken);
      const session = ClusterSession.open({ kubeconfigPath, timeoutMs: 60_000 });
      // The session's first request pays for the TLS connection once per window: measured apart.
      const firstMs = await timed(() => session.requestToken(input));
      const ours: number[] = [];
      const theirs: number[] = [];
      const single = await repeat(runs, async () => {
        ours.push(await timed(() => session.requestToken(input)));
        theirs.push(await timed(() => kubectl(kubeconfigPath, kubectlToken)));
        return ours[ours.length - 1] / theirs[theirs.length - 1];
      });
      let succeeded = 0;
      const batchMs = await timed(async () => (succeeded = await issueMany(session, batch, inFlight)));
      const kubectlMs = spreadOf(theirs).median;
      const perToken = batchMs / batch / kubectlMs;
      return {
        figures: [
          { label: `one token: ${formatSpread(single, 3)}× kubectl`, value: single.median, budget: `≤ ${ratioBudget}×`, pass: single.median <= ratioBudget },
          { label: `100 tokens, 10 in flight: ${perToken.toFixed(3)}× kubectl per token`, value: perToken, budget: `≤ ${ratioBudget}×`, pass: perToken <= ratioBudget },
          { label: `100 tokens: ${succeeded} of ${batch} issued`, value: succeeded, budget: `${batch} of ${batch}`, pass: succeeded === batch },
        ],
        details: [
          `row 7: one token ours ${formatSpread(spreadOf(ours), 1, ' ms')}, kubectl ${formatSpread(spreadOf(theirs), 0, ' ms')} (median, min–max of ${runs}); the session's first ${firstMs.toFixed(0)} ms; 100 tokens ${batchMs.toFixed(0)} ms`,
        ],
      };
    } finally {
      await server.close();
    }
  },
};
