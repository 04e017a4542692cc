import type { TokenReviewOutcome } from '../cluster/types';

const extraLabels: Record<string, string> = {
  'authentication.kubernetes.io/pod-name': 'Pod',
  'authentication.kubernetes.io/pod-uid': 'Pod UID',
  'authentication.kubernetes.io/node-name': 'Node',
  'authentication.kubernetes.io/node-uid': 'Node UID',
  'authentication.kubernetes.io/credential-id': 'Credential ID',
};

/** A TokenReview answer as a headline and the lines beneath it, in the order a person checks them. */
export function describeReview(outcome: TokenReviewOutcome, requestedAudiences: readonly string[]): { headline: string; details: string[] } {
  if (!outcome.authenticated) {
    return {
      headline: 'Not authenticated: the API server rejects this token.',
      details: [`Reason: ${outcome.error ?? 'none given'}`],
    };
  }
  const details = [`Username: ${outcome.username ?? '(none)'}`, `UID: ${outcome.uid ?? '(none)'}`, `Groups: ${outcome.groups.join(', ') || '(none)'}`];
  for (const [key, values] of Object.entries(outcome.extra)) {
    details.push(`${extraLabels[key] ?? key}: ${values.join(', ')}`);
  }
  details.push(`Audiences: ${outcome.audiences.length > 0 ? outcome.audiences.join(', ') : "the API server's own"}`);
  if (outcome.missingAudiences.length > 0) {
    details.push(`Warning: requested audiences ${outcome.missingAudiences.join(', ')} are not in status.audiences; a client must not accept the token for them.`);
  }
  const headline = requestedAudiences.length > 0 && outcome.missingAudiences.length === requestedAudiences.length
    ? `Authenticated as ${outcome.username}, but not for the requested audiences.`
    : `Authenticated as ${outcome.username}.`;
  return { headline, details };
}
