/**
 * Tells a Kubernetes ServiceAccount token from every other JWT by its claims, as a kube-apiserver
 * writes them, not by its shape: a scan flags only tokens that a cluster could have issued, and
 * counts the rest (OpenID id tokens, samples from docs, look-alikes) without flagging them.
 *
 * What a server writes (pkg/serviceaccount/claims.go and legacy.go, see
 * shared/reference/kubernetes-token-api.md):
 * - bound (TokenRequest, projected volumes): `iss`, `sub` = `system:serviceaccount:NS:NAME`, `aud`,
 *   `exp`, `iat`, and `kubernetes.io` = `{namespace, serviceaccount: {name, uid}, pod?, secret?, node?, warnafter?}`;
 * - legacy (Secret-based): `iss` = `kubernetes/serviceaccount`, the same `sub`, and the flat claims
 *   `kubernetes.io/serviceaccount/namespace`, `…/service-account.name`, `…/service-account.uid`,
 *   `…/secret.name`; no `exp`.
 * Both are signed with the API server's RSA or ECDSA key (pkg/serviceaccount/jwt.go), never with a shared
 * secret, never unsigned; namespaces are DNS labels and object names DNS subdomains.
 *
 * A token that names a ServiceAccount in `kubernetes.io` but whose `sub` names another (or none) is counted
 * as another JWT: no API server writes one, so it is a hand-made sample or a forgery, and flagging it would
 * report a credential for an account that no cluster vouches for. Its reason says so, for whoever looks.
 *
 * Never throws; the work is bounded by the token's length (decodeJwt refuses longer than maxTokenLength).
 */
import type { BoundObject, ServiceAccountTokenClaims } from './types';
import { decodeJwt, type JsonObject } from '../jwt/decode';
import { legacyIssuer } from '../jwt/kubernetes';

/** Why a JWT is not taken for a ServiceAccount token. */
export type OtherJwtReason =
  | 'malformed'
  | 'encrypted'
  | 'not-signed-by-kubernetes' // alg none, HMAC or another algorithm an API server never signs with
  | 'not-kubernetes' // no ServiceAccount claims at all (OpenID id tokens, samples)
  | 'incomplete-claims' // some ServiceAccount claims, others missing or of the wrong type
  | 'invalid-name' // a namespace or name that Kubernetes cannot hold
  | 'inconsistent-subject'; // `sub` is not system:serviceaccount:NS:NAME of the claims

export type TokenClass = { readonly serviceAccount: true; readonly claims: ServiceAccountTokenClaims } | { readonly serviceAccount: false; readonly reason: OtherJwtReason };

/** The algorithms of the keys an API server signs ServiceAccount tokens with (RSA: RS256; ECDSA: by curve). */
const kubernetesAlgorithms = new Set(['RS256', 'RS384', 'RS512', 'ES256', 'ES384', 'ES512']);
/** More are not kept: a finding is sent between threads and shown in a line. */
export const maxAudiences = 32;

const dnsLabel = /^[a-z0-9](?:[-a-z0-9]*[a-z0-9])?$/;
const dnsSubdomain = /^[a-z0-9](?:[-a-z0-9]*[a-z0-9])?(?:\.[a-z0-9](?:[-a-z0-9]*[a-z0-9])?)*$/;
const isNamespace = (value: unknown): value is string => typeof value === 'string' && value.length <= 63 && dnsLabel.test(value);
const isObjectName = (value: unknown): value is string => typeof value === 'string' && value.length <= 253 && dnsSubdomain.test(value);
const isNonEmptyString = (value: unknown): value is string => typeof value === 'string' && value.length > 0;
const isSeconds = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

function objectOf(value: unknown): JsonObject | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonObject) : undefined;
}

const other = (reason: OtherJwtReason): TokenClass => ({ serviceAccount: false, reason });

/** `aud` as a list of strings (a single string is one audience), or undefined when it is anything else. */
function audiencesOf(aud: unknown): string[] | undefined {
  if (typeof aud === 'string') {
    return [aud];
  }
  if (!Array.isArray(aud)) {
    return undefined;
  }
  const audiences: string[] = [];
  for (const value of aud) {
    if (typeof value !== 'string') {
      return undefined;
    }
    if (audiences.length < maxAudiences) {
      audiences.push(value);
    }
  }
  return audiences;
}

type Reference = { readonly name: string; readonly uid?: string } | 'absent' | 'incomplete-claims' | 'invalid-name';

/** `{name, uid}` of a bound object or ServiceAccount: absent, or a name with an optional string uid. */
function referenceOf(value: unknown): Reference {
  if (value === undefined) {
    return 'absent';
  }
  const object = objectOf(value);
  if (!object || typeof object.name !== 'string' || (object.uid !== undefined && typeof object.uid !== 'string')) {
    return 'incomplete-claims';
  }
  if (!isObjectName(object.name)) {
    return 'invalid-name';
  }
  return object.uid === undefined ? { name: object.name } : { name: object.name, uid: object.uid };
}

/** The object a bound token is tied to: a Pod or a Secret, else the Node (a Pod-bound token may also name its Node). */
function boundObjectOf(k8s: JsonObject): BoundObject | 'none' | OtherJwtReason {
  const pod = referenceOf(k8s.pod);
  const secret = referenceOf(k8s.secret);
  const node = referenceOf(k8s.node);
  for (const reference of [pod, secret, node]) {
    if (reference === 'incomplete-claims' || reference === 'invalid-name') {
      return reference;
    }
  }
  if (pod !== 'absent' && secret !== 'absent') {
    return 'incomplete-claims';
  }
  const [kind, reference] = pod !== 'absent' ? (['Pod', pod] as const) : secret !== 'absent' ? (['Secret', secret] as const) : (['Node', node] as const);
  return typeof reference === 'string' ? 'none' : { kind, ...reference };
}

function classifyBound(payload: JsonObject, k8s: JsonObject): TokenClass {
  const account = referenceOf(k8s.serviceaccount);
  if (account === 'absent' || account === 'incomplete-claims' || typeof k8s.namespace !== 'string') {
    return other('incomplete-claims');
  }
  if (account === 'invalid-name' || !isNamespace(k8s.namespace)) {
    return other('invalid-name');
  }
  const bound = boundObjectOf(k8s);
  if (bound === 'incomplete-claims' || bound === 'invalid-name') {
    return other(bound);
  }
  const audiences = audiencesOf(payload.aud);
  if (!isNonEmptyString(account.uid) || !isNonEmptyString(payload.iss) || !audiences || !isSeconds(payload.exp) || !isSeconds(payload.iat) || (k8s.warnafter !== undefined && !isSeconds(k8s.warnafter))) {
    return other('incomplete-claims');
  }
  if (payload.sub !== `system:serviceaccount:${k8s.namespace}:${account.name}`) {
    return other('inconsistent-subject');
  }
  return {
    serviceAccount: true,
    claims: {
      kind: 'bound',
      namespace: k8s.namespace,
      serviceAccount: account.name,
      serviceAccountUid: account.uid,
      ...(typeof bound === 'string' ? {} : { boundObject: bound }),
      issuer: payload.iss,
      audiences,
      issuedAt: payload.iat,
      expiresAt: payload.exp,
    },
  };
}

const legacyClaim = {
  namespace: 'kubernetes.io/serviceaccount/namespace',
  name: 'kubernetes.io/serviceaccount/service-account.name',
  uid: 'kubernetes.io/serviceaccount/service-account.uid',
  secret: 'kubernetes.io/serviceaccount/secret.name',
} as const;

function classifyLegacy(payload: JsonObject): TokenClass {
  const namespace = payload[legacyClaim.namespace];
  const name = payload[legacyClaim.name];
  const uid = payload[legacyClaim.uid];
  const secret = payload[legacyClaim.secret];
  // A legacy token never expires: one with `exp` (or `iat` of the wrong type) was not written by legacy.go.
  if (typeof namespace !== 'string' || typeof name !== 'string' || !isNonEmptyString(uid) || typeof secret !== 'string' || payload.exp !== undefined || (payload.iat !== undefined && !isSeconds(payload.iat))) {
    return other('incomplete-claims');
  }
  if (!isNamespace(namespace) || !isObjectName(name) || !isObjectName(secret)) {
    return other('invalid-name');
  }
  if (payload.sub !== `system:serviceaccount:${namespace}:${name}`) {
    return other('inconsistent-subject');
  }
  return {
    serviceAccount: true,
    claims: {
      kind: 'legacy',
      namespace,
      serviceAccount: name,
      serviceAccountUid: uid,
      // Deleting this Secret is what revokes the token.
      boundObject: { kind: 'Secret', name: secret },
      issuer: legacyIssuer,
      audiences: audiencesOf(payload.aud) ?? [],
      ...(isSeconds(payload.iat) ? { issuedAt: payload.iat } : {}),
    },
  };
}

/** Classifies a token found by scanTokens (or any string). Never throws. */
export function classifyToken(token: string): TokenClass {
  const decoded = decodeJwt(token);
  if (decoded.form === 'malformed') {
    return other('malformed');
  }
  if (decoded.form === 'jwe') {
    return other('encrypted');
  }
  const { header, payload } = decoded;
  const k8s = objectOf(payload['kubernetes.io']);
  const hasKubernetesClaims = payload['kubernetes.io'] !== undefined || payload.iss === legacyIssuer || Object.hasOwn(payload, legacyClaim.namespace);
  if (!hasKubernetesClaims) {
    return other('not-kubernetes');
  }
  if (typeof header.alg !== 'string' || !kubernetesAlgorithms.has(header.alg)) {
    return other('not-signed-by-kubernetes');
  }
  if (k8s) {
    return classifyBound(payload, k8s);
  }
  return payload.iss === legacyIssuer ? classifyLegacy(payload) : other('incomplete-claims');
}
