// Row 10: the extension host's heap after GC (bench/extensionHost.ts, warm window): after activation,
// with row 6's tree of 10,000 ServiceAccounts loaded, with row 7's 100 tokens held as well (issued
// through the extension's own cluster bundle, 10 in flight), and after both are closed.
import { hostMeasurements } from '../extensionHost';
import type { BenchRow } from '../row';

const growthBudgetMb = 40;
const residueBudgetMb = 5;

export const row: BenchRow = {
  id: 10,
  what: 'memory: extension-host heap after GC around row 6’s tree and row 7’s tokens',
  against: 'the heap right after activation, in the same host',
  async run() {
    const host = await hostMeasurements();
    const full = host.warmStarts?.at(-1);
    const heap = full?.heapMb;
    if (!heap || heap.start === undefined || heap.withClientCode === undefined || heap.withTree === undefined || heap.withTreeAndTokens === undefined || heap.closed === undefined) {
      return { figures: [{ label: 'heap: not measured', value: Number.NaN, budget: 'measured', pass: false }], details: [`row 10: ${host.problem ?? 'the host bench stopped early'}`] };
    }
    const growth = Math.max(heap.withTree, heap.withTreeAndTokens) - heap.start;
    // The Kubernetes client's code is loaded once per window on first use and never unloaded (Node has
    // no way to): what closing must give back is everything above it. Its own weight is in the details.
    const residue = heap.closed - heap.withClientCode;
    return {
      figures: [
        { label: `growth with the tree and 100 tokens: ${growth.toFixed(1)} MB`, value: growth, budget: `≤ ${growthBudgetMb} MB`, pass: growth <= growthBudgetMb },
        { label: `after closing them: ${residue.toFixed(1)} MB above the start with the client's code loaded`, value: residue, budget: `≤ ${residueBudgetMb} MB`, pass: residue <= residueBudgetMb },
      ],
      details: [
        `row 10: heap after GC ${heap.start.toFixed(1)} MB after activation, ${heap.withClientCode.toFixed(1)} MB once the Kubernetes client's bundle is loaded (it stays loaded: Node never unloads a module), ${heap.withTree.toFixed(1)} MB with the tree, ${heap.withTreeAndTokens.toFixed(1)} MB with ${full?.tokens} tokens too (issued in ${full?.tokensMs?.toFixed(0)} ms), ${heap.closed.toFixed(1)} MB closed: ${(heap.closed - heap.start).toFixed(1)} MB above the heap right after activation, ${(heap.withClientCode - heap.start).toFixed(1)} MB of it the client's code`,
      ],
    };
  },
};
