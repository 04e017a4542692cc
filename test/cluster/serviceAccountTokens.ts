import { createHash, randomUUID } from 'node:crypto';
import { compactVerify, decodeJwt, exportJWK, exportSPKI, generateKeyPair, SignJWT, type JWK } from 'jose';
import { goQuoteList } from './api/decode/goJson';
import { Clock } from './clock';
import type { Store, StoredObject } from './store';
import { behaviourOf, newestVersion, type VersionBehaviour } from './version';

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

/** The node a Pod-bound token names: a stored Node, or just the name when the Pod's node is gone (token.go). */
export interface NodeReference {
  readonly metadata: { readonly name: string; readonly uid?: string };
}

export interface ReviewedUser {
  readonly username: string;
  readonly uid: string;
  readonly groups: string[];
  readonly extra?: Record<string, string[]>;
}

export type ReviewResult = { readonly user: ReviewedUser; readonly audiences: string[] } | { readonly error: string };

/** What the ServiceAccount authenticators make of a token: a user, a reason to refuse it, or nothing (not theirs). */
export type Authentication = { readonly user: ReviewedUser; readonly audiences: string[] } | { readonly cause?: string };

interface Ref {
  readonly name: string;
  readonly uid?: string;
}

interface BoundClaims {
  readonly namespace: string;
  readonly serviceaccount: Ref;
  readonly pod?: Ref;
  readonly secret?: Ref;
  readonly node?: Ref;
}

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
/** go-jose's jwt.DefaultLeeway, which the validator allows around exp, nbf and iat. */
const leewaySeconds = 60;

/**
 * A refused token's error as TokenReview reports it: the loopback token authenticator in front of kube-apiserver's
 * chain says "invalid bearer token" to every other token, and utilerrors' aggregate prints distinct errors in brackets.
 */
export const invalidBearerToken = (cause?: string): string => (cause ? `[invalid bearer token, ${cause}]` : 'invalid bearer token');

/** Whether a pending deletion began (its deletionTimestamp) before `seconds` since the epoch. */
const deletedBefore = (object: StoredObject, seconds: number) => object.metadata.deletionTimestamp !== undefined && Date.parse(object.metadata.deletionTimestamp) / 1000 < seconds;

/** Go's sets.Intersect order: the token's audiences that the target also has. */
const intersect = (audiences: readonly string[], targets: readonly string[]) => audiences.filter((audience) => targets.includes(audience));

/**
 * The ServiceAccount token machinery of kube-apiserver: it signs bound and legacy tokens with
 * exactly the claims of pkg/serviceaccount/claims.go and legacy.go, and validates them as the
 * ServiceAccount authenticators do (jwt.go, claims.go, legacy.go), error strings included.
 */
export class ServiceAccountTokens {
  private keys: SigningKey[] = [];

  private constructor(
    private readonly store: Store,
    readonly issuer: string,
    readonly apiAudiences: readonly string[],
    private readonly alg: SigningAlgorithm,
    private readonly behaviour: VersionBehaviour,
    private readonly clock: Clock,
  ) {}

  static async create(store: Store, issuer: string, apiAudiences: readonly string[], alg: SigningAlgorithm, behaviour = behaviourOf(newestVersion), clock = new Clock()): Promise<ServiceAccountTokens> {
    const tokens = new ServiceAccountTokens(store, issuer, apiAudiences, alg, behaviour, clock);
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

  /**
   * A bound token. node: the node of a bound Pod (ServiceAccountTokenPodNodeInfo) or the bound Node.
   * go-jose marshals the claims through a map, so every level comes out in key order.
   */
  async issue(account: StoredObject, audiences: readonly string[], expirationSeconds: number, bound: BoundReference | undefined, node: NodeReference | undefined, warnAfterSeconds?: number): Promise<{ token: string; expiresAt: Date }> {
    const now = Math.floor(this.clock.now() / 1000);
    const ref = ({ metadata }: NodeReference) => ({ name: metadata.name, ...(metadata.uid ? { uid: metadata.uid } : {}) });
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
      ...(this.behaviour.tokenJti ? { jti: randomUUID() } : {}),
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

  /** TokenReview of a ServiceAccount token alone, with the "invalid bearer token" the bearer authenticator adds (no cache, no static tokens). */
  async review(token: string, requestedAudiences: readonly string[]): Promise<ReviewResult> {
    const result = await this.authenticate(token, requestedAudiences.length > 0 ? requestedAudiences : this.apiAudiences);
    return 'user' in result ? result : { error: invalidBearerToken(result.cause) };
  }

  /**
   * jwt.go AuthenticateToken for the legacy and the bound issuer: a token of another issuer is not
   * theirs; then the signature (every key is tried, as 1.24 does), the audiences, and the validator.
   */
  async authenticate(token: string, targets: readonly string[]): Promise<Authentication> {
    let issuer: unknown;
    try {
      issuer = decodeJwt(token).iss;
    } catch {
      return {};
    }
    if (issuer !== this.issuer && issuer !== legacyIssuer) {
      return {};
    }
    let payload: Record<string, unknown> | undefined;
    for (const key of this.keys) {
      try {
        const verified = await compactVerify(token, key.publicKey, { algorithms: [key.alg] });
        payload = JSON.parse(new TextDecoder().decode(verified.payload)) as Record<string, unknown>;
        break;
      } catch (error) {
        if ((error as { code?: string }).code !== 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED' && (error as { code?: string }).code !== 'ERR_JOSE_ALG_NOT_ALLOWED') {
          return {};
        }
      }
    }
    if (!payload) {
      // Each key's failure is go-jose's ErrCryptoFailure; the aggregate prints the one text once.
      return { cause: 'square/go-jose: error in cryptographic primitive' };
    }
    const tokenAudiences = Array.isArray(payload.aud) ? (payload.aud as string[]) : typeof payload.aud === 'string' ? [payload.aud] : [];
    // Legacy tokens carry no audience: they are good for the API server's audiences only.
    const audiences = intersect(tokenAudiences.length > 0 ? tokenAudiences : this.apiAudiences, targets);
    if (audiences.length === 0) {
      return { cause: `token audiences ${goQuoteList(tokenAudiences.length > 0 ? tokenAudiences : this.apiAudiences)} is invalid for the target audiences ${goQuoteList(targets)}` };
    }
    const validated = payload.iss === legacyIssuer ? this.validateLegacy(token, payload) : this.validateBound(payload);
    return 'cause' in validated ? validated : { user: validated, audiences };
  }

  /**
   * claims.go Validate (v1.33): the times, then that the ServiceAccount and what the token is bound to
   * still exist with the same UID. An object whose deletion is pending (a Pod waiting for its kubelet)
   * still counts until its deletionTimestamp is a leeway (jwt.DefaultLeeway, 60 s) in the past.
   */
  private validateBound(payload: Record<string, unknown>): ReviewedUser | { cause: string } {
    const now = Math.floor(this.clock.now() / 1000);
    if (typeof payload.nbf === 'number' && now + leewaySeconds < payload.nbf) {
      return { cause: 'service account token is not valid yet' };
    }
    if (typeof payload.exp === 'number' && now - leewaySeconds > payload.exp) {
      return { cause: 'service account token has expired' };
    }
    if (typeof payload.iat === 'number' && now + leewaySeconds < payload.iat) {
      return { cause: 'service account token is issued in the future' };
    }
    const claims = payload['kubernetes.io'] as BoundClaims;
    const account = this.store.get('serviceaccounts', claims.namespace, claims.serviceaccount.name);
    if (!account) {
      return { cause: `serviceaccounts "${claims.serviceaccount.name}" not found` };
    }
    if (account.metadata.uid !== claims.serviceaccount.uid) {
      return { cause: `service account UID (${account.metadata.uid}) does not match claim (${claims.serviceaccount.uid})` };
    }
    if (deletedBefore(account, now - leewaySeconds)) {
      return { cause: `service account ${claims.namespace}/${claims.serviceaccount.name} has been deleted` };
    }
    const extra: Record<string, string[]> = {};
    for (const [claim, resource] of [
      ['secret', 'secrets'],
      ['pod', 'pods'],
    ] as const) {
      const refused = this.boundObjectRefusal(claim, claims[claim], this.store.get(resource, claims.namespace, claims[claim]?.name ?? ''), now);
      if (refused) {
        return refused;
      }
    }
    if (claims.pod) {
      extra['authentication.kubernetes.io/pod-name'] = [claims.pod.name];
      extra['authentication.kubernetes.io/pod-uid'] = [claims.pod.uid ?? ''];
    }
    if (claims.node && this.behaviour.podNodeInfo) {
      // A Node binding is checked; a Pod-bound token's node claims are only reported.
      const refused = claims.pod ? undefined : this.boundObjectRefusal('node', claims.node, this.store.get('nodes', undefined, claims.node.name), now);
      if (refused) {
        return refused;
      }
      extra['authentication.kubernetes.io/node-name'] = [claims.node.name];
      if (claims.node.uid) {
        extra['authentication.kubernetes.io/node-uid'] = [claims.node.uid];
      }
    }
    if (this.behaviour.tokenJti && typeof payload.jti === 'string') {
      extra['authentication.kubernetes.io/credential-id'] = [`JTI=${payload.jti}`];
    }
    return this.userOf(account, extra);
  }

  /** claims.go for a bound Secret, Pod or Node: gone, replaced (another UID), or deleted a leeway ago all invalidate the token. */
  private boundObjectRefusal(claim: 'secret' | 'pod' | 'node', ref: Ref | undefined, object: StoredObject | undefined, now: number): { cause: string } | undefined {
    if (!ref) {
      return undefined;
    }
    if (!object) {
      return { cause: 'service account token has been invalidated' };
    }
    if (object.metadata.uid !== ref.uid) {
      return { cause: `${claim} UID (${object.metadata.uid}) does not match service account ${claim} ref claim (${ref.uid})` };
    }
    return deletedBefore(object, now - leewaySeconds) ? { cause: 'service account token has been invalidated' } : undefined;
  }

  /** legacy.go Validate: the Secret must still hold this very token, and its ServiceAccount still exist. */
  private validateLegacy(token: string, payload: Record<string, unknown>): ReviewedUser | { cause: string } {
    const namespace = String(payload['kubernetes.io/serviceaccount/namespace']);
    const secretName = String(payload['kubernetes.io/serviceaccount/secret.name']);
    const accountName = String(payload['kubernetes.io/serviceaccount/service-account.name']);
    const accountUid = String(payload['kubernetes.io/serviceaccount/service-account.uid']);
    const secret = this.store.get('secrets', namespace, secretName);
    // Unlike claims.go, legacy.go takes any pending deletion as the end, with no leeway.
    if (!secret || secret.metadata.deletionTimestamp !== undefined) {
      return { cause: 'Token has been invalidated' };
    }
    const stored = (secret.data as Record<string, string> | undefined)?.token;
    if (!stored || Buffer.from(stored, 'base64').toString('utf8') !== token) {
      return { cause: "Token does not match server's copy" };
    }
    const account = this.store.get('serviceaccounts', namespace, accountName);
    if (!account) {
      return { cause: `serviceaccounts "${accountName}" not found` };
    }
    if (account.metadata.deletionTimestamp !== undefined) {
      return { cause: `ServiceAccount ${namespace}/${accountName} has been deleted` };
    }
    if (account.metadata.uid !== accountUid) {
      return { cause: `ServiceAccount UID (${account.metadata.uid}) does not match claim (${accountUid})` };
    }
    return this.userOf(account, {});
  }

  /** Extra comes out of a Go map, so its keys are sorted. */
  private userOf(account: StoredObject, extra: Record<string, string[]>): ReviewedUser {
    const namespace = account.metadata.namespace ?? '';
    const keys = Object.keys(extra).sort();
    return {
      username: `system:serviceaccount:${namespace}:${account.metadata.name}`,
      uid: account.metadata.uid,
      groups: ['system:serviceaccounts', `system:serviceaccounts:${namespace}`, 'system:authenticated'],
      ...(keys.length > 0 ? { extra: Object.fromEntries(keys.map((key) => [key, extra[key]])) } : {}),
    };
  }
}
