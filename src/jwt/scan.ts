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

/** What each UTF-16 code unit is to the scanner: a table read is cheaper than comparisons per character. */
const other = 0;
const base64urlChar = 1;
const dot = 2;
const kinds = new Uint8Array(0x10000);
/** The 6-bit value of each base64url character. */
const sextets = new Uint8Array(0x80);
'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'.split('').forEach((character, value) => {
  kinds[character.charCodeAt(0)] = base64urlChar;
  sextets[character.charCodeAt(0)] = value;
});
kinds[0x2e] = dot;

const isPrintableAscii = (byte: number) => byte >= 0x20 && byte <= 0x7e;

/** `eyJ` at `at` opens a JSON member name: the 8 characters from it, all before the segment's end, decode to `{"` and 4 printable ASCII bytes. */
function opensMemberName(text: string, at: number, segmentEnd: number): boolean {
  if (at + 8 > segmentEnd) {
    return false;
  }
  let bits = 0;
  for (let i = at; i < at + 8; i++) {
    bits = bits * 64 + sextets[text.charCodeAt(i)];
  }
  // 48 bits: `{"` in the first 16, then the four bytes that must be printable.
  const low = bits % 2 ** 32;
  return isPrintableAscii(Math.floor(bits / 2 ** 24) % 256) && isPrintableAscii(low >>> 24) && isPrintableAscii((low >>> 16) & 0xff) && isPrintableAscii((low >>> 8) & 0xff) && isPrintableAscii(low & 0xff);
}

const startsWithEyJ = (text: string, at: number) => text.charCodeAt(at) === 0x65 && text.charCodeAt(at + 1) === 0x79 && text.charCodeAt(at + 2) === 0x4a;

/** The first `eyJ` in [from, segmentEnd), or -1. Reads nothing past the segment, so a hover's window stays bounded. */
function firstEyJ(text: string, from: number, segmentEnd: number): number {
  for (let i = from; i + 3 <= segmentEnd; i++) {
    if (startsWithEyJ(text, i)) {
      return i;
    }
  }
  return -1;
}

/**
 * The token in a run whose dots at the start are already skipped: `start` is where its first segment
 * starts, `firstEyJAt` the first `eyJ` in that segment, `segmentEnd` the segment's end (its first dot, or
 * the run's end), `runEnd` the run's end. Dots at the run's end are punctuation.
 */
function tokenInRun(text: string, start: number, firstEyJAt: number, segmentEnd: number, runEnd: number): FoundToken | undefined {
  let end = runEnd;
  while (end > start && text.charCodeAt(end - 1) === 0x2e) {
    end--;
  }
  if (end - start < 10 || end - start > maxTokenLength) {
    return undefined;
  }
  let tokenStart = firstEyJAt === start ? start : -1;
  for (let at = firstEyJAt; at >= 0; at = firstEyJ(text, at + 1, segmentEnd)) {
    if (opensMemberName(text, at, segmentEnd)) {
      tokenStart = at;
      break;
    }
  }
  // A token has a dot: the first segment ends before the run does.
  if (tokenStart < 0 || end - tokenStart < 10 || segmentEnd >= end) {
    return undefined;
  }
  // An unsigned token (`alg: none`) ends with its own dot: `header.payload.`.
  if (end < runEnd && text.lastIndexOf('.', end - 1) === segmentEnd) {
    end++;
  }
  return { start: tokenStart, end, text: text.slice(tokenStart, end) };
}

/** A run that holds something that tries to be a JWT: a JSON header start in its first segment and at least one dot. */
function candidate(text: string, runStart: number, runEnd: number): FoundToken | undefined {
  let start = runStart;
  while (start < runEnd && text.charCodeAt(start) === 0x2e) {
    start++;
  }
  let segmentEnd = start;
  while (segmentEnd < runEnd && text.charCodeAt(segmentEnd) !== 0x2e) {
    segmentEnd++;
  }
  const at = firstEyJ(text, start, segmentEnd);
  return at < 0 ? undefined : tokenInRun(text, start, at, segmentEnd, runEnd);
}

/** Forward over a token's characters, V8's compiled regular expressions are several times faster than a loop over charCodeAt. */
const segmentChars = /[A-Za-z0-9_-]*/y;
const runChars = /[A-Za-z0-9_.-]*/y;

function endOf(chars: RegExp, text: string, from: number): number {
  chars.lastIndex = from;
  chars.test(text);
  return chars.lastIndex;
}

/**
 * Finds the tokens of a text one at a time, so a long text can be scanned in slices. It jumps from
 * one `eyJ` to the next with `indexOf` (native and fast) and reads characters one by one only around
 * a hit: back to the start of the hit's run, forward to its end, then on from there. Each character
 * is read a bounded number of times.
 */
export class TokenScanner {
  private position = 0;

  constructor(private readonly text: string) {}

  /** The next token, or undefined when the text holds no more. */
  next(): FoundToken | undefined {
    const text = this.text;
    let hit = text.indexOf('eyJ', this.position);
    while (hit >= 0) {
      let segmentStart = hit;
      while (segmentStart > 0 && kinds[text.charCodeAt(segmentStart - 1)] === base64urlChar) {
        segmentStart--;
      }
      let runStart = segmentStart;
      while (runStart > 0 && kinds[text.charCodeAt(runStart - 1)] === dot) {
        runStart--;
      }
      const segmentEnd = endOf(segmentChars, text, hit + 3);
      const runEnd = endOf(runChars, text, segmentEnd);
      this.position = runEnd;
      // Only the run's first segment may hold the token's start; an eyJ further on is inside a token, or in no token.
      const inFirstSegment = runStart === 0 || kinds[text.charCodeAt(runStart - 1)] === other;
      const token = inFirstSegment ? tokenInRun(text, segmentStart, hit, segmentEnd, runEnd) : undefined;
      if (token) {
        return token;
      }
      hit = text.indexOf('eyJ', runEnd);
    }
    this.position = text.length;
    return undefined;
  }
}

/** Every token-like run in `text`, in order. */
export function scanTokens(text: string): FoundToken[] {
  const found: FoundToken[] = [];
  const scanner = new TokenScanner(text);
  for (let token = scanner.next(); token; token = scanner.next()) {
    found.push(token);
  }
  return found;
}

/** The token-like run under `offset`, looking at most `maxTokenLength` characters either side. */
export function tokenAt(text: string, offset: number): FoundToken | undefined {
  const low = Math.max(0, offset - maxTokenLength - 1);
  const high = Math.min(text.length, offset + maxTokenLength + 1);
  let start = Math.min(offset, text.length);
  while (start > low && kinds[text.charCodeAt(start - 1)] !== other) {
    start--;
  }
  let end = offset;
  while (end < high && kinds[text.charCodeAt(end)] !== other) {
    end++;
  }
  if ((start === low && low > 0) || (end === high && high < text.length)) {
    return undefined;
  }
  const token = candidate(text, start, end);
  return token && offset >= token.start && offset <= token.end ? token : undefined;
}
