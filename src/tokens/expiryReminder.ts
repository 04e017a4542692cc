/**
 * The opt-in reminder before an issued token expires: when it is due, what it says, and the
 * request that replaces the token with the same options.
 */
import type { IssuedToken, TokenRequestInput } from '../cluster/types';
import { humanDuration } from '../jwt/time';
import { visibleText } from '../text/visibleText';
import * as l10n from '../text/l10n';

/** The longest reminder window the setting accepts: a week. */
export const maxReminderMinutes = 7 * 24 * 60;

/**
 * Milliseconds from `now` until the reminder for a token expiring at `expiresAt` is due: 0 when it is
 * due already (the window has begun), undefined when there is none (reminders off, or the token expired).
 */
export function reminderDelayMs(expiresAt: number, now: number, minutesBefore: number): number | undefined {
  if (!(minutesBefore > 0) || expiresAt <= now) {
    return undefined;
  }
  return Math.max(0, expiresAt - Math.min(minutesBefore, maxReminderMinutes) * 60_000 - now);
}

/** `Token for demo/vault-auth (vault) expires in 5 min.`, as plain text a notification shows literally (audiences may come from a manifest). */
export function reminderMessage(issued: Pick<IssuedToken, 'namespace' | 'serviceAccount' | 'audiences' | 'expiresAt'>, now: number): string {
  const audiences = issued.audiences.length > 0 ? ` (${issued.audiences.join(', ')})` : '';
  const seconds = (issued.expiresAt.getTime() - now) / 1000;
  return visibleText(seconds > 0 ? l10n.t('Token for {0}/{1}{2} expires in {3}.', issued.namespace, issued.serviceAccount, audiences, humanDuration(seconds)) : l10n.t('Token for {0}/{1}{2} has expired.', issued.namespace, issued.serviceAccount, audiences), 500);
}

/**
 * The request for a new token like `issued`: the same ServiceAccount, audiences (the token's own
 * `aud`, which is what the server granted), lifetime asked and bound object (with its UID, so a
 * Pod recreated under the same name is refused rather than silently bound).
 */
export function renewalRequest(issued: IssuedToken): TokenRequestInput {
  return {
    namespace: issued.namespace,
    serviceAccount: issued.serviceAccount,
    audiences: [...issued.audiences],
    expirationSeconds: issued.requestedSeconds,
    boundObject: issued.boundObject,
  };
}
