import * as l10n from '../text/l10n';
/** Server limits for spec.expirationSeconds (pkg/apis/authentication/validation/validation.go). */
export const minExpirationSeconds = 600;
export const maxExpirationSeconds = 2 ** 32;

export type DurationResult = { readonly seconds: number | undefined } | { readonly error: string };

const unitSeconds: Record<string, number> = { h: 3600, m: 60, s: 1 };

/**
 * Reads a token lifetime the way people write it (`10m`, `1h`, `2h30m`, `86400s`, or bare seconds,
 * as kubectl's --duration) and checks the server's limits before anything is sent.
 * Empty means "let the server choose" (3600 s unless the cluster says otherwise).
 */
export function parseDuration(input: string): DurationResult {
  const text = input.trim().toLowerCase();
  if (text.length === 0) {
    return { seconds: undefined };
  }
  let seconds: number;
  if (/^\d+$/.test(text)) {
    seconds = Number(text);
  } else if (/^(\d+h)?(\d+m)?(\d+s)?$/.test(text)) {
    seconds = 0;
    for (const [, amount, unit] of text.matchAll(/(\d+)([hms])/g)) {
      seconds += Number(amount) * unitSeconds[unit];
    }
  } else {
    return { error: l10n.t('"{0}" is not a duration: write 10m, 1h, 2h30m, 86400s or a number of seconds.', input.trim()) };
  }
  if (seconds < minExpirationSeconds) {
    return { error: l10n.t('{0} s is too short: the API server refuses durations under 10 minutes (600 s).', seconds) };
  }
  if (seconds > maxExpirationSeconds) {
    return { error: l10n.t('{0} s is too long: the API server refuses durations over 2^32 seconds.', seconds) };
  }
  return { seconds };
}

/** A short human form of a number of seconds: `1h 30m`, `10m`, `45s`, `3d 2h`. */
export function formatSeconds(totalSeconds: number): string {
  const seconds = Math.max(0, Math.round(totalSeconds));
  const parts: [number, string][] = [
    [Math.floor(seconds / 86400), 'd'],
    [Math.floor((seconds % 86400) / 3600), 'h'],
    [Math.floor((seconds % 3600) / 60), 'm'],
    [seconds % 60, 's'],
  ];
  const shown = parts.filter(([amount]) => amount > 0).slice(0, 2);
  return shown.length === 0 ? '0s' : shown.map(([amount, unit]) => `${amount}${unit}`).join(' ');
}
