import type { TokenReviewOutcome } from '../cluster/types';
import * as l10n from '../text/l10n';

/** A function, so the labels are translated once the extension configured the language. */
const extraLabels = (): Record<string, string> => ({
  'authentication.kubernetes.io/pod-name': 'Pod',
  'authentication.kubernetes.io/pod-uid': l10n.t('Pod UID'),
  'authentication.kubernetes.io/node-name': 'Node',
  'authentication.kubernetes.io/node-uid': l10n.t('Node UID'),
  'authentication.kubernetes.io/credential-id': l10n.t('Credential ID'),
});

/** A TokenReview answer as a headline and the lines beneath it, in the order a person checks them. */
export function describeReview(outcome: TokenReviewOutcome, requestedAudiences: readonly string[]): { headline: string; details: string[] } {
  if (!outcome.authenticated) {
    return {
      headline: l10n.t('Not authenticated: the API server rejects this token.'),
      details: [l10n.t('Reason: {0}', outcome.error ?? l10n.t('none given'))],
    };
  }
  const none = l10n.t('(none)');
  const details = [l10n.t('Username: {0}', outcome.username ?? none), l10n.t('UID: {0}', outcome.uid ?? none), l10n.t('Groups: {0}', outcome.groups.join(', ') || none)];
  for (const [key, values] of Object.entries(outcome.extra)) {
    details.push(`${extraLabels()[key] ?? key}: ${values.join(', ')}`);
  }
  details.push(l10n.t('Audiences: {0}', outcome.audiences.length > 0 ? outcome.audiences.join(', ') : l10n.t("the API server's own")));
  if (outcome.missingAudiences.length > 0) {
    details.push(l10n.t('Warning: requested audiences {0} are not in status.audiences; a client must not accept the token for them.', outcome.missingAudiences.join(', ')));
  }
  const headline = requestedAudiences.length > 0 && outcome.missingAudiences.length === requestedAudiences.length
    ? l10n.t('Authenticated as {0}, but not for the requested audiences.', String(outcome.username))
    : l10n.t('Authenticated as {0}.', String(outcome.username));
  return { headline, details };
}
