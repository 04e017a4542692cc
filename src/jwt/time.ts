/** Human forms of token times, computed for a given `now` so hovers and views say "expires in 42 min". */
import * as l10n from '../text/l10n';

/** `42 s`, `14 min`, `3 h 5 min`, `3 days`, `3 years`. */
export function humanDuration(seconds: number): string {
  const s = Math.round(Math.abs(seconds));
  if (s < 60) {
    return l10n.t('{0} s', s);
  }
  if (s < 2 * 3600) {
    return l10n.t('{0} min', Math.round(s / 60));
  }
  if (s < 2 * 86400) {
    const minutes = Math.floor((s % 3600) / 60);
    return minutes === 0 ? l10n.t('{0} h', Math.floor(s / 3600)) : l10n.t('{0} h {1} min', Math.floor(s / 3600), minutes);
  }
  if (s < 2 * 365 * 86400) {
    return l10n.t('{0} days', Math.round(s / 86400));
  }
  // A forged exp of 1e300 would otherwise read "3.1709791983764586e+292 years".
  return s < 10_000 * 365 * 86400 ? l10n.t('{0} years', Math.round(s / (365 * 86400))) : l10n.t('more than 10000 years');
}

/** 10000-01-01T00:00:00Z: from there on, ISO years have more than four digits. */
const endOfFourDigitYears = 253_402_300_800;

const twoDigits = (value: number) => (value < 10 ? `0${value}` : `${value}`);

/**
 * Whole seconds from 1970 to year 9999 as `YYYY-MM-DDTHH:MM:SSZ`, by arithmetic: a hover writes
 * several times per token, and Date's toISOString costs more than the rest of a time line.
 * The date is Howard Hinnant's days-to-civil algorithm (http://howardhinnant.github.io/date_algorithms.html).
 */
function isoSeconds(seconds: number): string {
  const days = Math.floor(seconds / 86400);
  const secondOfDay = seconds - days * 86400;
  const shifted = days + 719_468;
  const era = Math.floor(shifted / 146_097);
  const dayOfEra = shifted - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthFromMarch = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * monthFromMarch + 2) / 5) + 1;
  const month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  const hours = Math.floor(secondOfDay / 3600);
  const minutes = Math.floor((secondOfDay % 3600) / 60);
  return `${year}-${twoDigits(month)}-${twoDigits(day)}T${twoDigits(hours)}:${twoDigits(minutes)}:${twoDigits(secondOfDay % 60)}Z`;
}

/** A claim in seconds since the epoch as an ISO time, or undefined when it cannot be one. */
export function absoluteTime(epochSeconds: number): string | undefined {
  if (Number.isInteger(epochSeconds) && epochSeconds >= 0 && epochSeconds < endOfFourDigitYears) {
    return isoSeconds(epochSeconds);
  }
  const date = new Date(epochSeconds * 1000);
  return Number.isFinite(date.getTime()) ? date.toISOString().replace('.000Z', 'Z') : undefined;
}

/** "expires in 42 min" / "expired 3 days ago". */
export function expiryPhrase(exp: number, nowSeconds: number): string {
  return exp > nowSeconds ? l10n.t('expires in {0}', humanDuration(exp - nowSeconds)) : l10n.t('expired {0} ago', humanDuration(nowSeconds - exp));
}

/** "not valid for another 5 min" / "valid since 2 h". */
export function notBeforePhrase(nbf: number, nowSeconds: number): string {
  return nbf > nowSeconds ? l10n.t('not valid for another {0}', humanDuration(nbf - nowSeconds)) : l10n.t('valid since {0} ago', humanDuration(nowSeconds - nbf));
}

/** "issued 5 min ago" / "issued in the future (in 3 min): the issuer's clock is ahead". */
export function issuedPhrase(iat: number, nowSeconds: number): string {
  return iat > nowSeconds + 60 ? l10n.t('issued in the future (in {0}): the issuer\'s clock is ahead or the token is forged', humanDuration(iat - nowSeconds)) : l10n.t('issued {0} ago', humanDuration(nowSeconds - iat));
}

/**
 * A time claim in seconds since the epoch: a finite number, or digits written as a JSON string
 * (`"exp": "1800000000"`), which is read but flagged because verifiers such as jose and the
 * Kubernetes API server reject it. Undefined for anything else.
 */
export function claimSeconds(value: unknown): { readonly seconds: number; readonly writtenAsString: boolean } | undefined {
  if (typeof value === 'number') {
    return Number.isFinite(value) ? { seconds: value, writtenAsString: false } : undefined;
  }
  if (typeof value === 'string' && /^\d+(\.\d+)?$/.test(value)) {
    const seconds = Number(value);
    return Number.isFinite(seconds) ? { seconds, writtenAsString: true } : undefined;
  }
  return undefined;
}

const minute = 60;
const day = 86400;
const year = 365 * day;

/** The range of whole seconds that `humanDuration` writes the same way as `s` (for s ≥ 0). */
function sameWording(s: number): readonly [number, number] {
  if (s < minute) {
    return [s, s];
  }
  if (s < 2 * 3600) {
    const k = Math.round(s / minute);
    return [Math.max(minute, k * minute - 30), Math.min(2 * 3600 - 1, k * minute + 29)];
  }
  if (s < 2 * day) {
    const start = Math.floor(s / minute) * minute;
    return [Math.max(2 * 3600, start), start + minute - 1];
  }
  if (s < 2 * year) {
    const k = Math.round(s / day);
    return [Math.max(2 * day, k * day - day / 2), Math.min(2 * year - 1, k * day + day / 2 - 1)];
  }
  const k = Math.round(s / year);
  return [Math.max(2 * year, k * year - year / 2), k * year + year / 2 - 1];
}

/**
 * In how many whole seconds `expiryPhrase(target, now)` will read differently: a view that shows
 * "expires in 14 min" sets its timer by this, so it is redrawn exactly when the words change.
 */
export function secondsUntilExpiryPhraseChanges(target: number, nowSeconds: number): number {
  const delta = target - nowSeconds;
  const s = Math.round(Math.abs(delta));
  const [start, end] = sameWording(s);
  // Before the target the distance shrinks towards the start of the range; after it, it grows towards its end.
  return Math.max(1, delta > 0 ? s - start + 1 : end - s + 1);
}
