/**
 * How others find JWTs in text, for row 1 of `npm run bench`: the floor, the common regex, and
 * (from ./scanWorkspace/publishedRules.ts, shared with the workspace-scan bench) gitleaks' and
 * trufflehog's published JWT rules as they run in JavaScript's backtracking engine; both tools run
 * them in Go's RE2.
 */

/** What most code does: three base64url runs joined by dots, with matchAll. */
export const commonJwtPattern = /[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g;

/** How many matches `pattern` finds in `text`, collected as the tools collect them: every match, with its groups. */
export function countMatches(pattern: RegExp, text: string): number {
  return [...text.matchAll(pattern)].length;
}

/** The floor any JWT scanner pays: finding every `eyJ` (base64url of `{"`) with indexOf, and nothing else. */
export function countHeaderStarts(text: string): number {
  let count = 0;
  for (let at = text.indexOf('eyJ'); at >= 0; at = text.indexOf('eyJ', at + 3)) {
    count++;
  }
  return count;
}
