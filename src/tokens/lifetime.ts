/**
 * An issued token's lifetime in words: what was asked, what the token's own `exp` grants, and why
 * they differ. The granted lifetime is always read from the JWT (exp − iat): the Warning header and
 * status.expirationTimestamp are the server's words about it, and the header is quoted, never trusted.
 */
import type { IssuedToken } from '../cluster/types';
import { decodeJwt } from '../jwt/decode';
import { absoluteTime, claimSeconds, humanDuration } from '../jwt/time';
import { visibleText } from '../text/visibleText';
import * as l10n from '../text/l10n';

/** SetDefaults_TokenRequestSpec (pkg/apis/authentication/v1/defaults.go): no expirationSeconds means 3600. */
export const serverDefaultSeconds = 3600;
/**
 * pkg/serviceaccount/claims.go: kubelet asks for 3607 s, and with --service-account-extend-token-expiration
 * (on by default) the API server grants a Pod-bound token for its own audiences a year, with a warnafter at 3607 s.
 */
export const warnOnlyExpirationSeconds = 3607;
const yearSeconds = 365 * 86400;
/** exp and iat are whole seconds taken from one clock reading; a second either way is rounding. */
const toleranceSeconds = 1;
const maxWarningsShown = 3;
const maxWarningLength = 300;
/** pkg/registry/core/serviceaccount/storage/token.go, as a real v1.24 server sends it in a `Warning: 299 -` header. */
const shortenedWarning = /^requested expiration of (\d+) seconds shortened to (\d+) seconds$/;

export type LifetimeOutcome = 'as-asked' | 'shortened' | 'capped' | 'extended' | 'longer';

export interface Lifetime {
  readonly outcome: LifetimeOutcome;
  /** One line for a title or a placeholder: `valid for 2 h: asked 24 h, shortened by the API server`. */
  readonly summary: string;
  /** Lines for a tooltip: asked, granted, why, and the server's other warnings quoted. */
  readonly details: readonly string[];
}

/** `1 year`, `3 days`, `24 h`, `1 h 30 min`, `10 min`: exact to the minute from an hour up, to the second below. */
export function lifetimeWords(totalSeconds: number): string {
  const seconds = Math.max(0, Math.round(totalSeconds));
  if (seconds >= yearSeconds && seconds % yearSeconds === 0) {
    const years = seconds / yearSeconds;
    return `${years} year${years === 1 ? '' : 's'}`;
  }
  if (seconds > 3 * 86400) {
    return humanDuration(seconds);
  }
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = seconds % 60;
  const parts = hours > 0 ? [hours && `${hours} h`, minutes && `${minutes} min`] : [minutes && `${minutes} min`, rest && `${rest} s`];
  return parts.filter(Boolean).join(' ') || '0 s';
}

const withSeconds = (seconds: number) => `${lifetimeWords(seconds)} (${seconds} s)`;

/** The token's `kubernetes.io.warnafter`, in seconds since the epoch, when it has one. */
function warnAfterOf(token: string): number | undefined {
  const decoded = decodeJwt(token);
  if (decoded.form !== 'jws') {
    return undefined;
  }
  const k8s = decoded.payload['kubernetes.io'];
  const value = typeof k8s === 'object' && k8s !== null && !Array.isArray(k8s) ? (k8s as Record<string, unknown>).warnafter : undefined;
  return claimSeconds(value)?.seconds;
}

/** The server's shortening warning, when its numbers are the ones asked and granted; any other header is only quoted. */
function shorteningWarning(warnings: readonly string[], asked: number, granted: number): string | undefined {
  return warnings.find((warning) => {
    const match = shortenedWarning.exec(warning);
    return match !== null && Number(match[1]) === asked && Math.abs(Number(match[2]) - granted) <= toleranceSeconds;
  });
}

const quotedWarning = (warning: string) => `"${visibleText(warning, maxWarningLength)}"`;

function otherWarnings(warnings: readonly string[], explained: string | undefined): string[] {
  const others = warnings.filter((warning) => warning !== explained);
  const shown = others.slice(0, maxWarningsShown).map((warning) => l10n.t('The API server warned: {0}', quotedWarning(warning)));
  return others.length > maxWarningsShown ? [...shown, l10n.t('… and {0} more warnings', others.length - maxWarningsShown)] : shown;
}

/** What was asked, what was granted, and why they differ, for a token issued in this window. */
export function describeLifetime(issued: Pick<IssuedToken, 'token' | 'issuedAt' | 'expiresAt' | 'requestedSeconds' | 'warnings' | 'boundObject'>): Lifetime {
  const granted = Math.round((issued.expiresAt.getTime() - issued.issuedAt.getTime()) / 1000);
  const asked = issued.requestedSeconds ?? serverDefaultSeconds;
  const askedWords = issued.requestedSeconds === undefined ? l10n.t('the server\'s default, {0}', withSeconds(asked)) : withSeconds(asked);
  const lines = [l10n.t('Lifetime asked: {0}', askedWords), l10n.t('Lifetime granted: {0}, by the token\'s exp claim', withSeconds(granted))];
  const difference = granted - asked;
  const warnAfter = warnAfterOf(issued.token);
  const shortening = difference < -toleranceSeconds ? shorteningWarning(issued.warnings, asked, granted) : undefined;
  const done = (outcome: LifetimeOutcome, summary: string, why?: string): Lifetime => ({
    outcome,
    summary,
    details: [...lines, ...(why ? [l10n.t('Why: {0}', why)] : []), ...otherWarnings(issued.warnings, shortening)],
  });

  if (Math.abs(difference) <= toleranceSeconds) {
    return done('as-asked', issued.requestedSeconds === undefined ? l10n.t('valid for {0}, the server\'s default', lifetimeWords(granted)) : l10n.t('valid for {0}, as asked', lifetimeWords(granted)));
  }
  if (shortening) {
    return done(
      'shortened',
      l10n.t('valid for {0}: asked {1}, shortened by the API server', lifetimeWords(granted), lifetimeWords(asked)),
      l10n.t('the API server shortened it to its maximum (kube-apiserver --service-account-max-token-expiration) and said so: {0}.', quotedWarning(shortening)),
    );
  }
  if (difference < 0) {
    return done(
      'capped',
      l10n.t('valid for {0}: asked {1}, capped by the cluster', lifetimeWords(granted), lifetimeWords(asked)),
      l10n.t('the cluster shortened it without a Warning header: managed clusters cap token lifetimes (24 h and 48 h have been seen), and some API servers shorten to their maximum without saying so. Ask for no more than that.'),
    );
  }
  const issuedSeconds = issued.issuedAt.getTime() / 1000;
  if (warnAfter !== undefined && asked === warnOnlyExpirationSeconds && issued.boundObject?.kind === 'Pod') {
    const refreshAfter = Math.round(warnAfter - issuedSeconds);
    return done(
      'extended',
      l10n.t('valid for {0}; clients should refresh after {1} (warnafter)', lifetimeWords(granted), lifetimeWords(refreshAfter)),
      l10n.t('a Pod-bound token asked for {0} s (what kubelet asks for) is extended by the API server to {1} (kube-apiserver --service-account-extend-token-expiration, on by default), so that clients that never reload their token keep working. ', warnOnlyExpirationSeconds, lifetimeWords(granted)) +
        l10n.t('Its warnafter claim ({0}) is when a client should fetch a new one; the API server reports uses after it as stale.', absoluteTime(warnAfter) ?? warnAfter),
    );
  }
  return done('longer', l10n.t('valid for {0}: asked {1}, the server granted more', lifetimeWords(granted), lifetimeWords(asked)), l10n.t('the API server granted a longer lifetime than asked without saying why.'));
}

/**
 * The lifetime a token's own claims state (exp − iat), and warnafter explained when it has one; for
 * the decoded view, which knows nothing of what was asked. Undefined when exp or iat is not a number.
 */
export function claimedLifetime(payload: Record<string, unknown>): string | undefined {
  const exp = claimSeconds(payload.exp)?.seconds;
  const iat = claimSeconds(payload.iat)?.seconds;
  if (exp === undefined || iat === undefined || exp < iat) {
    return undefined;
  }
  const k8s = payload['kubernetes.io'];
  const warnAfter = typeof k8s === 'object' && k8s !== null && !Array.isArray(k8s) ? claimSeconds((k8s as Record<string, unknown>).warnafter)?.seconds : undefined;
  const lifetime = l10n.t('Lifetime: {0} (exp − iat)', lifetimeWords(exp - iat));
  return warnAfter === undefined || warnAfter < iat || warnAfter >= exp
    ? lifetime
    : l10n.t('{0}; clients should refresh after {1} (warnafter): the API server extended it so that clients that never reload their token keep working', lifetime, lifetimeWords(warnAfter - iat));
}
