import { createHash, randomUUID } from 'node:crypto';
import { compactVerify, decodeProtectedHeader, exportJWK, exportSPKI, generateKeyPair, SignJWT, type JWK } from 'jose';
import type { Store, StoredObject } from './store';

export type SigningAlgorithm = 'RS256' | 'ES256';

interface SigningKey {
  readonly kid: string;
  readonly alg: SigningAlgorithm;
  readonly privateKey: CryptoKey;
  readonly publicKey: CryptoKey;
  readonly jwk: JWK;
}

export interface BoundReference {
  readonly kind: 'Pod' | 'Secret' | 'Node';
  readonly object: StoredObject;
}

export interface ReviewedUser {
  readonly username: string;
  readonly uid: string;
  readonly groups: string[];
  readonly extra?: Record<string, string[]>;
}

export type ReviewResult = { readonly user: ReviewedUser; readonly audiences: string[] } | { readonly error: string };

/** pkg/serviceaccount/jwt.go: kid = base64url(SHA-256(DER of the public key)). */
async function keyId(publicKey: CryptoKey): Promise<string> {
  const pem = await exportSPKI(publicKey);
  const der = Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ''), 'base64');
  return createHash('sha256').update(der).digest('base64url');
}

async function newSigningKey(alg: SigningAlgorithm): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  const kid = await keyId(publicKey);
  return { kid, alg, privateKey, publicKey, jwk: { ...(await exportJWK(publicKey)), use: 'sig', kid, alg } };
}

const legacyIssuer = 'kubernetes/serviceaccount';

/**
 * The ServiceAccount token machinery of kube-apiserver: it signs bound and legacy tokens with
 * exactly the claims of pkg/serviceaccount/claims.go and legacy.go, and reviews tokens the way
 * the service-account authenticator does, error strings included.
 */
export class ServiceAccountTokens {
  private keys: SigningKey[] = [];

  private constructor(
    private readonly store: Store,
    readonly issuer: string,
    readonly apiAudiences: readonly string[],
    private readonly alg: SigningAlgorithm,
  ) {}

  static async create(store: Store, issuer: string, apiAudiences: readonly string[], alg: SigningAlgorithm): Promise<ServiceAccountTokens> {
    const tokens = new ServiceAccountTokens(store, issuer, apiAudiences, alg);
    tokens.keys = [await newSigningKey(alg)];
    return tokens;
  }

  /** A new key signs from now on; the old one stays in the JWKS so tokens it signed still verify. */
  async rotate(keepOld = true): Promise<void> {
    const fresh = await newSigningKey(this.alg);
    this.keys = keepOld ? [fresh, ...this.keys] : [fresh];
  }

  get algorithm(): SigningAlgorithm {
    return this.alg;
  }

  jwks(): { keys: JWK[] } {
    return { keys: this.keys.map((key) => key.jwk) };
  }

  async issue(account: StoredObject, audiences: readonly string[], expirationSeconds: number, bound: BoundReference | undefined, node: StoredObject | undefined, warnAfterSeconds?: number): Promise<{ token: string; expiresAt: Date }> {
    const now = Math.floor(Date.now() / 1000);
    const ref = (object: StoredObject) => ({ name: object.metadata.name, uid: object.metadata.uid });
    const kubernetes: Record<string, unknown> = { namespace: account.metadata.namespace };
    if (node) {
      kubernetes.node = ref(node);
    }
    if (bound?.kind === 'Pod') {
      kubernetes.pod = ref(bound.object);
    }
    if (bound?.kind === 'Secret') {
      kubernetes.secret = ref(bound.object);
    }
    kubernetes.serviceaccount = ref(account);
    if (warnAfterSeconds !== undefined) {
      kubernetes.warnafter = now + warnAfterSeconds;
    }
    const exp = now + expirationSeconds;
    const claims = {
      aud: [...audiences],
      exp,
      iat: now,
      iss: this.issuer,
      jti: randomUUID(),
      'kubernetes.io': kubernetes,
      nbf: now,
      sub: `system:serviceaccount:${account.metadata.namespace}:${account.metadata.name}`,
    };
    const key = this.keys[0];
    const token = await new SignJWT(claims).setProtectedHeader({ alg: key.alg, kid: key.kid }).sign(key.privateKey);
    return { token, expiresAt: new Date(exp * 1000) };
  }

  /** A token as the pre-1.24 token controller put into Secrets: no exp, no aud; it never expires. */
  async issueLegacy(account: StoredObject, secretName: string): Promise<string> {
    const key = this.keys[0];
    return new SignJWT({
      iss: legacyIssuer,
      'kubernetes.io/serviceaccount/namespace': account.metadata.namespace,
      'kubernetes.io/serviceaccount/secret.name': secretName,
      'kubernetes.io/serviceaccount/service-account.name': account.metadata.name,
      'kubernetes.io/serviceaccount/service-account.uid': account.metadata.uid,
      sub: `system:serviceaccount:${account.metadata.namespace}:${account.metadata.name}`,
    })
      .setProtectedHeader({ alg: key.alg, kid: key.kid })
      .sign(key.privateKey);
  }

  /** TokenReview: signature, times, audiences, and that the ServiceAccount and bound objects still exist with the same UID. */
  async review(token: string, requestedAudiences: readonly string[]): Promise<ReviewResult> {
    const invalid = (reason?: string): ReviewResult => ({ error: reason ? `[invalid bearer token, ${reason}]` : 'invalid bearer token' });
    let kid: string | undefined;
    try {
      kid = decodeProtectedHeader(token).kid;
    } catch {
      return invalid();
    }
    const keys = this.keys.filter((key) => !kid || key.kid === kid);
    if (keys.length === 0) {
      return invalid();
    }
    let payload: Record<string, unknown> | undefined;
    for (const key of keys) {
      try {
        // Signature only: the times are checked below, with the authenticator's own messages.
        const verified = await compactVerify(token, key.publicKey, { algorithms: [key.alg] });
        payload = JSON.parse(new TextDecoder().decode(verified.payload)) as Record<string, unknown>;
        break;
      } catch (error) {
        if ((error as { code?: string }).code !== 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED') {
          return invalid();
        }
      }
    }
    if (!payload) {
      return invalid('square/go-jose: error in cryptographic primitive');
    }
    const targets = requestedAudiences.length > 0 ? requestedAudiences : this.apiAudiences;
    return payload.iss === legacyIssuer ? this.reviewLegacy(token, payload, targets, invalid) : this.reviewBound(payload, targets, invalid);
  }

  private reviewBound(payload: Record<string, unknown>, targets: readonly string[], invalid: (reason?: string) => ReviewResult): ReviewResult {
    if (payload.iss !== this.issuer) {
      return invalid();
    }
    const now = Math.floor(Date.now() / 1000);
    const leeway = 60;
    if (typeof payload.exp === 'number' && now > payload.exp + leeway) {
      return invalid('service account token has expired');
    }
    if (typeof payload.nbf === 'number' && now < payload.nbf - leeway) {
      return invalid('service account token is not valid yet');
    }
    if (typeof payload.iat === 'number' && now < payload.iat - leeway) {
      return invalid('service account token is issued in the future');
    }
    const tokenAudiences = Array.isArray(payload.aud) ? (payload.aud as string[]) : [];
    const audiences = tokenAudiences.filter((audience) => targets.includes(audience));
    if (audiences.length === 0) {
      return invalid(`token audiences ${JSON.stringify(tokenAudiences)} is invalid for the target audiences ${JSON.stringify(targets)}`);
    }
    const claims = payload['kubernetes.io'] as { namespace: string; serviceaccount: { name: string; uid: string }; pod?: { name: string; uid: string }; secret?: { name: string; uid: string }; node?: { name: string; uid: string } };
    const account = this.store.get('serviceaccounts', claims.namespace, claims.serviceaccount.name);
    if (!account) {
      return invalid(`serviceaccounts "${claims.serviceaccount.name}" not found`);
    }
    if (account.metadata.uid !== claims.serviceaccount.uid) {
      return invalid(`service account UID (${account.metadata.uid}) does not match claim (${claims.serviceaccount.uid})`);
    }
    const extra: Record<string, string[]> = {};
    for (const [claim, resource, label] of [
      ['pod', 'pods', 'pod'],
      ['secret', 'secrets', 'secret'],
    ] as const) {
      const ref = claims[claim];
      if (ref) {
        const object = this.store.get(resource, claims.namespace, ref.name);
        if (!object) {
          return invalid(`${resource} "${ref.name}" not found`);
        }
        if (object.metadata.uid !== ref.uid) {
          return invalid(`${label} UID (${object.metadata.uid}) does not match claim (${ref.uid})`);
        }
      }
    }
    if (claims.pod) {
      extra['authentication.kubernetes.io/pod-name'] = [claims.pod.name];
      extra['authentication.kubernetes.io/pod-uid'] = [claims.pod.uid];
    }
    if (claims.node) {
      // A Node binding is checked; a Pod-bound token's node claim is informational (claims.go).
      if (!claims.pod) {
        const node = this.store.get('nodes', undefined, claims.node.name);
        if (!node) {
          return invalid(`nodes "${claims.node.name}" not found`);
        }
        if (node.metadata.uid !== claims.node.uid) {
          return invalid(`node UID (${node.metadata.uid}) does not match claim (${claims.node.uid})`);
        }
      }
      extra['authentication.kubernetes.io/node-name'] = [claims.node.name];
      extra['authentication.kubernetes.io/node-uid'] = [claims.node.uid];
    }
    if (typeof payload.jti === 'string') {
      extra['authentication.kubernetes.io/credential-id'] = [`JTI=${payload.jti}`];
    }
    return { user: this.userOf(account, extra), audiences };
  }

  private reviewLegacy(token: string, payload: Record<string, unknown>, targets: readonly string[], invalid: (reason?: string) => ReviewResult): ReviewResult {
    // Legacy tokens carry no audience: they are good for the API server's audiences only.
    const audiences = this.apiAudiences.filter((audience) => targets.includes(audience));
    if (audiences.length === 0) {
      return invalid(`token audiences ${JSON.stringify(this.apiAudiences)} is invalid for the target audiences ${JSON.stringify(targets)}`);
    }
    const namespace = String(payload['kubernetes.io/serviceaccount/namespace']);
    const secretName = String(payload['kubernetes.io/serviceaccount/secret.name']);
    const accountName = String(payload['kubernetes.io/serviceaccount/service-account.name']);
    const secret = this.store.get('secrets', namespace, secretName);
    if (!secret) {
      return invalid(`secrets "${secretName}" not found`);
    }
    const stored = (secret.data as Record<string, string> | undefined)?.token;
    if (!stored || Buffer.from(stored, 'base64').toString('utf8') !== token) {
      return invalid('token does not match the secret');
    }
    const account = this.store.get('serviceaccounts', namespace, accountName);
    if (!account) {
      return invalid(`serviceaccounts "${accountName}" not found`);
    }
    if (account.metadata.uid !== payload['kubernetes.io/serviceaccount/service-account.uid']) {
      return invalid(`service account UID (${account.metadata.uid}) does not match claim (${String(payload['kubernetes.io/serviceaccount/service-account.uid'])})`);
    }
    return { user: this.userOf(account, { 'authentication.kubernetes.io/credential-id': [`secret(${secret.metadata.uid})`] }), audiences };
  }

  private userOf(account: StoredObject, extra: Record<string, string[]>): ReviewedUser {
    const namespace = account.metadata.namespace ?? '';
    return {
      username: `system:serviceaccount:${namespace}:${account.metadata.name}`,
      uid: account.metadata.uid,
      groups: ['system:serviceaccounts', `system:serviceaccounts:${namespace}`, 'system:authenticated'],
      ...(Object.keys(extra).length > 0 ? { extra } : {}),
    };
  }
}
