/**
 * Signature and claim checks with jose, against keys from a cluster, a file, a URL or a shared
 * secret. Claims are checked here rather than by jwtVerify so that every check is reported,
 * not only the first one that fails.
 */
import { compactVerify, createLocalJWKSet, importSPKI, importX509, type JSONWebKeySet, type JWK } from 'jose';
import { decodeJwt, type JsonObject } from './decode';
import { absoluteTime, expiryPhrase, humanDuration } from './time';

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

export interface Verification {
  /** True when the signature is valid and no claim check failed. */
  readonly valid: boolean;
  readonly signatureValid: boolean;
  readonly signature: string;
  /** Set when the key set had no key for the token: the cached keys may be stale. */
  readonly noMatchingKey?: boolean;
  readonly verifiedWith: string;
  readonly checks: readonly ClaimCheck[];
}

export interface VerifyOptions {
  readonly now: number;
  /** An audience the token must carry; unchecked when absent. */
  readonly audience?: string;
  /** The issuer the key belongs to (a cluster's discovery document says it); unchecked when absent. */
  readonly issuer?: string;
}

/** A minute of clock skew between issuer and this machine is tolerated for nbf and iat, as JWT libraries commonly do. */
const leewaySeconds = 60;

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
  const object = parsed as { keys?: unknown; kty?: unknown };
  if (Array.isArray(object.keys)) {
    return { kind: 'jwks', label, jwks: object as JSONWebKeySet };
  }
  if (typeof object.kty === 'string') {
    return { kind: 'jwks', label, jwks: { keys: [object as JWK] } };
  }
  throw new Error(`${label} is JSON but neither a JWKS (with "keys") nor a JWK (with "kty").`);
}

function errorCode(error: unknown): string | undefined {
  return (error as { code?: string } | undefined)?.code;
}

async function checkSignature(token: string, header: JsonObject, source: KeySource): Promise<{ valid: boolean; message: string; noMatchingKey?: boolean }> {
  const alg = String(header.alg);
  const kid = typeof header.kid === 'string' ? header.kid : undefined;
  try {
    if (source.kind === 'jwks') {
      await compactVerify(token, createLocalJWKSet(source.jwks));
    } else if (source.kind === 'pem') {
      const key = source.pem.includes('CERTIFICATE') ? await importX509(source.pem, alg) : await importSPKI(source.pem, alg);
      await compactVerify(token, key);
    } else {
      if (!alg.startsWith('HS')) {
        return { valid: false, message: `A shared secret verifies only HS256, HS384 and HS512 tokens; this one is signed with ${alg}: give its issuer's public key.` };
      }
      await compactVerify(token, new TextEncoder().encode(source.secret));
    }
    return { valid: true, message: `Signature valid (${alg}${kid ? `, kid ${kid}` : ''}), checked with ${source.label}.` };
  } catch (error) {
    switch (errorCode(error)) {
      case 'ERR_JWKS_NO_MATCHING_KEY':
        return { valid: false, noMatchingKey: true, message: `No key in ${source.label} matches this token (${kid ? `kid ${kid}` : 'no kid'}, ${alg}): it was signed by another issuer, or by a key that was rotated out.` };
      case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED':
      case 'ERR_JWKS_MULTIPLE_MATCHING_KEYS':
        return { valid: false, message: `The signature does not match ${source.label}: the token was altered, or signed with another key.` };
      default:
        return { valid: false, message: `Could not verify with ${source.label}: ${error instanceof Error ? error.message : String(error)}` };
    }
  }
}

function numeric(value: unknown): number | undefined {
  return typeof value === 'number' ? value : typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : undefined;
}

/** exp, nbf, iat, aud and iss as of `now`, each with its own outcome. */
export function checkClaims(payload: JsonObject, options: VerifyOptions): ClaimCheck[] {
  const now = Math.floor(options.now / 1000);
  const checks: ClaimCheck[] = [];
  const exp = numeric(payload.exp);
  if (exp === undefined) {
    checks.push({ claim: 'exp', outcome: 'note', message: 'no exp: the token never expires' });
  } else {
    checks.push({ claim: 'exp', outcome: exp > now ? 'pass' : 'fail', message: `${expiryPhrase(exp, now)} (${absoluteTime(exp) ?? exp})` });
  }
  const nbf = numeric(payload.nbf);
  if (nbf !== undefined) {
    const early = nbf > now + leewaySeconds;
    checks.push({ claim: 'nbf', outcome: early ? 'fail' : 'pass', message: early ? `not valid for another ${humanDuration(nbf - now)}` : 'already valid' });
  }
  const iat = numeric(payload.iat);
  if (iat !== undefined) {
    const future = iat > now + leewaySeconds;
    checks.push({ claim: 'iat', outcome: future ? 'fail' : 'pass', message: future ? `issued in the future (in ${humanDuration(iat - now)})` : 'issued in the past' });
  }
  const audiences = Array.isArray(payload.aud) ? payload.aud.map(String) : typeof payload.aud === 'string' ? [payload.aud] : [];
  if (options.audience === undefined) {
    checks.push({ claim: 'aud', outcome: 'note', message: `not checked (the token's audiences: ${audiences.join(', ') || 'none'})` });
  } else {
    const ok = audiences.includes(options.audience);
    checks.push({ claim: 'aud', outcome: ok ? 'pass' : 'fail', message: ok ? `includes ${options.audience}` : `${options.audience} is not among the token's audiences (${audiences.join(', ') || 'none'})` });
  }
  if (options.issuer !== undefined) {
    const ok = payload.iss === options.issuer;
    checks.push({ claim: 'iss', outcome: ok ? 'pass' : 'fail', message: ok ? `is ${options.issuer}` : `the issuer differs: the token says ${String(payload.iss)}, the key belongs to ${options.issuer}` });
  }
  return checks;
}

/** Verifies the signature with `source` and checks the claims. */
export async function verifyJwt(token: string, source: KeySource, options: VerifyOptions): Promise<Verification> {
  const decoded = decodeJwt(token);
  const refuse = (signature: string): Verification => ({ valid: false, signatureValid: false, signature, verifiedWith: source.label, checks: [] });
  if (decoded.form === 'malformed') {
    return refuse(`Not a decodable JWT: ${decoded.reason}.`);
  }
  if (decoded.form === 'jwe') {
    return refuse('An encrypted JWT (JWE) is decrypted by its recipient, not verified with a public key.');
  }
  if (String(decoded.header.alg).toLowerCase() === 'none') {
    return { ...refuse('The token is unsigned (alg: none): there is no signature to verify, and no server should accept it.'), checks: checkClaims(decoded.payload, options) };
  }
  const signature = await checkSignature(token.trim(), decoded.header, source);
  const checks = checkClaims(decoded.payload, options);
  return {
    valid: signature.valid && checks.every((check) => check.outcome !== 'fail'),
    signatureValid: signature.valid,
    signature: signature.message,
    noMatchingKey: signature.noMatchingKey,
    verifiedWith: source.label,
    checks,
  };
}

/** The outcome as plain lines, for a message's detail. */
export function verificationLines(verification: Verification): string[] {
  const mark: Record<CheckOutcome, string> = { pass: '✓', fail: '✗', note: '·' };
  return [verification.signature, ...verification.checks.map((check) => `${mark[check.outcome]} ${check.claim}: ${check.message}`)];
}
