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
  return visibleText(typeof value === 'string' ? value : (JSON.stringify(value) ?? 'nothing'), limit);
}

/** A key file's content: a JWKS, a single JWK, or a PEM public key or certificate. */
export function keySourceFromText(text: string, label: string): KeySource {
  const trimmed = text.trim();
  if (trimmed.startsWith('-----BEGIN')) {
    if (/-----BEGIN (RSA |EC |ENCRYPTED )?PRIVATE KEY-----/.test(trimmed)) {
      throw new Error(`${label} holds a private key. Give the public key (or a certificate) instead: verifying never needs the private key.`);
    }
    return { kind: 'pem', label, pem: trimmed };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed);
  } catch {
    throw new Error(`${label} is neither a PEM public key nor JSON (a JWKS or a JWK).`);
  }
  const object = parsed as { keys?: unknown; kty?: unknown } | null;
  if (Array.isArray(object?.keys)) {
    return { kind: 'jwks', label, jwks: object as JSONWebKeySet };
  }
  if (typeof object?.kty === 'string') {
    return { kind: 'jwks', label, jwks: { keys: [object as JWK] } };
  }
  throw new Error(`${label} is JSON but neither a JWKS (with "keys") nor a JWK (with "kty").`);
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
  const names = [key.kid !== undefined ? `kid ${shown(key.kid, 80)}` : 'no kid', ...(key.thumbprint ? [`thumbprint ${key.thumbprint}`] : [])];
  return `key ${key.position} of ${setSize} (${names.join(', ')})`;
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
      const rotation = mismatches > 0 ? `; ${mismatches} other key${mismatches === 1 ? '' : 's'} of the set also fit this token (a key set in rotation) and did not verify it` : '';
      return { valid: true, signedWith, message: `Signature valid (${described}), checked with ${label}: ${keyName(signedWith, jwks.keys.length)}${rotation}.` };
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
  const limit = tried === maxCandidateKeys ? `; only the first ${maxCandidateKeys} keys that fit it were tried` : '';
  if (mismatches > 0) {
    const none = mismatches === 1 ? '' : ` (none of the ${mismatches} keys that fit it verified it${limit})`;
    return { valid: false, message: `The signature does not match ${label}: the token was altered, or signed with another key${none}.` };
  }
  if (otherError !== undefined) {
    return { valid: false, message: `Could not verify with ${label}: ${shown(messageOf(otherError), 200)}` };
  }
  return { valid: false, noMatchingKey: true, message: `No key in ${label} matches this token (${matched}): it was signed by another issuer, or by a key that was rotated out.` };
}

async function checkSignature(token: string, header: JsonObject, source: KeySource): Promise<SignatureOutcome> {
  const alg = String(header.alg);
  const kid = typeof header.kid === 'string' ? header.kid : undefined;
  const kidText = kid !== undefined ? `kid ${shown(kid, 80)}` : 'no kid';
  const described = kid !== undefined ? `${shown(alg, 40)}, ${kidText}` : shown(alg, 40);
  if (source.kind === 'jwks') {
    return checkWithKeySet(token, source.jwks, source.label, described, `${kidText}, ${shown(alg, 40)}`);
  }
  if (source.kind === 'secret' && !alg.startsWith('HS')) {
    return { valid: false, message: `A shared secret verifies only HS256, HS384 and HS512 tokens; this one is signed with ${shown(alg, 40)}: give its issuer's public key.` };
  }
  try {
    if (source.kind === 'pem') {
      const key = source.pem.includes('CERTIFICATE') ? await importX509(source.pem, alg) : await importSPKI(source.pem, alg);
      await compactVerify(token, key);
    } else {
      await compactVerify(token, new TextEncoder().encode(source.secret));
    }
    return { valid: true, message: `Signature valid (${described}), checked with ${source.label}.` };
  } catch (error) {
    if (errorCode(error) === 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED') {
      return { valid: false, message: `The signature does not match ${source.label}: the token was altered, or signed with another key.` };
    }
    return { valid: false, message: `Could not verify with ${source.label}: ${shown(messageOf(error), 200)}` };
  }
}

function checkTime(payload: JsonObject, claim: 'exp' | 'nbf' | 'iat', checks: ClaimCheck[]): number | undefined {
  const value = payload[claim];
  const time = claimSeconds(value);
  if (time?.writtenAsString) {
    checks.push({ claim, outcome: 'fail', message: `is the string "${shown(value, 40)}", not a number: verifiers such as jose and the Kubernetes API server reject the token` });
    return undefined;
  }
  if (time === undefined && value !== undefined) {
    checks.push({ claim, outcome: 'fail', message: `is not a time (seconds since 1970): ${shown(value, 40)}` });
    return undefined;
  }
  return time?.seconds;
}

function audienceList(audiences: readonly unknown[]): string {
  const listed = audiences.slice(0, maxListedAudiences).map((audience) => shown(audience, 80));
  const more = audiences.length > maxListedAudiences ? ` and ${audiences.length - maxListedAudiences} more` : '';
  return listed.length > 0 ? `${listed.join(', ')}${more}` : 'none';
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
    checks.push({ claim: 'exp', outcome: 'note', message: 'no exp: the token never expires' });
  }
  const nbf = checkTime(payload, 'nbf', checks);
  if (nbf !== undefined) {
    const early = nbf > now + leewaySeconds;
    checks.push({ claim: 'nbf', outcome: early ? 'fail' : 'pass', message: early ? `not valid for another ${humanDuration(nbf - now)}` : 'already valid' });
  }
  const iat = checkTime(payload, 'iat', checks);
  if (iat !== undefined) {
    const future = iat > now + leewaySeconds;
    checks.push({ claim: 'iat', outcome: future ? 'fail' : 'pass', message: future ? `issued in the future (in ${humanDuration(iat - now)})` : 'issued in the past' });
  }
  const audiences = Array.isArray(payload.aud) ? payload.aud : payload.aud === undefined ? [] : [payload.aud];
  if (options.audience === undefined) {
    checks.push({ claim: 'aud', outcome: 'note', message: `not checked (the token's audiences: ${audienceList(audiences)})` });
  } else {
    const ok = audiences.includes(options.audience);
    const audience = shown(options.audience, 80);
    checks.push({ claim: 'aud', outcome: ok ? 'pass' : 'fail', message: ok ? `includes ${audience}` : `${audience} is not among the token's audiences (${audienceList(audiences)})` });
  }
  if (options.issuer !== undefined) {
    const issuer = shown(options.issuer);
    if (payload.iss === options.issuer) {
      checks.push({ claim: 'iss', outcome: 'pass', message: `is ${issuer}` });
    } else if (payload.iss === legacyIssuer && options.kubernetesApiServer) {
      checks.push({ claim: 'iss', outcome: 'note', message: `${legacyIssuer}: the fixed issuer of legacy Secret-based tokens, which the API server accepts when its own keys signed them (its issuer for bound tokens is ${issuer})` });
    } else {
      checks.push({ claim: 'iss', outcome: 'fail', message: `the issuer differs: the token says ${payload.iss === undefined ? 'nothing' : shown(payload.iss)}, the key belongs to ${issuer}` });
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
  const secret = account.secret === undefined ? 'its Secret' : `Secret ${shown(account.secret, 253)}`;
  return [
    `A legacy Secret-based ServiceAccount token: it never expires, and acts as ${shown(account.namespace, 253)}/${shown(account.name, 253)} until ${secret} in namespace ${shown(account.namespace, 253)} is deleted. Delete that Secret to revoke it, and use short-lived tokens (kubectl create token) instead.`,
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
    return refuse(`Not a decodable JWT: ${decoded.reason}.`);
  }
  if (decoded.form === 'jwe') {
    return refuse('An encrypted JWT (JWE) is decrypted by its recipient, not verified with a public key.');
  }
  const alg = String(decoded.header.alg);
  if (alg === 'none') {
    return refuse('The token is unsigned (alg: none): there is no signature to verify, and no server should accept it.', decoded.payload);
  }
  const registered = caseVariantOf(alg);
  if (registered !== undefined) {
    return refuse(
      `The token's alg is ${shown(alg, 40)}, which differs in case from ${registered}: algorithm names are case-sensitive (RFC 7515), so it names no algorithm, and a correct library rejects the token. Nothing was verified.`,
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
