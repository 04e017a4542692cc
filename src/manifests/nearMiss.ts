// Which known name a misspelt one was meant to be: another case, a typo, a plural, a hyphen.

/** Damerau-Levenshtein (optimal string alignment) distance, or `limit + 1` once it is known to exceed `limit`. */
function distance(a: string, b: string, limit: number): number {
  // The length difference alone exceeds the limit: no table, so a 100,000-character key costs nothing.
  if (Math.abs(a.length - b.length) > limit) {
    return limit + 1;
  }
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        current[j] = Math.min(current[j], before[j - 2] + 1);
      }
    }
    [before, previous] = [previous, current];
  }
  return previous[b.length];
}

const normal = (text: string) => text.toLowerCase().replace(/[-_ ]/g, '');

/** The known field an unknown one was probably meant to be: another case, a typo, a singular, a longer spelling. */
export function nearMiss(name: string, known: readonly string[]): string | undefined {
  const wanted = normal(name);
  const allowed = wanted.length >= 6 ? 2 : wanted.length >= 3 ? 1 : 0;
  let best: string | undefined;
  let bestScore = Number.POSITIVE_INFINITY;
  for (const candidate of known) {
    const other = normal(candidate);
    const [shorter, longer] = wanted.length <= other.length ? [wanted, other] : [other, wanted];
    // A prefix only counts when long enough to be specific (boundObjectReference, expirationSecond, not name/namespace).
    const score = shorter === longer ? 0 : shorter.length >= 6 && longer.startsWith(shorter) ? 1 : distance(wanted, other, allowed);
    if (score < bestScore) {
      [best, bestScore] = [candidate, score];
    }
  }
  return bestScore <= allowed ? best : undefined;
}

/** The kind a misspelt kind was meant to be (`TokenRequests`, `token-request`, `TokenReveiw`): at most two edits away. */
export function nearKind<T extends string>(written: string, kinds: readonly T[]): T | undefined {
  const wanted = normal(written);
  const scored = kinds.map((kind) => ({ kind, score: distance(wanted, normal(kind), 2) })).sort((a, b) => a.score - b.score);
  return scored[0] && scored[0].score <= 2 ? scored[0].kind : undefined;
}
