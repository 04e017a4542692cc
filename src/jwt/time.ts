/** Human forms of token times, computed for a given `now` so hovers and views say "expires in 42 min". */

/** `42 s`, `14 min`, `3 h 5 min`, `3 days`, `3 years`. */
export function humanDuration(seconds: number): string {
  const s = Math.round(Math.abs(seconds));
  if (s < 60) {
    return `${s} s`;
  }
  if (s < 2 * 3600) {
    return `${Math.round(s / 60)} min`;
  }
  if (s < 2 * 86400) {
    const minutes = Math.floor((s % 3600) / 60);
    return minutes === 0 ? `${Math.floor(s / 3600)} h` : `${Math.floor(s / 3600)} h ${minutes} min`;
  }
  if (s < 2 * 365 * 86400) {
    return `${Math.round(s / 86400)} days`;
  }
  // A forged exp of 1e300 would otherwise read "3.1709791983764586e+292 years".
  return s < 10_000 * 365 * 86400 ? `${Math.round(s / (365 * 86400))} years` : 'more than 10000 years';
}

/** A claim in seconds since the epoch as an ISO time, or undefined when it cannot be one. */
export function absoluteTime(epochSeconds: number): string | undefined {
  const date = new Date(epochSeconds * 1000);
  return Number.isFinite(date.getTime()) ? date.toISOString().replace('.000Z', 'Z') : undefined;
}

/** "expires in 42 min" / "expired 3 days ago". */
export function expiryPhrase(exp: number, nowSeconds: number): string {
  return exp > nowSeconds ? `expires in ${humanDuration(exp - nowSeconds)}` : `expired ${humanDuration(nowSeconds - exp)} ago`;
}

/** "not valid for another 5 min" / "valid since 2 h". */
export function notBeforePhrase(nbf: number, nowSeconds: number): string {
  return nbf > nowSeconds ? `not valid for another ${humanDuration(nbf - nowSeconds)}` : `valid since ${humanDuration(nowSeconds - nbf)} ago`;
}

/** "issued 5 min ago" / "issued in the future (in 3 min): the issuer's clock is ahead". */
export function issuedPhrase(iat: number, nowSeconds: number): string {
  return iat > nowSeconds + 60 ? `issued in the future (in ${humanDuration(iat - nowSeconds)}): the issuer's clock is ahead or the token is forged` : `issued ${humanDuration(nowSeconds - iat)} ago`;
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
