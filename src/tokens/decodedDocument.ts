/**
 * The decoded view of a token, as JSON with comments: what the token is in `//` lines, then its
 * header and payload pretty-printed with each time claim's date beside it. Text from the token
 * reaches the view only as a JSON string with invisible characters escaped, or as visible text in
 * a comment, so no claim can end a comment early, start a line of its own or hide what it holds.
 */
import { decodeJwt, type DecodedJwt, type JsonObject } from '../jwt/decode';
import { describeJwt } from '../jwt/describe';
import { maxTokenLength } from '../jwt/scan';
import { absoluteTime, claimSeconds, humanDuration, secondsUntilExpiryPhraseChanges } from '../jwt/time';
import { claimedLifetime } from './lifetime';
import { revealInvisible, visibleText } from '../text/visibleText';
import * as l10n from '../text/l10n';

/** Names and values longer than this are cut, with a comment saying so. */
const maxStringLength = 4000;
/** The view stops adding members past this many characters, and says how many it left out. */
const maxViewLength = 1_000_000;
const maxCommentLength = 2000;
/** The hover shows 3; a token repeating thousands of names must not fill the view with warnings. */
const maxWarnings = 10;
/** From here on `humanDuration` reads "more than 10000 years": such a time's words do not change. */
const farSeconds = 10_000 * 365 * 86400;

/** NumericDate claims, by their path in the payload: RFC 7519's, OpenID Connect's `auth_time`, Kubernetes' `warnafter`. */
const timeClaims: readonly (readonly string[])[] = [['exp'], ['iat'], ['nbf'], ['auth_time'], ['kubernetes.io', 'warnafter']];

type PathKey = string | number;

/** The token with its middle hidden: its header's first characters, never the signature. */
export function maskToken(token: string): string {
  return token.length <= 16 ? '•'.repeat(token.length) : l10n.t('{0}… ({1} characters, masked)', visibleText(token.slice(0, 8), 48), token.length);
}

const isTimeClaim = (path: readonly PathKey[]) =>
  path[0] === 'payload' && timeClaims.some((claim) => claim.length === path.length - 1 && claim.every((name, i) => name === path[i + 1]));

/** Own members only: a claim named `__proto__` or `constructor` is the token's, not Object.prototype's. */
function valueAt(object: JsonObject, path: readonly string[]): unknown {
  let value: unknown = object;
  for (const name of path) {
    value = typeof value === 'object' && value !== null && !Array.isArray(value) && Object.hasOwn(value, name) ? (value as JsonObject)[name] : undefined;
  }
  return value;
}

/** `2027-01-15 09:00:00 UTC, in 50 min`: the words change at the moments `secondsUntilExpiryPhraseChanges` names. */
function timeNote(seconds: number, nowSeconds: number): string {
  const future = seconds > nowSeconds;
  const duration = humanDuration(seconds - nowSeconds);
  const date = absoluteTime(seconds)?.replace('T', ' ').replace('Z', '');
  if (date === undefined) {
    return future ? l10n.t('in {0}', duration) : l10n.t('{0} ago', duration);
  }
  return future ? l10n.t('{0} UTC, in {1}', date, duration) : l10n.t('{0} UTC, {1} ago', date, duration);
}

/** A string as JSON with invisible characters escaped (JSON's own escapes, so it means the same), cut when very long. */
function jsonString(text: string): { readonly json: string; readonly cut?: string } {
  if (text.length <= maxStringLength) {
    return { json: revealInvisible(JSON.stringify(text)) };
  }
  // Never between the two halves of a surrogate pair.
  const end = /[\uD800-\uDBFF]/.test(text[maxStringLength - 1]) ? maxStringLength - 1 : maxStringLength;
  return { json: revealInvisible(JSON.stringify(`${text.slice(0, end)}…`)), cut: l10n.t('cut: the first {0} of {1} characters', end, text.length) };
}

function leaf(value: unknown): { readonly json: string; readonly cut?: string } {
  if (typeof value === 'string') {
    return jsonString(value);
  }
  if (typeof value === 'number' && !Number.isFinite(value)) {
    return { json: 'null', cut: l10n.t('a number too large for JSON to write (such as 1e400)') };
  }
  return { json: JSON.stringify(value) };
}

function membersOf(value: unknown): [PathKey, unknown][] | undefined {
  if (Array.isArray(value)) {
    return value.map((item, i) => [i, item]);
  }
  return typeof value === 'object' && value !== null ? Object.entries(value) : undefined;
}

/**
 * Writes JSON as `JSON.stringify(value, null, 2)` does, with a comment beside the values `noteFor`
 * names, and stops adding members once the view is `maxViewLength` long. Commas are added when
 * the next member comes, so a list cut short still ends without one.
 */
class JsoncWriter {
  private readonly lines: { code: string; readonly note?: string }[] = [];
  private length = 0;

  constructor(
    head: readonly string[],
    private readonly noteFor: (path: readonly PathKey[], value: unknown) => string | undefined,
  ) {
    head.forEach((line) => this.push(line));
  }

  write(indent: string, name: string | undefined, value: unknown, path: readonly PathKey[]): void {
    const label = name === undefined ? undefined : jsonString(name);
    const prefix = `${indent}${label ? `${label.json}: ` : ''}`;
    const nameCut = label?.cut && l10n.t('name {0}', label.cut);
    const members = membersOf(value);
    if (members === undefined || members.length === 0) {
      const { json, cut } = leaf(value);
      const notes = [nameCut, cut, this.noteFor(path, value)].filter((note) => note);
      this.push(`${prefix}${json}`, notes.length > 0 ? notes.join('; ') : undefined);
      return;
    }
    const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
    this.push(`${prefix}${open}`, nameCut);
    const inner = `${indent}  `;
    for (const [i, [key, member]] of members.entries()) {
      if (this.length > maxViewLength) {
        this.push(l10n.t('{0}// … {1} more not shown: this view stops at {2} characters', inner, members.length - i, maxViewLength));
        break;
      }
      if (i > 0) {
        // The previous member's last line: its value or its closing bracket, never a comment line.
        this.lines[this.lines.length - 1].code += ',';
      }
      this.write(inner, typeof key === 'string' ? key : undefined, member, [...path, key]);
    }
    this.push(`${indent}${close}`);
  }

  text(): string {
    return this.lines.map(({ code, note }) => (note === undefined ? code : `${code} // ${note}`)).join('\n');
  }

  private push(code: string, note?: string): void {
    this.lines.push({ code, note });
    this.length += code.length + (note?.length ?? 0) + 5;
  }
}

function commentLines(decoded: DecodedJwt, token: string, revealed: boolean, now: number): string[] {
  const description = describeJwt(decoded, now);
  const warnings = description.warnings.map((warning) => l10n.t('Warning: {0}', warning.plain()));
  if (warnings.length > maxWarnings) {
    warnings.splice(maxWarnings, warnings.length, l10n.t('… {0} more warnings', warnings.length - maxWarnings));
  }
  const lifetime = decoded.form === 'jws' ? claimedLifetime(decoded.payload) : undefined;
  const lines = [`${description.title}: ${description.summary.plain()}`, ...warnings, ...(lifetime ? [lifetime] : [])].map((line) => `// ${visibleText(line, maxCommentLength)}`);
  lines.push(
    revealed
      ? l10n.t('// Token, revealed (the closed eye in the title bar masks it): {0}', visibleText(token, 2 * maxTokenLength))
      : l10n.t('// Token, masked (the eye in the title bar reveals it): {0}', maskToken(token)),
  );
  return lines;
}

/**
 * The decoded view of `token` as of `now` (milliseconds), the raw token and signature masked
 * unless `revealed`. A JWE shows its header only; a token that does not decode, why. Never
 * throws, and stays near `maxViewLength` characters whatever the token holds.
 */
export function decodedDocument(token: string, revealed: boolean, now: number): string {
  const decoded = decodeJwt(token);
  const comments = commentLines(decoded, token, revealed, now);
  if (decoded.form === 'malformed') {
    return comments.join('\n');
  }
  const nowSeconds = Math.floor(now / 1000);
  const signature = token.trim().split('.')[2] ?? '';
  const shown = decoded.form === 'jws' ? { header: decoded.header, payload: decoded.payload, signature: revealed || signature === '' ? signature : l10n.t('(masked)') } : { header: decoded.header };
  const noteFor = (path: readonly PathKey[], value: unknown): string | undefined => {
    if (path.length === 1 && path[0] === 'signature') {
      return revealed || signature === '' ? undefined : l10n.t('{0} characters, masked', signature.length);
    }
    const time = isTimeClaim(path) ? claimSeconds(value) : undefined;
    return time && timeNote(time.seconds, nowSeconds);
  };
  const writer = new JsoncWriter(comments, noteFor);
  writer.write('', undefined, shown, []);
  return writer.text();
}

/**
 * Milliseconds until `decodedDocument(token, …, now)` reads differently because time passed ("in
 * 1 min" becoming "in 59 s"), so an open view is redrawn exactly then; undefined when it never does.
 */
export function msUntilDecodedChanges(token: string, now: number): number | undefined {
  const decoded = decodeJwt(token);
  if (decoded.form !== 'jws') {
    return undefined;
  }
  const nowSeconds = Math.floor(now / 1000);
  const waits = timeClaims
    .map((claim) => claimSeconds(valueAt(decoded.payload, claim))?.seconds)
    .filter((seconds): seconds is number => seconds !== undefined && Math.abs(seconds - nowSeconds) < farSeconds)
    .map((seconds) => secondsUntilExpiryPhraseChanges(seconds, nowSeconds));
  return waits.length === 0 ? undefined : (nowSeconds + Math.min(...waits)) * 1000 - now;
}
