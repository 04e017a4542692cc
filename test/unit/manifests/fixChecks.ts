// What every quick fix must do, checked the same way for the corpus, the hostile manifests and the
// generated ones: clear its finding, keep the YAML readable, add no error, and lose no word the
// person wrote unless its title says it removes, replaces or changes it.
import { isPair, parseAllDocuments, visit } from 'yaml';
import { validateManifests, type Finding, type Fix, type TextEdit, type ValidationOptions } from '../../../src/manifests';

export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  return [...edits].sort((a, b) => b.start - a.start).reduce((result, edit) => result.slice(0, edit.start) + edit.newText + result.slice(edit.end), text);
}

/** Findings kubectl or the parser stop at: fixing one lets the rules run, so new errors may appear. */
const refusals = new Set(['yaml-syntax', 'yaml-directive', 'control-character', 'alias-unknown', 'alias-cycle', 'alias-budget', 'too-deep', 'merge-value', 'map-key', 'tag-value', 'non-finite-number']);

/** The words of some YAML, without tags and without the spellings of null, which say nothing. */
const words = (text: string) => new Set((text.replace(/![^\s,[\]{}]*/g, ' ').match(/[A-Za-z0-9][\w./:@-]*/g) ?? []).filter((word) => !['null', 'Null', 'NULL'].includes(word)));

/** A single scalar, possibly behind a tag: what a "Change to" or "Rename" fix may replace (no pair, no comment, no list item). */
const oneScalar = /^\s*(?:![^\s]*\s+)?(?:"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[|>][^\n]*\n[^]*|(?:(?!: |\s#|\n\s*- )[^])*)\s*$/;

/**
 * What a rename may reveal, in the text after the fix: the mapping that holds the renamed key, from
 * the key that opens it. A field that now counts may show what else its object needs (kind → name).
 */
function renamedScope(text: string, edit: TextEdit): [number, number] {
  let scope: [number, number] = [edit.start, edit.end];
  const range = (node: unknown) => (node as { range?: number[] } | null)?.range;
  for (const document of parseAllDocuments(text, { uniqueKeys: false })) {
    visit(document, {
      Pair: (_key, pair, path) => {
        if (range(pair.key)?.[0] !== edit.start) {
          return;
        }
        const parent = [...path].reverse().find(isPair);
        const map = path[path.length - 1];
        scope = [range(parent?.key)?.[0] ?? range(map)?.[0] ?? edit.start, Math.max(range(map)?.[1] ?? edit.end, range(pair.value)?.[1] ?? edit.end)];
      },
    });
  }
  const shift = edit.newText.length - (edit.end - edit.start);
  return [scope[0], scope[1] + shift];
}

/** Where an offset of the text after the edits was before them (inside new text: where that text went in). */
function offsetBefore(edits: readonly TextEdit[], offset: number): number {
  let shift = 0;
  for (const edit of [...edits].sort((a, b) => a.start - b.start)) {
    const start = edit.start + shift;
    if (offset < start) {
      break;
    }
    if (offset < start + edit.newText.length) {
      return edit.start;
    }
    shift += edit.newText.length - (edit.end - edit.start);
  }
  return offset - shift;
}

/** What is wrong with a fix, or [] when it does what it must. */
export function fixProblems(text: string, findings: readonly Finding[], finding: Finding, fix: Fix, options: ValidationOptions): string[] {
  const after = applyEdits(text, fix.edits);
  const next = validateManifests(after, options);
  const problems: string[] = [];
  const count = (list: readonly Finding[], match: (other: Finding) => boolean) => list.filter(match).length;
  // Cleared: one finding fewer like it where it was (a duplicate key elsewhere may now be reported in its words).
  const like = (other: Finding, start: number) => other.code === finding.code && other.message === finding.message && start === finding.start;
  if (count(next, (other) => like(other, offsetBefore(fix.edits, other.start))) >= count(findings, (other) => like(other, other.start))) {
    problems.push(`leaves ${finding.code}`);
  }
  if (count(next, (other) => other.code === 'yaml-syntax') > count(findings, (other) => other.code === 'yaml-syntax')) {
    problems.push('breaks the YAML');
  }
  const rename = /^Rename/.test(fix.title) ? fix.edits[0] : undefined;
  const revealed = rename ? renamedScope(text, rename) : undefined;
  if (!refusals.has(finding.code)) {
    const before = findings.filter((other) => other.severity === 'error');
    const inRenamed = (error: Finding) => !!revealed && error.start >= revealed[0] && error.start <= revealed[1];
    // What a rename reveals is reported at the aliases of the renamed mapping too.
    const revealedMessages = new Set(next.filter(inRenamed).map((error) => error.message));
    for (const error of next.filter((other) => other.severity === 'error')) {
      // An error is old if it was reported where the fix left that text, or in the same words
      // elsewhere: one rule may word a problem another worded before the fix changed the shape.
      const start = offsetBefore(fix.edits, error.start);
      const old = before.some((other) => (other.code === error.code && other.start === start) || other.message === error.message);
      if (!old && !inRenamed(error) && !revealedMessages.has(error.message)) {
        problems.push(`adds ${error.code}: ${error.message}`);
        break;
      }
    }
  }
  // A fix that removes or replaces an object says so: the words it drops are the ones it names.
  if (!/^(Remove|Replace)/.test(fix.title)) {
    for (const edit of fix.edits) {
      const old = text.slice(edit.start, edit.end);
      const kept = words(edit.newText);
      const lost = [...words(old)].filter((word) => !kept.has(word));
      if (lost.length > 0 && !(/^(Change to|Rename|Bind to)|in place of \*/.test(fix.title) && oneScalar.test(old))) {
        problems.push(`loses ${lost.join(', ')}`);
      }
    }
  }
  return problems.map((problem) => `${fix.title} (for ${finding.code} at ${finding.start}): ${problem}`);
}

/** The problems of every fix offered for every finding of a text. */
export function allFixProblems(text: string, options: ValidationOptions): string[] {
  const findings = validateManifests(text, options);
  return findings.flatMap((finding) => finding.fixes.flatMap((fix) => fixProblems(text, findings, finding, fix, options)));
}
