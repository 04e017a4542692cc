/**
 * The parts that review and verification results share when shown as plain-text documents:
 * when the check ran, which token it was (its source and masked head, never the token), and
 * values from outside made visible and bounded, so no token, claim or server answer can forge a
 * line or reorder one.
 */
import { posix } from 'node:path';
import { decodeJwt } from '../jwt/decode';
import { describeJwt } from '../jwt/describe';
import { secondsUntilExpiryPhraseChanges } from '../jwt/time';
import { revealInvisible, visibleText } from '../text/visibleText';
import { maskToken } from './decodedDocument';
import * as l10n from '../text/l10n';

/** A result as a read-only document: its tab's name, its text as of `now`, and when that text next changes. */
export interface ResultDocument {
  readonly fileName: string;
  render(now: number): string;
  msUntilChange(now: number): number | undefined;
}

/** Where a checked token came from; of a document only its file name is shown. */
export type TokenSource = { readonly kind: 'document'; readonly uri: { readonly path: string } } | { readonly kind: 'clipboard' | 'typed' | 'given' };

/** A line longer than this (a hostile username, a huge key label) is cut, and says so. */
export const maxLineLength = 2000;
/** Detail lines beyond this (a server answering thousands of `extra` keys) are counted, not shown. */
export const maxDetailLines = 100;
/** JSON longer than this is cut, and says so. */
export const maxJsonLength = 20_000;

/** Text from outside on one visible line, bounded. */
export function shown(text: string): string {
  return visibleText(text, maxLineLength);
}

/** `lines` made visible, at most `maxDetailLines` of them. */
export function shownLines(lines: readonly string[]): string[] {
  const kept = lines.slice(0, maxDetailLines).map(shown);
  return lines.length > maxDetailLines ? [...kept, l10n.t('… and {0} more lines, not shown', lines.length - maxDetailLines)] : kept;
}

/** `value` as indented JSON whose invisible characters are written as JSON escapes, cut past `maxJsonLength`. */
export function shownJson(value: unknown): string {
  const json = revealInvisible(JSON.stringify(value, null, 2));
  if (json.length <= maxJsonLength) {
    return json;
  }
  // A cut between the two halves of a surrogate pair would leave a broken character.
  const end = /[\uD800-\uDBFF]/.test(json[maxJsonLength - 1]) ? maxJsonLength - 1 : maxJsonLength;
  return l10n.t('{0}\n… ({1} characters in all; the rest is not shown)', json.slice(0, end), json.length);
}

const twoDigits = (value: number) => String(value).padStart(2, '0');

/** `2026-11-03 10:32:05 local time (UTC+01:00), 2026-11-03 09:32:05 UTC`: a time that stays true whenever it is read. */
export function localAndUtc(ms: number): string {
  const date = new Date(ms);
  const local = `${date.getFullYear()}-${twoDigits(date.getMonth() + 1)}-${twoDigits(date.getDate())} ${twoDigits(date.getHours())}:${twoDigits(date.getMinutes())}:${twoDigits(date.getSeconds())}`;
  const offset = -date.getTimezoneOffset();
  const zone = `UTC${offset < 0 ? '-' : '+'}${twoDigits(Math.floor(Math.abs(offset) / 60))}:${twoDigits(Math.abs(offset) % 60)}`;
  return l10n.t('{0} local time ({1}), {2} UTC', local, zone, date.toISOString().slice(0, 19).replace('T', ' '));
}

/** "the token in links.env", "the token on the clipboard". */
export function sourceLabel(source: TokenSource): string {
  switch (source.kind) {
    case 'document':
      return l10n.t('the token in {0}', posix.basename(source.uri.path));
    case 'clipboard':
      return l10n.t('the token on the clipboard');
    case 'typed':
      return l10n.t('the token you entered');
    case 'given':
      return l10n.t('a token handed to the command');
  }
}

/** What a result says about its token, as of each render: the token itself is not kept, only its masked head and decoded parts. */
export interface CheckedToken {
  lines(now: number): string[];
  msUntilChange(now: number): number | undefined;
}

export function checkedToken(token: string, source: TokenSource): CheckedToken {
  const origin = l10n.t('Token: {0}, {1}', shown(sourceLabel(source)), maskToken(token));
  const decoded = decodeJwt(token);
  return {
    lines(now) {
      const description = describeJwt(decoded, now);
      return [origin, shown(l10n.t('Decoded: {0}: {1}', description.title, description.summary.plain()))];
    },
    // The decoded summary says "expires in 14 min": it is rendered again when those words change.
    msUntilChange(now) {
      const expiresAt = describeJwt(decoded, now).expiresAt;
      const nowSeconds = Math.floor(now / 1000);
      return expiresAt === undefined ? undefined : (nowSeconds + secondsUntilExpiryPhraseChanges(expiresAt, nowSeconds)) * 1000 - now;
    },
  };
}
