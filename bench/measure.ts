/**
 * Median and spread of repeated runs, shared by every row of `npm run bench`. The machines here are
 * shared and noisy: a row reports the median, with the lowest and highest run beside it.
 */
export interface Spread {
  readonly median: number;
  readonly min: number;
  readonly max: number;
  readonly samples: readonly number[];
}

export function spreadOf(samples: readonly number[]): Spread {
  if (samples.length === 0) {
    throw new Error('spreadOf needs at least one sample');
  }
  const sorted = [...samples].sort((left, right) => left - right);
  const middle = sorted.length >> 1;
  const median = sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  return { median, min: sorted[0], max: sorted[sorted.length - 1], samples };
}

/** Runs `sample` `runs` times one after another; each run returns its own figure (a time, a ratio). */
export async function repeat(runs: number, sample: (run: number) => Promise<number> | number): Promise<Spread> {
  const samples: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    samples.push(await sample(run));
  }
  return spreadOf(samples);
}

/** Milliseconds `work` takes. */
export async function timed(work: () => Promise<unknown> | unknown): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

/** `0.12 (0.10–0.15)`: the median with the spread, `digits` after the point. */
export function formatSpread(spread: Spread, digits = 2, unit = ''): string {
  const f = (value: number) => `${value.toFixed(digits)}${unit}`;
  return `${f(spread.median)} (${f(spread.min)}–${f(spread.max)})`;
}
