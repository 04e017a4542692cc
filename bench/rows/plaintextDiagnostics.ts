// Row 3 of issue 16: the plaintext-token check (the Problems-view warnings about ServiceAccount
// tokens written in files) on a 10 MB file of 100,000 small tokens and on a log with 10,000
// real-size ServiceAccount tokens (13 MB: a real bound token is about 1,200 characters), against
// the scan alone (scanTokens, row 1) on the same text. The check is driven as the extension host
// drives it: slices of `plaintextCheckSliceMs`, each timed.
import type { DecodedAccount, PlaintextTokenReport } from '../../src/jwt/credentials';
import { benchNow, serviceAccountLog, smallTokensText } from '../jwtInputs';
import { formatSpread, spreadOf, timed } from '../measure';
import type { BenchFigure, BenchRow, BenchRowResult } from '../row';
import { shipped } from '../shipped';
import type * as credentialsModule from '../../src/jwt/credentials';
import type * as scanModule from '../../src/jwt/scan';

const { maxDecodedCharacters, plaintextCheckSliceMs, PlaintextTokenCheck } = shipped<typeof credentialsModule>('src/jwt/credentials.ts');
const { scanTokens } = shipped<typeof scanModule>('src/jwt/scan.ts');

const runs = 5;
const ratioBudget = 3;
const sliceBudgetMs = 50;

interface CheckTimes {
  readonly total: number;
  readonly longestSlice: number;
  readonly slices: number;
  readonly report: PlaintextTokenReport;
  readonly decoded: ReadonlyMap<string, DecodedAccount>;
}

/** One whole check in slices, as src/features/jwt/plaintextTokens.ts runs it (without the waits between slices). */
function slicedCheck(text: string, known?: ReadonlyMap<string, DecodedAccount>): CheckTimes {
  const check = new PlaintextTokenCheck(text, benchNow, known);
  let total = 0;
  let longestSlice = 0;
  for (let slices = 1; ; slices++) {
    const started = performance.now();
    const deadline = started + plaintextCheckSliceMs;
    const report = check.advance(() => performance.now() > deadline);
    const slice = performance.now() - started;
    total += slice;
    longestSlice = Math.max(longestSlice, slice);
    if (report) {
      return { total, longestSlice, slices, report, decoded: check.decoded };
    }
  }
}

async function measure(name: string, text: string): Promise<{ figures: BenchFigure[]; details: string[] }> {
  slicedCheck(text);
  scanTokens(text);
  const scans: number[] = [];
  const checks: CheckTimes[] = [];
  const edits: number[] = [];
  for (let i = 0; i < runs; i++) {
    scans.push(await timed(() => scanTokens(text)));
    const check = slicedCheck(text);
    checks.push(check);
    // A one-character edit in the middle: the next check reuses what this one decoded.
    const middle = text.indexOf('\n', text.length >> 1);
    edits.push(slicedCheck(`${text.slice(0, middle)}#${text.slice(middle)}`, check.decoded).total);
  }
  const ratio = spreadOf(checks.map((check, i) => check.total / scans[i]));
  const longest = spreadOf(checks.map((check) => check.longestSlice));
  const { report } = checks[0];
  return {
    figures: [
      { label: `${name}: check ${formatSpread(ratio)}× the scan alone`, value: ratio.median, budget: `≤ ${ratioBudget}× scan`, pass: ratio.median <= ratioBudget },
      // Each run's longest slice; like every row, the median run decides (a shared 2-core machine stretches some slices it preempts).
      { label: `${name}: longest slice ${formatSpread(longest, 1, ' ms')}`, value: longest.median, budget: `no slice > ${sliceBudgetMs} ms`, pass: longest.median <= sliceBudgetMs },
    ],
    details: [
      `row 3, ${name} (${(text.length / 1e6).toFixed(1)} MB): scan ${formatSpread(spreadOf(scans), 1)} ms; check ${formatSpread(spreadOf(checks.map((check) => check.total)), 1)} ms in ${checks[0].slices} slices; after a one-character edit, with the earlier decodes reused, ${formatSpread(spreadOf(edits), 1)} ms`,
      `row 3, ${name}: ${report.tokens.length} tokens marked, ${report.omitted} more counted, ${report.unchecked} left unchecked (past the ${maxDecodedCharacters / 2 ** 20} MiB decoding budget)`,
    ],
  };
}

async function run(): Promise<BenchRowResult> {
  const small = await measure('100,000 small tokens', smallTokensText(100_000, 96, 50, 3));
  const log = await measure('10,000 ServiceAccount tokens', serviceAccountLog(10_000, 3));
  return { figures: [...small.figures, ...log.figures], details: [...small.details, ...log.details] };
}

export const row: BenchRow = {
  id: 3,
  what: 'plaintext-token diagnostics for a 10 MB file of 100,000 small tokens, and for a log with 10,000 real-size ServiceAccount tokens (13 MB)',
  against: 'the scan alone (scanTokens, row 1) on the same text',
  run,
};
