/**
 * One row of `npm run bench`: what is measured, what it is measured against in the same run, and
 * whether it met its budget. Machines here are shared and noisy, so budgets are ratios taken inside one
 * run (median over repeated runs, with the spread beside it), never absolute times.
 */
export interface BenchFigure {
  /** e.g. "scan 50 MB: 0.91× the indexOf floor (spread 0.85–0.97)". */
  readonly label: string;
  /** The measured value compared with the budget (a ratio, a count, a size). */
  readonly value: number;
  /** e.g. "≤ 1.5× floor"; `pass` tells whether `value` met it. */
  readonly budget: string;
  readonly pass: boolean;
}

export interface BenchRowResult {
  readonly figures: readonly BenchFigure[];
  /** Absolute times and anything else a reader wants beside the ratios, one line each. */
  readonly details: readonly string[];
}

export interface BenchRow {
  /** The row's number in issue 16's table (1–10). */
  readonly id: number;
  readonly what: string;
  readonly against: string;
  run(): Promise<BenchRowResult>;
}
