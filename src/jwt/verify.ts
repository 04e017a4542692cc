/**
 * Signature and claim checks with jose, against keys from a cluster, a file, a URL or a shared
 * secret. Claims are checked here rather than by jwtVerify so that every check is reported,
 * not only the first one that fails. Text from the token or the keys reaches the messages only
 * through visibleText: messages are plain text, but a bidi override would still reorder them.
 */
import { messageOf } from '../errors';
import { calculateJwkThumbprint, compactVerify, createLocalJWKSet, importSPKI, importX509, type JSONWebKeySet, type JWK } from 'jose';
import { visibleText } from '../text/visibleText';
import { caseVariantOf } from './algorithms';
import { decodeJwt, type JsonObject } from './decode';
import { legacyIssuer, serviceAccountOf } from './kubernetes';
import { absoluteTime, claimSeconds, expiryPhrase, humanDuration } from './time';
import * as l10n from '../text/l10n';

export type KeySource =
  | { readonly kind: 'jwks'; readonly label: string; readonly jwks: JSONWebKeySet }
  | { readonly kind: 'pem'; readonly label: string; readonly pem: string }
  | { readonly kind: 'secret'; readonly label: string; readonly secret: string };

export type CheckOutcome = 'pass' | 'fail' | 'note';

export interface ClaimCheck {
  readonly claim: string;
  readonly outcome: CheckOutcome;
  readonly message: string;
}

/** The key of a key set that verified a signature. */
export interface SigningKey {
  /** Its place in the set's `keys`, from 1. */
  readonly position: number;
  readonly kid?: string;
  /** RFC 7638 SHA-256 thumbprint: tells apart keys that share a kid, or have none. */
  readonly thumbprint?: string;
}

export interface Verification {
  /** True when the signature is valid and no claim check failed. */
  readonly valid: boolean;
  readonly signatureValid: boolean;
  readonly signature: string;
  /** Set when the key set had no key for the token: the cached keys may be stale. */
  readonly noMatchingKey?: boolean;
  readonly verifiedWith: string;
  /** Set when a key of a key set verified the signature. */
  readonly signedWith?: SigningKey;
  readonly checks: readonly ClaimCheck[];
  /** What else people must know about the token, such as a legacy token never expiring. */
  readonly notes: readonly string[];
}

export interface VerifyOptions {
  readonly now: number;
  /** An audience the token must carry; unchecked when absent. */
  readonly audience?: string;
  /** The issuer the key belongs to (a cluster's discovery document says it); unchecked when absent. */
  readonly issuer?: string;
  /**
   * The keys are a Kubernetes API server's, which also accepts legacy Secret-based tokens signed
   * with them: those carry the fixed issuer `kubernetes/serviceaccount`, not the cluster's.
   */
  readonly kubernetesApiServer?: boolean;
}

/** A minute of clock skew between issuer and this machine is tolerated for nbf and iat, as JWT libraries commonly do. */
const leewaySeconds = 60;
/** Key sets in rotation have a handful of keys; more candidates than this are not tried. */
const maxCandidateKeys = 64;
const maxListedAudiences = 10;

/** A value from a token or a key set, for a plain-text message. */
function shown(value: unknown, limit = 120): string {
  return visibleText(typeof value === 'string' ? value : (JSON.stringify(value) ?? l10n.t('nothing')), limit);
}

/** A key file's content: a JWKS, a single JWK, or a PEM public key or certificate. */
export function keySourceFromText(text: string, label: string): KeySource {
  const trimmed = text.trim();
  if (trimmed.startsWith('-----BEGIN')) {
    if (/-----BEGIN (RSA |EC |ENCRYPTED )?PRIVATE KEY-----/.test(trimmed)) {
      throw new Error(l10n.t('{0} holds a private key. Give the public key (or a certificate) instead: verifying never needs the private key.', label));
    }
    return { kind: 'pem', label, pem: trimmed };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed);
  } catch {
    throw new Error(l10n.t('{0} is neither a PEM public key nor JSON (a JWKS or a JWK).', label));
  }
  const object = parsed as { keys?: unknown; kty?: unknown } | null;
  if (Array.isArray(object?.keys)) {
    return { kind: 'jwks', label, jwks: object as JSONWebKeySet };
  }
  if (typeof object?.kty === 'string') {
    return { kind: 'jwks', label, jwks: { keys: [object as JWK] } };
  }
  throw new Error(l10n.t('{0} is JSON but neither a JWKS (with "keys") nor a JWK (with "kty").', label));
}

function errorCode(error: unknown): string | undefined {
  return (error as { code?: string } | undefined)?.code;
}

async function signingKey(jwk: JWK, position: number): Promise<SigningKey> {
  let thumbprint: string | undefined;
  try {
    thumbprint = await calculateJwkThumbprint(jwk);
  } catch {
    // A key that verified a signature has the members a thumbprint needs; if not, it is left out.
  }
  return { position, kid: typeof jwk.kid === 'string' ? jwk.kid : undefined, thumbprint };
}

function keyName(key: SigningKey, setSize: number): string {
  const names = [key.kid !== undefined ? l10n.t('kid {0}', shown(key.kid, 80)) : l10n.t('no kid'), ...(key.thumbprint ? [l10n.t('thumbprint {0}', key.thumbprint)] : [])];
  return l10n.t('key {0} of {1} ({2})', key.position, setSize, names.join(', '));
}

type SignatureOutcome = { readonly valid: boolean; readonly message: string; readonly noMatchingKey?: boolean; readonly signedWith?: SigningKey };

/**
 * Tries each key of the set that jose finds usable for the token (its kid, alg and key type), one
 * at a time: a set in rotation may hold several, with the same kid or none, and jose alone refuses
 * to choose between them (ERR_JWKS_MULTIPLE_MATCHING_KEYS). Saying which key verified matters then.
 * A key that cannot be imported is passed over, as jose passes it over among several candidates.
 */
async function checkWithKeySet(token: string, jwks: JSONWebKeySet, label: string, described: string, matched: string): Promise<SignatureOutcome> {
  let tried = 0;
  let mismatches = 0;
  let otherError: unknown;
  for (const [index, jwk] of jwks.keys.entries()) {
    if (tried === maxCandidateKeys) {
      break;
    }
    try {
      await compactVerify(token, createLocalJWKSet({ keys: [jwk] }));
      const signedWith = await signingKey(jwk, index + 1);
      const key = keyName(signedWith, jwks.keys.length);
      // Whole sentences, so a translation can order them and make "key" agree with the number.
      const message =
        mismatches === 0
          ? l10n.t('Signature valid ({0}), checked with {1}: {2}.', described, label, key)
          : mismatches === 1
            ? l10n.t('Signature valid ({0}), checked with {1}: {2}; 1 other key of the set also fit this token (a key set in rotation) and did not verify it.', described, label, key)
            : l10n.t('Signature valid ({0}), checked with {1}: {2}; {3} other keys of the set also fit this token (a key set in rotation) and did not verify it.', described, label, key, mismatches);
      return { valid: true, signedWith, message };
    } catch (error) {
      const code = errorCode(error);
      if (code === 'ERR_JWKS_NO_MATCHING_KEY') {
        continue;
      }
      tried++;
      if (code === 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED') {
        mismatches++;
      } else {
        otherError ??= error;
      }
    }
  }
  if (mismatches === 1) {
    return { valid: false, message: l10n.t('The signature does not match {0}: the token was altered, or signed with another key.', label) };
  }
  if (mismatches > 1) {
    const message =
      tried === maxCandidateKeys
        ? l10n.t('The signature does not match {0}: the token was altered, or signed with another key (none of the {1} keys that fit it verified it; only the first {2} keys that fit it were tried).', label, mismatches, maxCandidateKeys)
        : l10n.t('The signature does not match {0}: the token was altered, or signed with another key (none of the {1} keys that fit it verified it).', label, mismatches);
    return { valid: false, message };
  }
  if (otherError !== undefined) {
    return { valid: false, message: l10n.t('Could not verify with {0}: {1}', label, shown(messageOf(otherError), 200)) };
  }
  return { valid: false, noMatchingKey: true, message: l10n.t('No key in {0} matches this token ({1}): it was signed by another issuer, or by a key that was rotated out.', label, matched) };
}

async function checkSignature(token: string, header: JsonObject, source: KeySource): Promise<SignatureOutcome> {
  const alg = String(header.alg);
  const kid = typeof header.kid === 'string' ? header.kid : undefined;
  const kidText = kid !== undefined ? l10n.t('kid {0}', shown(kid, 80)) : l10n.t('no kid');
  const described = kid !== undefined ? `${shown(alg, 40)}, ${kidText}` : shown(alg, 40);
  if (source.kind === 'jwks') {
    return checkWithKeySet(token, source.jwks, source.label, described, `${kidText}, ${shown(alg, 40)}`);
  }
  if (source.kind === 'secret' && !alg.startsWith('HS')) {
    return { valid: false, message: l10n.t('A shared secret verifies only HS256, HS384 and HS512 tokens; this one is signed with {0}: give its issuer\'s public key.', shown(alg, 40)) };
  }
  try {
    if (source.kind === 'pem') {
      const key = source.pem.includes('CERTIFICATE') ? await importX509(source.pem, alg) : await importSPKI(source.pem, alg);
      await compactVerify(token, key);
    } else {
      await compactVerify(token, new TextEncoder().encode(source.secret));
    }
    return { valid: true, message: l10n.t('Signature valid ({0}), checked with {1}.', described, source.label) };
  } catch (error) {
    if (errorCode(error) === 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED') {
      return { valid: false, message: l10n.t('The signature does not match {0}: the token was altered, or signed with another key.', source.label) };
    }
    return { valid: false, message: l10n.t('Could not verify with {0}: {1}', source.label, shown(messageOf(error), 200)) };
  }
}

function checkTime(payload: JsonObject, claim: 'exp' | 'nbf' | 'iat', checks: ClaimCheck[]): number | undefined {
  const value = payload[claim];
  const time = claimSeconds(value);
  if (time?.writtenAsString) {
    checks.push({ claim, outcome: 'fail', message: l10n.t('is the string "{0}", not a number: verifiers such as jose and the Kubernetes API server reject the token', shown(value, 40)) });
    return undefined;
  }
  if (time === undefined && value !== undefined) {
    checks.push({ claim, outcome: 'fail', message: l10n.t('is not a time (seconds since 1970): {0}', shown(value, 40)) });
    return undefined;
  }
  return time?.seconds;
}

function audienceList(audiences: readonly unknown[]): string {
  const listed = audiences.slice(0, maxListedAudiences).map((audience) => shown(audience, 80));
  if (listed.length === 0) {
    return l10n.t('none');
  }
  return audiences.length > maxListedAudiences ? l10n.t('{0} and {1} more', listed.join(', '), audiences.length - maxListedAudiences) : listed.join(', ');
}

/** exp, nbf, iat, aud and iss as of `now`, each with its own outcome. */
export function checkClaims(payload: JsonObject, options: VerifyOptions): ClaimCheck[] {
  const now = Math.floor(options.now / 1000);
  const checks: ClaimCheck[] = [];
  const malformedExp = payload.exp !== undefined;
  const exp = checkTime(payload, 'exp', checks);
  if (exp !== undefined) {
    checks.push({ claim: 'exp', outcome: exp > now ? 'pass' : 'fail', message: `${expiryPhrase(exp, now)} (${absoluteTime(exp) ?? exp})` });
  } else if (!malformedExp) {
    checks.push({ claim: 'exp', outcome: 'note', message: l10n.t('no exp: the token never expires') });
  }
  const nbf = checkTime(payload, 'nbf', checks);
  if (nbf !== undefined) {
    const early = nbf > now + leewaySeconds;
    checks.push({ claim: 'nbf', outcome: early ? 'fail' : 'pass', message: early ? l10n.t('not valid for another {0}', humanDuration(nbf - now)) : l10n.t('already valid') });
  }
  const iat = checkTime(payload, 'iat', checks);
  if (iat !== undefined) {
    const future = iat > now + leewaySeconds;
    checks.push({ claim: 'iat', outcome: future ? 'fail' : 'pass', message: future ? l10n.t('issued in the future (in {0})', humanDuration(iat - now)) : l10n.t('issued in the past') });
  }
  const audiences = Array.isArray(payload.aud) ? payload.aud : payload.aud === undefined ? [] : [payload.aud];
  if (options.audience === undefined) {
    checks.push({ claim: 'aud', outcome: 'note', message: l10n.t('not checked (the token\'s audiences: {0})', audienceList(audiences)) });
  } else {
    const ok = audiences.includes(options.audience);
    const audience = shown(options.audience, 80);
    checks.push({ claim: 'aud', outcome: ok ? 'pass' : 'fail', message: ok ? l10n.t('includes {0}', audience) : l10n.t('{0} is not among the token\'s audiences ({1})', audience, audienceList(audiences)) });
  }
  if (options.issuer !== undefined) {
    const issuer = shown(options.issuer);
    if (payload.iss === options.issuer) {
      checks.push({ claim: 'iss', outcome: 'pass', message: `is ${issuer}` });
    } else if (payload.iss === legacyIssuer && options.kubernetesApiServer) {
      checks.push({ claim: 'iss', outcome: 'note', message: l10n.t('{0}: the fixed issuer of legacy Secret-based tokens, which the API server accepts when its own keys signed them (its issuer for bound tokens is {1})', legacyIssuer, issuer) });
    } else {
      checks.push({ claim: 'iss', outcome: 'fail', message: l10n.t('the issuer differs: the token says {0}, the key belongs to {1}', payload.iss === undefined ? l10n.t('nothing') : shown(payload.iss), issuer) });
    }
  }
  return checks;
}

/** Facts beyond the checks: a legacy ServiceAccount token is a credential that never expires. */
function notesFor(payload: JsonObject): string[] {
  const account = serviceAccountOf(payload);
  if (account?.legacy !== true) {
    return [];
  }
  const secret = account.secret === undefined ? l10n.t('its Secret') : l10n.t('Secret {0}', shown(account.secret, 253));
  return [
    l10n.t('A legacy Secret-based ServiceAccount token: it never expires, and acts as {0}/{1} until {2} in namespace {3} is deleted. Delete that Secret to revoke it, and use short-lived tokens (kubectl create token) instead.', shown(account.namespace, 253), shown(account.name, 253), secret, shown(account.namespace, 253)),
  ];
}

/** Verifies the signature with `source` and checks the claims. */
export async function verifyJwt(token: string, source: KeySource, options: VerifyOptions): Promise<Verification> {
  const decoded = decodeJwt(token);
  const refuse = (signature: string, payload?: JsonObject): Verification => ({
    valid: false,
    signatureValid: false,
    signature,
    verifiedWith: source.label,
    checks: payload ? checkClaims(payload, options) : [],
    notes: payload ? notesFor(payload) : [],
  });
  if (decoded.form === 'malformed') {
    return refuse(l10n.t('Not a decodable JWT: {0}.', decoded.reason));
  }
  if (decoded.form === 'jwe') {
    return refuse(l10n.t('An encrypted JWT (JWE) is decrypted by its recipient, not verified with a public key.'));
  }
  const alg = String(decoded.header.alg);
  if (alg === 'none') {
    return refuse(l10n.t('The token is unsigned (alg: none): there is no signature to verify, and no server should accept it.'), decoded.payload);
  }
  const registered = caseVariantOf(alg);
  if (registered !== undefined) {
    return refuse(
      l10n.t('The token\'s alg is {0}, which differs in case from {1}: algorithm names are case-sensitive (RFC 7515), so it names no algorithm, and a correct library rejects the token. Nothing was verified.', shown(alg, 40), registered),
      decoded.payload,
    );
  }
  const signature = await checkSignature(token.trim(), decoded.header, source);
  const checks = checkClaims(decoded.payload, options);
  return {
    valid: signature.valid && checks.every((check) => check.outcome !== 'fail'),
    signatureValid: signature.valid,
    signature: signature.message,
    noMatchingKey: signature.noMatchingKey,
    verifiedWith: source.label,
    signedWith: signature.signedWith,
    checks,
    notes: notesFor(decoded.payload),
  };
}

/** The outcome as plain lines, for a message's detail. */
export function verificationLines(verification: Verification): string[] {
  const mark: Record<CheckOutcome, string> = { pass: '✓', fail: '✗', note: '·' };
  return [verification.signature, ...verification.checks.map((check) => `${mark[check.outcome]} ${check.claim}: ${check.message}`), ...verification.notes];
}
