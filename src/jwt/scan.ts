/**
 * Finds compact JWTs in any text in one pass. A token is a run of base64url characters and dots
 * whose first segment holds `eyJ` (base64url of `{"`), so nothing here backtracks: each character
 * is looked at a bounded number of times, and a hover looks only at a bounded window around the cursor.
 *
 * Tokens are often glued to what precedes them: `Bearer%20eyJ…` in a URL, `"token:\neyJ…"` or
 * `\u0022eyJ…` inside an escaped string, `SA_TOKEN_eyJ…`, `x-eyJ…`. The token starts at the first
 * `eyJ` of the run's first segment that opens a JSON member name: its first 8 characters decode to
 * `{"` and four printable ASCII characters, as every real header does. A run that opens with `eyJ`
 * but has no such start is still a token (one that will not decode, and is reported as malformed).
 * Text glued before a token that itself holds such an `eyJ` is not told apart: it needs a decode
 * per start, and glue that reads as a JSON header does not occur in practice.
 */

/** Longer runs are not treated as tokens: it bounds the work a hover does on a huge line. */
export const maxTokenLength = 256 * 1024;

export interface FoundToken {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

function isTokenChar(code: number): boolean {
  return (
    (code >= 0x41 && code <= 0x5a) || // A-Z
    (code >= 0x61 && code <= 0x7a) || // a-z
    (code >= 0x30 && code <= 0x39) || // 0-9
    code === 0x2d || // -
    code === 0x5f || // _
    code === 0x2e // .
  );
}

/** The 6-bit value of a base64url character (the caller passes token characters only, dots excluded). */
function sextet(code: number): number {
  if (code >= 0x41 && code <= 0x5a) {
    return code - 0x41;
  }
  if (code >= 0x61 && code <= 0x7a) {
    return code - 0x61 + 26;
  }
  if (code >= 0x30 && code <= 0x39) {
    return code - 0x30 + 52;
  }
  return code === 0x2d ? 62 : 63;
}

const isPrintableAscii = (byte: number) => byte >= 0x20 && byte <= 0x7e;

/** `eyJ` at `at` opens a JSON member name: the 8 characters from it, all before `end` and the first dot, decode to `{"` and 4 printable ASCII bytes. */
function opensMemberName(text: string, at: number, end: number): boolean {
  if (at + 8 > end) {
    return false;
  }
  let bits = 0;
  for (let i = at; i < at + 8; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x2e) {
      return false;
    }
    bits = bits * 64 + sextet(code);
  }
  // 48 bits: `{"` in the first 16, then the four bytes that must be printable.
  const low = bits % 2 ** 32;
  return isPrintableAscii(Math.floor(bits / 2 ** 24) % 256) && isPrintableAscii(low >>> 24) && isPrintableAscii((low >>> 16) & 0xff) && isPrintableAscii((low >>> 8) & 0xff) && isPrintableAscii(low & 0xff);
}

/** Where the token in the run [start, end) starts, or -1 when the run holds none. */
function tokenStart(text: string, start: number, end: number): number {
  for (let i = start; i + 3 <= end && text.charCodeAt(i) !== 0x2e; i++) {
    if (text.startsWith('eyJ', i) && opensMemberName(text, i, end)) {
      return i;
    }
  }
  return text.startsWith('eyJ', start) ? start : -1;
}

function dotsWithin(text: string, start: number, end: number): number {
  let dots = 0;
  for (let i = start; i < end; i++) {
    if (text.charCodeAt(i) === 0x2e) {
      dots++;
    }
  }
  return dots;
}

/** A run that holds something that tries to be a JWT: a JSON header start and at least one dot. Dots at its edges are punctuation. */
function candidate(text: string, runStart: number, runEnd: number): FoundToken | undefined {
  let start = runStart;
  let end = runEnd;
  while (start < end && text.charCodeAt(start) === 0x2e) {
    start++;
  }
  while (end > start && text.charCodeAt(end - 1) === 0x2e) {
    end--;
  }
  if (end - start < 10 || end - start > maxTokenLength) {
    return undefined;
  }
  start = tokenStart(text, start, end);
  if (start < 0 || end - start < 10) {
    return undefined;
  }
  const dots = dotsWithin(text, start, end);
  if (dots === 0) {
    return undefined;
  }
  // An unsigned token (`alg: none`) ends with its own dot: `header.payload.`.
  if (dots === 1 && end < runEnd) {
    end++;
  }
  return { start, end, text: text.slice(start, end) };
}

/** Every token-like run in `text`, in order. */
export function scanTokens(text: string): FoundToken[] {
  const found: FoundToken[] = [];
  let i = 0;
  while (i < text.length) {
    if (!isTokenChar(text.charCodeAt(i))) {
      i++;
      continue;
    }
    const runStart = i;
    while (i < text.length && isTokenChar(text.charCodeAt(i))) {
      i++;
    }
    const token = candidate(text, runStart, i);
    if (token) {
      found.push(token);
    }
  }
  return found;
}

/** The token-like run under `offset`, looking at most `maxTokenLength` characters either side. */
export function tokenAt(text: string, offset: number): FoundToken | undefined {
  const low = Math.max(0, offset - maxTokenLength - 1);
  const high = Math.min(text.length, offset + maxTokenLength + 1);
  let start = Math.min(offset, text.length);
  while (start > low && isTokenChar(text.charCodeAt(start - 1))) {
    start--;
  }
  let end = offset;
  while (end < high && isTokenChar(text.charCodeAt(end))) {
    end++;
  }
  if ((start === low && low > 0) || (end === high && high < text.length)) {
    return undefined;
  }
  const token = candidate(text, start, end);
  return token && offset >= token.start && offset <= token.end ? token : undefined;
}
