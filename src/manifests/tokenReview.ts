// The spec of a TokenReview: a token to review, and what can be told about it before sending it.
import { decodeJwt } from '../jwt/decode';
import { claimSeconds } from '../jwt/time';
import { checkAudienceEntries } from './audiences';
import type { ObjectChecks } from './checks';
import { entryOf, isNull, mapOf, stringOf, type DecodedEntry } from './decode';
import { kindFields } from './fields';
import type { TokenManifest } from './manifest';
import * as l10n from '../text/l10n';

const required = () => l10n.t('spec.token is required: the server answers "token is required for TokenReview in authentication".');

/** No spec: the server refuses the review. A misspelt `spec` is renamed. */
export function missingReviewSpec(checks: ObjectChecks, spec: DecodedEntry | undefined): void {
  const fixes = spec ? [] : checks.renameFor(checks.object.map, 'spec', Object.keys(kindFields.TokenReview.fields!));
  checks.report('missing-spec', 'error', required(), spec?.keyAt ?? checks.object.kindEntry.value!.at, fixes);
}

export function checkReviewSpec(checks: ObjectChecks, spec: DecodedEntry): void {
  const map = mapOf(spec.value)!;
  const audiences = entryOf(map, 'audiences');
  if (audiences) {
    checkAudienceEntries(checks, audiences);
  }
  const tokenEntry = entryOf(map, 'token');
  const token = tokenEntry?.value;
  if (!tokenEntry || isNull(token) || stringOf(token) === '') {
    const at = token && token.at[1] > token.at[0] ? token.at : (tokenEntry?.keyAt ?? spec.keyAt);
    const fixes = tokenEntry ? [] : checks.renameFor(map, 'token', Object.keys(kindFields.TokenReview.fields!.spec.fields!));
    checks.report('missing-token', 'error', required(), at, fixes);
    return;
  }
  const value = stringOf(token);
  if (value === undefined) {
    return;
  }
  // The extension's one JWT decoder, the same the hover and the plaintext-token check use.
  const decoded = decodeJwt(value);
  if (decoded.form === 'malformed') {
    checks.report(
      'token-not-jwt',
      'information',
      l10n.t('This token is not a JWT (three base64url parts joined by dots), so no ServiceAccount issued it: the review fails unless another authenticator, such as a webhook or a bootstrap token, accepts it.'),
      token!.at,
    );
    return;
  }
  const expiry = decoded.form === 'jws' ? claimSeconds(decoded.payload.exp)?.seconds : undefined;
  if (expiry !== undefined && expiry * 1000 <= checks.options.now) {
    const when = new Date(expiry * 1000).toISOString().replace('.000Z', 'Z');
    // Stated at a moment, not "N min ago": the words stay true while the document stays open.
    checks.report('token-expired', 'information', l10n.t('This token expired at {0}: the review will answer authenticated: false.', when), token!.at);
  }
}

/**
 * When the first token of these TokenReviews that has not expired at `now` (ms) expires, so its
 * document is checked again at that moment without an edit; undefined when none will.
 */
export function nextTokenExpiry(manifests: readonly Pick<TokenManifest, 'kind' | 'token'>[], now: number): number | undefined {
  let soonest: number | undefined;
  for (const { kind, token } of manifests) {
    const decoded = kind === 'TokenReview' && token ? decodeJwt(token) : undefined;
    const exp = decoded?.form === 'jws' ? claimSeconds(decoded.payload.exp)?.seconds : undefined;
    const at = exp === undefined ? undefined : exp * 1000;
    if (at !== undefined && Number.isFinite(at) && at > now && (soonest === undefined || at < soonest)) {
      soonest = at;
    }
  }
  return soonest;
}
