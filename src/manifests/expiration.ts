// The lifetime a token is asked for, in the server's words: at least 10 minutes, at most 2^32
// seconds. A TokenRequest (pkg/apis/authentication/validation/validation.go) and a projected token
// (pkg/apis/core/validation/validation.go validateProjectionSources) have the same limits and messages.
import type { ObjectChecks } from './checks';
import type { Decoded, DecodedScalar } from './decode';
import type { KindedObject } from './documents';
import { isInt64, kubectlReads } from './structure';
import { maxExpirationSeconds, minExpirationSeconds } from '../tokens/duration';

/** The number of seconds written at `field` (`spec.expirationSeconds`), when it is out of range reported as the server words it. */
export function checkExpirationRange(checks: ObjectChecks<KindedObject>, expiration: Decoded | undefined, field: string): (DecodedScalar & { value: number }) | undefined {
  if (expiration?.kind !== 'scalar' || !isInt64(expiration.value)) {
    return undefined;
  }
  const seconds = expiration.json;
  const answer = (detail: string) => {
    const serverMessage = `${field}: Invalid value: ${seconds}: ${detail}`;
    if (!expiration.otherReading) {
      return serverMessage;
    }
    checks.readingExplained(expiration);
    return `${kubectlReads(checks, expiration)}, and the server answers "${serverMessage}"`;
  };
  if (expiration.value < minExpirationSeconds) {
    checks.report('expiration-too-short', 'error', answer('may not specify a duration less than 10 minutes'), expiration.at, checks.change(`Change to ${minExpirationSeconds} (10 minutes)`, expiration, String(minExpirationSeconds)));
  } else if (expiration.value > maxExpirationSeconds) {
    checks.report('expiration-too-long', 'error', answer('may not specify a duration larger than 2^32 seconds'), expiration.at, checks.change(`Change to ${maxExpirationSeconds} (2^32)`, expiration, String(maxExpirationSeconds)));
  }
  return expiration as DecodedScalar & { value: number };
}
