// The lifetime a token is asked for, in the server's words: at least 10 minutes, at most 2^32
// seconds. A TokenRequest (pkg/apis/authentication/validation/validation.go) and a projected token
// (pkg/apis/core/validation/validation.go validateProjectionSources) have the same limits and messages.
import * as l10n from '../text/l10n';
import type { ObjectChecks } from './checks';
import type { Decoded, DecodedScalar } from './decode';
import type { KindedObject } from './documents';
import { isInt64, kubectlReads } from './structure';
import { maxExpirationSeconds, minExpirationSeconds } from '../tokens/duration';

/** The server's answer to a lifetime out of range, with how kubectl read the value when a YAML 1.2 reader reads it otherwise. */
function answer(checks: ObjectChecks<KindedObject>, expiration: DecodedScalar, field: string, detail: string): string {
  const serverMessage = `${field}: Invalid value: ${expiration.reading.json}: ${detail}`;
  if (!expiration.otherReading) {
    return serverMessage;
  }
  checks.readingExplained(expiration);
  return l10n.t('{0}, and the server answers "{1}"', kubectlReads(checks, expiration), serverMessage);
}

/** The number of seconds written at `field` (`spec.expirationSeconds`), when it is out of range reported as the server words it. */
export function checkExpirationRange(checks: ObjectChecks<KindedObject>, expiration: Decoded | undefined, field: string): (DecodedScalar & { value: number }) | undefined {
  if (expiration?.kind !== 'scalar' || !isInt64(expiration.value)) {
    return undefined;
  }
  if (expiration.value < minExpirationSeconds) {
    checks.report('expiration-too-short', 'error', answer(checks, expiration, field, 'may not specify a duration less than 10 minutes'), expiration.at, checks.change(l10n.t('Change to {0} (10 minutes)', minExpirationSeconds), expiration, String(minExpirationSeconds)));
  } else if (expiration.value > maxExpirationSeconds) {
    checks.report('expiration-too-long', 'error', answer(checks, expiration, field, 'may not specify a duration larger than 2^32 seconds'), expiration.at, checks.change(l10n.t('Change to {0} (2^32)', maxExpirationSeconds), expiration, String(maxExpirationSeconds)));
  }
  return expiration as DecodedScalar & { value: number };
}
