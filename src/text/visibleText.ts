/**
 * Text from outside (a token, a server, a file) made safe to show: characters that are invisible
 * or that reorder what is displayed (bidirectional overrides, zero-width, line separators, C0/C1
 * controls) are written as escapes, so what people read is what the text holds.
 */

/**
 * Controls, format characters (bidi marks, zero-width, BOM, tags), line and paragraph separators,
 * lone surrogates, and the Hangul fillers that render as blank letters.
 */
const invisible = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}\u115F\u1160\u3164\uFFA0]/u;
const invisibleAll = new RegExp(invisible.source, 'gu');
/** Printable ASCII holds nothing to escape, and this test is cheaper than the Unicode classes above: most claims pass it. */
const printableAscii = /^[\x20-\x7E]*$/;

const named: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

const hex4 = (unit: number) => `\\u${unit.toString(16).toUpperCase().padStart(4, '0')}`;

/** `\n`, `\u202E`; a character beyond U+FFFF as its two UTF-16 escapes, which is how JSON writes it too. */
function escaped(char: string): string {
  if (Object.hasOwn(named, char)) {
    return named[char];
  }
  return char.length === 2 ? hex4(char.charCodeAt(0)) + hex4(char.charCodeAt(1)) : hex4(char.charCodeAt(0));
}

/**
 * `text` on one line with every invisible or reordering character escaped, cut to at most
 * `limit` characters (escapes counted); a cut text ends with `… (N characters)`. The work done
 * is bounded by `limit`, not by the length of `text`. For Markdown code spans, which need nothing
 * more; plain text shown by VS Code needs `visibleText`.
 */
export function escapedText(text: string, limit: number): string {
  // Most text has nothing to escape: one native test of what fits decides it (a pair cut at the
  // limit leaves a lone surrogate, which the test finds, so that case takes the loop below).
  const head = text.length > limit ? text.slice(0, limit) : text;
  if (printableAscii.test(head) || !invisible.test(head)) {
    return head === text ? text : `${head}… (${text.length} characters)`;
  }
  let shown = '';
  let i = 0;
  while (i < text.length) {
    const codePoint = text.codePointAt(i) ?? 0;
    const char = String.fromCodePoint(codePoint);
    const piece = invisible.test(char) ? escaped(char) : char;
    if (shown.length + piece.length > limit) {
      return `${shown}… (${text.length} characters)`;
    }
    shown += piece;
    i += char.length;
  }
  return shown;
}

/**
 * Plain text that VS Code still interprets, made literal: a notification turns `[label](command:…)`
 * into a link that runs the command, and quick picks and the status bar turn `$(name)` into an
 * icon. A space after `]` or `$` keeps both as the text they are.
 */
export function defusedText(text: string): string {
  return text.replace(/\]\(/g, '] (').replace(/\$\(/g, '$ (');
}

/**
 * Text from outside for any plain-text place (messages, notifications, diagnostics, quick picks,
 * tree items): invisible characters escaped, links and icons made literal, at most `limit`
 * characters plus the `… (N characters)` that says it was cut.
 */
export function visibleText(text: string, limit: number): string {
  return defusedText(escapedText(text, limit));
}

/**
 * `text` with invisible and reordering characters escaped except line breaks, for multi-line
 * views. Inside JSON strings the escapes are JSON's own, so JSON stays JSON with the same meaning.
 */
export function revealInvisible(text: string): string {
  return text.replace(invisibleAll, (char) => (char === '\n' ? char : escaped(char)));
}
