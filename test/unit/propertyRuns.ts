/**
 * One configuration for every fast-check property: a fixed seed, so CI runs the same cases each
 * time, and the seed in every failure report (fast-check prints it with the counterexample).
 * PROPERTY_SEED replays another seed; PROPERTY_RUNS scales the number of cases.
 */
import fc from 'fast-check';

export const propertySeed = Number(process.env.PROPERTY_SEED ?? 20261126);

/** Options for `fc.assert`: `runs` cases (10,000 for each parser's main property). */
export function propertyRuns(runs = 10_000): fc.Parameters<unknown> {
  const scale = Number(process.env.PROPERTY_RUNS_SCALE ?? 1);
  return {
    seed: propertySeed,
    numRuns: Math.max(1, Math.round(runs * scale)),
    reporter: (details) => {
      if (details.failed) {
        throw new Error(`${fc.defaultReportMessage(details)}\nReplay with PROPERTY_SEED=${propertySeed}.`);
      }
    },
  };
}
