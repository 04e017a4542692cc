/** Kubernetes ServiceAccount tokens written in plain text in a file: who they act as, and until when. */
import { decodeJwt } from './decode';
import { describeJwt } from './describe';
import { scanTokens } from './scan';
import { absoluteTime, expiryPhrase } from './time';

export interface PlaintextToken {
  readonly start: number;
  readonly end: number;
  readonly message: string;
  /** "expired 3 days ago", for an end-of-line hint; undefined while the token is valid or never expires. */
  readonly expired?: string;
}

export function plaintextServiceAccountTokens(text: string, now: number): PlaintextToken[] {
  const nowSeconds = Math.floor(now / 1000);
  const found: PlaintextToken[] = [];
  for (const token of scanTokens(text)) {
    const description = describeJwt(decodeJwt(token.text), now);
    if (!description.serviceAccount) {
      continue;
    }
    const actsAs = `system:serviceaccount:${description.serviceAccount.namespace}:${description.serviceAccount.name}`;
    const exp = description.expiresAt;
    const until = exp === undefined
      ? 'never expires (a legacy token: revoke it by deleting its Secret)'
      : `${exp > nowSeconds ? 'valid until' : 'expired at'} ${absoluteTime(exp) ?? exp} (${expiryPhrase(exp, nowSeconds)})`;
    found.push({
      start: token.start,
      end: token.end,
      message: `Kubernetes ServiceAccount token in plain text: it acts as ${actsAs}; ${until}.`,
      expired: exp !== undefined && exp <= nowSeconds ? expiryPhrase(exp, nowSeconds) : undefined,
    });
  }
  return found;
}
