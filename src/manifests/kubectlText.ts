// What kubectl refuses in the text of a document before it reads any YAML: characters and directives.
import { parseDocuments } from './documents';
import type { Finding } from './findings';
import { excerpt } from './quote';
import * as l10n from '../text/l10n';

/** go-yaml's printable characters (YAML 1.1): anything else, even in a comment, stops kubectl. */
const notPrintable = /[^\t\n\r\x20-\x7E\x85\xA0-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/**
 * A first look without the `u` flag, which runs over the text without copying it: it matches every
 * character `notPrintable` matches, and also any surrogate (a pair makes an astral character, which
 * `notPrintable` then judges).
 */
const maybeNotPrintable = /[^\t\n\r\x20-\x7E\x85\xA0-\uD7FF\uE000-\uFFFD]/g;

/** How many syntax errors the parser finds in a text. */
function syntaxErrors(text: string): number {
  return parseDocuments(text).reduce((count, document) => count + document.errors.length, 0);
}

/**
 * The first control character of `text` from `start` to `end`, with a fix that removes them all, or
 * else puts spaces in their place: whichever leaves the YAML as readable as it was (a character
 * before the indentation of a line cannot just go). Control characters are rare, so parsing again is cheap enough.
 */
export function controlCharacters(text: string, start: number, end: number): Finding | undefined {
  maybeNotPrintable.lastIndex = start;
  const candidate = maybeNotPrintable.exec(text);
  if (!candidate || candidate.index >= end) {
    return undefined;
  }
  const found = [...text.slice(start, end).matchAll(notPrintable)].map((match) => ({ start: start + match.index, end: start + match.index + match[0].length }));
  if (found.length === 0) {
    return undefined;
  }
  const [first] = found;
  const errors = syntaxErrors(text);
  const several = found.length > 1;
  const fix = [
    { title: several ? l10n.t('Remove the {0} control characters', found.length) : l10n.t('Remove the control character'), edits: found.map((at) => ({ ...at, newText: '' })) },
    { title: several ? l10n.t('Put spaces in place of the {0} control characters', found.length) : l10n.t('Put spaces in place of the control character'), edits: found.map((at) => ({ ...at, newText: ' ' })) },
  ].find((candidate) => syntaxErrors(applied(text, candidate.edits)) <= errors);
  return {
    code: 'control-character',
    severity: 'error',
    message: several
      ? l10n.t('kubectl refuses the control character {0} here: "yaml: control characters are not allowed". Remove it, or write it as an escape inside double quotes. This document holds {1} of them.', excerpt(text.slice(first.start, first.end)), found.length)
      : l10n.t('kubectl refuses the control character {0} here: "yaml: control characters are not allowed". Remove it, or write it as an escape inside double quotes.', excerpt(text.slice(first.start, first.end))),
    start: first.start,
    end: first.end,
    fixes: fix ? [fix] : [],
  };
}

/** The text with non-overlapping edits applied, in one pass however many there are. */
function applied(text: string, edits: readonly { start: number; end: number; newText: string }[]): string {
  const pieces: string[] = [];
  let at = 0;
  for (const edit of [...edits].sort((a, b) => a.start - b.start)) {
    pieces.push(text.slice(at, edit.start), edit.newText);
    at = edit.end;
  }
  pieces.push(text.slice(at));
  return pieces.join('');
}

/**
 * `%YAML` and `%TAG` lines before `end`. kubectl cuts the file at `---` lines before parsing, so a
 * directive is left alone in its piece and kubectl stops.
 */
export function directives(text: string, end: number): Finding[] {
  // Most documents hold no % before their start: no need to copy and search that text.
  const percent = text.indexOf('%');
  if (percent < 0 || percent >= end) {
    return [];
  }
  return [...text.slice(0, end).matchAll(/^%[^\r\n]*/gm)].map((match) => ({
    code: 'yaml-directive',
    severity: 'error',
    message: l10n.t('kubectl cuts the file at --- lines before it reads it, so this directive is left without its document and kubectl stops with "yaml: line 1: did not find expected <document start>". Remove it: kubectl reads every document with YAML 1.1 rules anyway.'),
    start: match.index,
    end: match.index + match[0].length,
    // A %TAG directive defines handles that tags below may use: removing it is the person's call.
    fixes: match[0].startsWith('%YAML') ? [{ title: l10n.t('Remove the directive'), edits: [{ start: match.index, end: Math.min(text.length, match.index + match[0].length + (text[match.index + match[0].length] === '\r' ? 2 : 1)), newText: '' }] }] : [],
  }));
}
