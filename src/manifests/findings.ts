// What the validator reports: plain data with character offsets into the whole file text, so the
// editor adapters only have to convert offsets to positions.

import type { ServerVersion } from '../cluster/types';

export type Severity = 'error' | 'warning' | 'information' | 'hint';

export interface TextEdit {
  start: number;
  end: number;
  newText: string;
}

export interface Fix {
  title: string;
  edits: TextEdit[];
}

export interface Finding {
  code: string;
  severity: Severity;
  message: string;
  start: number;
  end: number;
  fixes: Fix[];
}

export interface ValidationOptions {
  /** Offered by the "add spec.audiences" fix; empty: a placeholder the user replaces. */
  defaultAudiences: string[];
  /** ms since the epoch, for "this token has expired". */
  now: number;
  /** The connected cluster's version, when there is one: what it cannot do is an error, not a note. */
  serverVersion?: ServerVersion;
}

/** The same finding `delta` characters further on; findings are cached relative to their document. */
export function shiftFinding(finding: Finding, delta: number): Finding {
  return {
    ...finding,
    start: finding.start + delta,
    end: finding.end + delta,
    fixes: finding.fixes.map((fix) => ({ title: fix.title, edits: fix.edits.map((edit) => ({ start: edit.start + delta, end: edit.end + delta, newText: edit.newText })) })),
  };
}
