/**
 * The exclude globs a workspace scan honours, read from the values of VS Code's `files.exclude` and
 * `search.exclude` settings. Values come from settings files a repository may hold, so anything
 * that is not a glob switched on is ignored rather than trusted.
 */

export interface ScanExcludes {
  /** Globs switched on (`"**\/dist": true`). */
  readonly globs: readonly string[];
  /**
   * Globs that exclude a file only when a sibling exists (`"**\/*.js": { "when": "$(basename).ts" }`).
   * The scan does not apply them: those files are scanned, since scanning a generated file costs
   * time while skipping one could hide a token. Counted so the summary can say so.
   */
  readonly conditional: readonly string[];
}

/** Globs longer than this are not globs anyone wrote by hand; they are dropped, not matched. */
const maxGlobLength = 1000;

function entriesOf(setting: unknown): [string, unknown][] {
  return typeof setting === 'object' && setting !== null && !Array.isArray(setting) ? Object.entries(setting) : [];
}

function isSiblingCondition(value: unknown): boolean {
  return typeof value === 'object' && value !== null && typeof (value as { when?: unknown }).when === 'string';
}

/**
 * The globs of `files.exclude` and `search.exclude` that a scan applies, and those it cannot. As in
 * VS Code's search (queryBuilder mixes search.exclude over files.exclude), a `search.exclude` value
 * for the same glob wins: `false` there switches a `files.exclude` glob off for searching.
 */
export function scanExcludes(filesExclude: unknown, searchExclude: unknown): ScanExcludes {
  const merged = new Map<string, unknown>([...entriesOf(filesExclude), ...entriesOf(searchExclude)]);
  const globs: string[] = [];
  const conditional: string[] = [];
  for (const [glob, value] of merged) {
    if (glob.trim() === '' || glob.length > maxGlobLength) {
      continue;
    }
    if (value === true) {
      globs.push(glob);
    } else if (isSiblingCondition(value)) {
      conditional.push(glob);
    }
  }
  return { globs, conditional };
}
