/**
 * Finds compact JWTs in any text in one pass. A token is a run of base64url characters and dots
 * that starts with `eyJ` (base64url of `{"`), so nothing here backtracks: each character is
 * looked at once, and a hover looks only at a bounded window around the cursor.
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

function dotsWithin(text: string, start: number, end: number): number {
  let dots = 0;
  for (let i = start; i < end; i++) {
    if (text.charCodeAt(i) === 0x2e) {
      dots++;
    }
  }
  return dots;
}

/** A run that looks like it tries to be a JWT: a JSON header start and at least one dot. Dots at its edges are punctuation. */
function candidate(text: string, runStart: number, runEnd: number): FoundToken | undefined {
  let start = runStart;
  let end = runEnd;
  while (start < end && text.charCodeAt(start) === 0x2e) {
    start++;
  }
  while (end > start && text.charCodeAt(end - 1) === 0x2e) {
    end--;
  }
  if (end - start < 10 || end - start > maxTokenLength || !text.startsWith('eyJ', start)) {
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
