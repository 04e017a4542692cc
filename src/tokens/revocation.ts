/**
 * Taking a ServiceAccount token back. Kubernetes keeps no list of the tokens it issued: a token stops
 * authenticating when it expires, when the Pod or Secret it is bound to is deleted, when its legacy
 * Secret is deleted, or when its ServiceAccount is (one created again has another UID), as
 * kube-apiserver's validators check (pkg/serviceaccount/claims.go and legacy.go). This module reads
 * what a token says about itself and lists the routes that apply to it, mildest first, each with what
 * else it breaks. Pure data: the command and the hover show it, the cluster module carries it out.
 */
import type { JsonObject } from '../jwt/decode';
import { legacyIssuer } from '../jwt/kubernetes';
import { absoluteTime, humanDuration } from '../jwt/time';
import { visibleText } from '../text/visibleText';
import * as l10n from '../text/l10n';

/** kube-apiserver keeps a successful authentication this long (apiserver tokencache, TokenSuccessCacheTTL). */
export const authenticationCacheSeconds = 10;
/** The validators' clock-skew allowance (go-jose jwt.DefaultLeeway): past `exp`, and past a pending deletion's deletionTimestamp. */
export const leewaySeconds = 60;
/** How long the command checks a revocation that took effect at once: well past the cache. */
export const defaultCheckSeconds = 60;
/** Pods that run as a ServiceAccount named in what recreating it breaks; the rest are counted. */
export const maxPodsNamed = 10;

/** An object a token names: a name that can exist in Kubernetes, and its UID when the token carries one. */
export interface NamedRef {
  readonly name: string;
  readonly uid?: string;
}

/** What a token says about itself that matters for taking it back, every value checked. */
export interface RevocableToken {
  readonly namespace: string;
  readonly serviceAccount: NamedRef;
  /** A Secret-based token (`iss` kubernetes/serviceaccount): no expiry, no audience, lives as long as its Secret. */
  readonly legacy: boolean;
  readonly boundPod?: NamedRef;
  readonly boundSecret?: NamedRef;
  /** A Node binding: only without a Pod (a Pod-bound token's node claim just says where the Pod ran). */
  readonly boundNode?: NamedRef;
  /** The legacy token's Secret (`kubernetes.io/serviceaccount/secret.name`). */
  readonly legacySecret?: string;
  /** `exp` in seconds since the epoch; undefined for a token that never expires. */
  readonly expiresAt?: number;
  /** `aud`: the audiences to check the token for; empty for the API server's own. */
  readonly audiences: readonly string[];
}

export type Revocable = { readonly token: RevocableToken } | { readonly refusal: string };

const dnsLabel = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const dnsSubdomain = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const uidPattern = /^[A-Za-z0-9-]{1,64}$/;

const isNamespace = (value: unknown): value is string => typeof value === 'string' && value.length <= 63 && dnsLabel.test(value);
const isName = (value: unknown): value is string => typeof value === 'string' && value.length <= 253 && dnsSubdomain.test(value);

/** A checked reference, undefined when absent, or a refusal naming the claim. */
function refOf(value: unknown, claim: string): NamedRef | undefined | { readonly refusal: string } {
  if (value === undefined) {
    return undefined;
  }
  const { name, uid } = (typeof value === 'object' && value !== null && !Array.isArray(value) ? value : {}) as { name?: unknown; uid?: unknown };
  if (!isName(name) || (uid !== undefined && !(typeof uid === 'string' && uidPattern.test(uid)))) {
    return { refusal: l10n.t('its {0} claim does not name an object that can exist in Kubernetes', claim) };
  }
  return { name, ...(uid === undefined ? {} : { uid }) };
}

const refused = (value: unknown): value is { readonly refusal: string } => typeof value === 'object' && value !== null && 'refusal' in value;

function audiencesOf(payload: JsonObject): string[] {
  const aud = payload.aud;
  return (Array.isArray(aud) ? aud : [aud]).filter((value): value is string => typeof value === 'string').slice(0, 100);
}

function legacyTokenOf(payload: JsonObject): Revocable {
  const namespace = payload['kubernetes.io/serviceaccount/namespace'];
  const secret = payload['kubernetes.io/serviceaccount/secret.name'];
  const name = payload['kubernetes.io/serviceaccount/service-account.name'];
  const uid = payload['kubernetes.io/serviceaccount/service-account.uid'];
  // legacy.go refuses a token that lacks any of them.
  if (!isNamespace(namespace) || !isName(secret) || !isName(name) || !(typeof uid === 'string' && uidPattern.test(uid))) {
    return { refusal: l10n.t('its legacy claims (namespace, Secret, ServiceAccount name and UID) are missing or name nothing that can exist in Kubernetes') };
  }
  return { token: { namespace, serviceAccount: { name, uid }, legacy: true, legacySecret: secret, audiences: [] } };
}

/**
 * What a decoded token payload says for revocation, or why it cannot be taken back: a token that is
 * not a ServiceAccount token, or whose claims name objects no cluster can have (a hostile token could
 * otherwise steer a delete), is refused here.
 */
export function revocableTokenOf(payload: JsonObject): Revocable {
  if (payload.iss === legacyIssuer) {
    return legacyTokenOf(payload);
  }
  const k8s = payload['kubernetes.io'];
  if (typeof k8s !== 'object' || k8s === null || Array.isArray(k8s)) {
    return { refusal: l10n.t('it is not a Kubernetes ServiceAccount token') };
  }
  const claims = k8s as JsonObject;
  if (!isNamespace(claims.namespace)) {
    return { refusal: l10n.t('its kubernetes.io.namespace claim is not a namespace name') };
  }
  const serviceAccount = refOf(claims.serviceaccount, 'kubernetes.io.serviceaccount');
  const pod = refOf(claims.pod, 'kubernetes.io.pod');
  const secret = refOf(claims.secret, 'kubernetes.io.secret');
  const node = refOf(claims.node, 'kubernetes.io.node');
  for (const ref of [serviceAccount, pod, secret, node]) {
    if (refused(ref)) {
      return ref;
    }
  }
  if (!serviceAccount || refused(serviceAccount)) {
    return { refusal: l10n.t('it names no ServiceAccount') };
  }
  if (secret && pod) {
    return { refusal: l10n.t('it claims to be bound to both a Pod and a Secret, which no Kubernetes token is') };
  }
  const exp = payload.exp;
  if (exp !== undefined && !(typeof exp === 'number' && Number.isFinite(exp))) {
    return { refusal: l10n.t('its exp claim is not a number') };
  }
  return {
    token: {
      namespace: claims.namespace,
      serviceAccount,
      legacy: false,
      boundPod: pod as NamedRef | undefined,
      boundSecret: secret as NamedRef | undefined,
      boundNode: pod ? undefined : (node as NamedRef | undefined),
      expiresAt: exp,
      audiences: audiencesOf(payload),
    },
  };
}

export type DeletableKind = 'Pod' | 'Secret' | 'ServiceAccount';

export type RouteKind = 'delete-bound-secret' | 'delete-bound-pod' | 'delete-legacy-secret' | 'recreate-service-account' | 'wait-for-expiry';

/** What the cluster says about the objects a route would touch, each possibly unreadable (no right to get or list). */
export interface RevocationFacts {
  /** Milliseconds since the epoch. */
  readonly now: number;
  /** The bound Pod: the controller that owns it (which starts another) and its grace period. */
  readonly pod?: { readonly owner?: { readonly kind: string; readonly name: string }; readonly graceSeconds: number } | { readonly unreadable: string };
  /** Who else uses the ServiceAccount: the Pods that run as it (names, bounded) and its legacy token Secrets. */
  readonly serviceAccount?: { readonly pods: readonly string[]; readonly morePods: boolean; readonly legacySecrets: readonly string[] } | { readonly unreadable: string };
  /** Other tokens issued in this window for the same ServiceAccount. */
  readonly otherIssuedTokens: number;
}

/** One way to take the token back. */
export interface RevocationRoute {
  readonly kind: RouteKind;
  /** What is done, in a few words: `Delete Pod demo/web-0`. */
  readonly label: string;
  /** What else it does or breaks, one sentence each; for waiting, when the token ends. */
  readonly effects: readonly string[];
  /** The object deleted, with the UID the token names; undefined for waiting. */
  readonly target?: { readonly kind: DeletableKind; readonly namespace: string; readonly name: string; readonly uid?: string };
}

/** A route that does not apply to this token, and why, so the person is not left wondering. */
export interface RouteNotOffered {
  readonly label: string;
  readonly reason: string;
}

export interface RevocationPlan {
  readonly routes: readonly RevocationRoute[];
  readonly notOffered: readonly RouteNotOffered[];
}

/** A value from the cluster in a sentence: visible, and short. */
const outside = (text: string) => visibleText(text, 100);

function podRoute(token: RevocableToken, pod: NamedRef, facts: RevocationFacts): RevocationRoute {
  const known = facts.pod;
  const effects = [l10n.t('Only tokens bound to this Pod stop working; other tokens of the ServiceAccount keep working.')];
  if (!known || 'unreadable' in known) {
    effects.push(
      known
        ? l10n.t('Whether a workload starts the Pod again is not known ({0}): a Pod that no controller owns is gone for good.', outside(known.unreadable))
        : l10n.t('Whether a workload starts the Pod again is not known: a Pod that no controller owns is gone for good.'),
    );
  } else {
    effects.push(
      known.owner
        ? l10n.t('Its {0} {1} starts a new Pod in its place, with new tokens: the workload restarts.', outside(known.owner.kind), outside(known.owner.name))
        : l10n.t('No controller owns the Pod: it is gone for good, and what it ran stops.'),
    );
    if (known.graceSeconds > 0) {
      effects.push(l10n.t('The Pod has {0} s to stop; the token works until it is gone (at most {1} s after the delete if the node never confirms).', known.graceSeconds, known.graceSeconds + leewaySeconds));
    }
  }
  return { kind: 'delete-bound-pod', label: l10n.t('Delete Pod {0}/{1}', token.namespace, pod.name), effects, target: { kind: 'Pod', namespace: token.namespace, name: pod.name, uid: pod.uid } };
}

function secretRoute(token: RevocableToken, secret: NamedRef): RevocationRoute {
  return {
    kind: 'delete-bound-secret',
    label: l10n.t('Delete Secret {0}/{1}', token.namespace, secret.name),
    effects: [
      l10n.t('Only tokens bound to this Secret stop working; other tokens of the ServiceAccount keep working.'),
      l10n.t('Anything else that uses the Secret loses it: Pods that mount it or read it in their environment fail to start, and controllers that read it fail.'),
    ],
    target: { kind: 'Secret', namespace: token.namespace, name: secret.name, uid: secret.uid },
  };
}

function legacySecretRoute(token: RevocableToken, secret: string): RevocationRoute {
  return {
    kind: 'delete-legacy-secret',
    label: l10n.t('Delete Secret {0}/{1}', token.namespace, secret),
    effects: [
      l10n.t('The Secret holds this legacy token, which never expires: deleting it is the only way to end the token short of recreating the ServiceAccount.'),
      l10n.t('Whatever reads the token from this Secret (a mounted volume, an environment variable, a CI system that copied it) stops authenticating.'),
    ],
    target: { kind: 'Secret', namespace: token.namespace, name: secret },
  };
}

/**
 * `3 Pods run as it and keep failing until restarted: a, b, c.`: one message per case, so a translation
 * can make the verb agree with the number and place "or more" and "and more" where its language does.
 */
function podsRunningAs(pods: number, named: string, moreNamed: boolean, morePods: boolean): string {
  if (morePods) {
    return pods === 1 ? l10n.t('1 Pod or more run as it and keep failing until restarted: {0}, and more.', named) : l10n.t('{0} Pods or more run as it and keep failing until restarted: {1}, and more.', pods, named);
  }
  if (moreNamed) {
    return l10n.t('{0} Pods run as it and keep failing until restarted: {1}, and more.', pods, named);
  }
  return pods === 1 ? l10n.t('1 Pod run as it and keep failing until restarted: {0}.', named) : l10n.t('{0} Pods run as it and keep failing until restarted: {1}.', pods, named);
}

function serviceAccountRoute(token: RevocableToken, facts: RevocationFacts): RevocationRoute {
  const account = `${token.namespace}/${token.serviceAccount.name}`;
  const others = facts.otherIssuedTokens;
  const effects = [
    others === 0
      ? l10n.t('Every token of ServiceAccount {0} stops working, not only this one.', account)
      : others === 1
        ? l10n.t('Every token of ServiceAccount {0} stops working, not only this one (1 other token issued in this window among them).', account)
        : l10n.t('Every token of ServiceAccount {0} stops working, not only this one ({1} other tokens issued in this window among them).', account, others),
  ];
  const known = facts.serviceAccount;
  if (!known || 'unreadable' in known) {
    effects.push(
      known
        ? l10n.t('The Pods that run as it could not be listed ({0}): each of them must be restarted to get a working token.', outside(known.unreadable))
        : l10n.t('The Pods that run as it could not be listed: each of them must be restarted to get a working token.'),
    );
  } else {
    if (known.pods.length > 0) {
      const named = known.pods.slice(0, maxPodsNamed).map(outside).join(', ');
      const more = known.pods.length - Math.min(known.pods.length, maxPodsNamed);
      effects.push(podsRunningAs(known.pods.length, named, more > 0, known.morePods));
    } else {
      effects.push(l10n.t('No Pod runs as it now.'));
    }
    if (known.legacySecrets.length > 0) {
      effects.push(known.legacySecrets.length === 1 ? l10n.t('Its legacy token Secret {0} stop working, and kube-controller-manager deletes them.', known.legacySecrets.map(outside).join(', ')) : l10n.t('Its legacy token Secrets {0} stop working, and kube-controller-manager deletes them.', known.legacySecrets.map(outside).join(', ')));
    }
  }
  effects.push(l10n.t('RoleBindings name ServiceAccounts by name, so the new one keeps its permissions; its labels, annotations and image pull Secrets are kept.'));
  return { kind: 'recreate-service-account', label: l10n.t('Delete and recreate ServiceAccount {0}', account), effects, target: { kind: 'ServiceAccount', namespace: token.namespace, name: token.serviceAccount.name, uid: token.serviceAccount.uid } };
}

/** "2026-11-27 14:05:09 UTC (in 42 min)": one message per case, so a translation orders the time and the duration. */
export function expiryMoment(expiresAt: number, now: number): string {
  const when = absoluteTime(expiresAt)?.replace('T', ' ').replace('Z', '');
  const seconds = expiresAt - now / 1000;
  const duration = humanDuration(seconds);
  if (when === undefined) {
    return seconds > 0 ? l10n.t('an unreadable time (in {0})', duration) : l10n.t('an unreadable time ({0} ago)', duration);
  }
  return seconds > 0 ? l10n.t('{0} UTC (in {1})', when, duration) : l10n.t('{0} UTC ({1} ago)', when, duration);
}

function waitRoute(expiresAt: number, now: number): RevocationRoute {
  return {
    kind: 'wait-for-expiry',
    label: l10n.t('Wait: it expires {0}', expiryMoment(expiresAt, now)),
    effects: [l10n.t('Nothing is deleted. The API server accepts it until {0} s past its expiry (its clock-skew leeway).', leewaySeconds)],
  };
}

/**
 * The routes that apply to `token`, in the order a person would prefer them: the object it alone is
 * bound to first, the ServiceAccount (which ends every token of it) after, and waiting last.
 */
export function revocationPlan(token: RevocableToken, facts: RevocationFacts): RevocationPlan {
  const routes: RevocationRoute[] = [];
  const notOffered: RouteNotOffered[] = [];
  const expired = token.expiresAt !== undefined && token.expiresAt + leewaySeconds <= facts.now / 1000;
  if (expired) {
    return { routes, notOffered: [{ label: l10n.t('Nothing to revoke'), reason: l10n.t('It expired {0}: the API server refuses it already.', expiryMoment(token.expiresAt!, facts.now)) }] };
  }
  if (token.boundSecret) {
    routes.push(secretRoute(token, token.boundSecret));
  }
  if (token.boundPod) {
    routes.push(podRoute(token, token.boundPod, facts));
  }
  if (token.legacySecret) {
    routes.push(legacySecretRoute(token, token.legacySecret));
  }
  if (token.boundNode) {
    notOffered.push({
      label: l10n.t('Delete Node {0}', token.boundNode.name),
      reason: l10n.t('Deleting a Node removes the machine from the cluster and every Pod on it: an infrastructure change, never a way to take back one token.'),
    });
  }
  routes.push(serviceAccountRoute(token, facts));
  if (token.expiresAt === undefined) {
    notOffered.push({ label: l10n.t('Wait for it to expire'), reason: token.legacy ? l10n.t('A legacy token never expires.') : l10n.t('It has no exp claim: it never expires.') });
  } else {
    routes.push(waitRoute(token.expiresAt, facts.now));
  }
  return { routes, notOffered };
}

/** How long to check after a route was taken: past the cache, and for a Pod that is still stopping, past its grace period and the leeway. */
export function checkSeconds(pendingSeconds: number | undefined): number {
  return pendingSeconds ? pendingSeconds + leewaySeconds + authenticationCacheSeconds + 5 : defaultCheckSeconds;
}

/** "the Pod was deleted", "the ServiceAccount was deleted and created again"; `recreated` false when creating it again failed. */
export function whatWasDone(route: RouteKind, recreated = true): string {
  switch (route) {
    case 'delete-bound-pod':
      return l10n.t('the Pod was deleted');
    case 'recreate-service-account':
      return recreated ? l10n.t('the ServiceAccount was deleted and created again') : l10n.t('the ServiceAccount was deleted (creating it again failed: see the details)');
    case 'wait-for-expiry':
      return l10n.t('nothing was done');
    default:
      return l10n.t('the Secret was deleted');
  }
}

/** How checking after the delete ended: the token refused, the deadline passed, the person cancelled, or a review failed. */
export interface CheckEnd {
  readonly stopped: boolean;
  readonly afterSeconds: number;
  readonly cancelled?: boolean;
  /** Why a TokenReview could not be made. */
  readonly failure?: string;
}

/** The outcome in one line: "Revoked: the token stopped authenticating 11 s after the Pod was deleted". */
export function outcomeLine(route: RouteKind, check: CheckEnd, recreated = true): string {
  const done = whatWasDone(route, recreated);
  // Checks run for a minute or two: seconds say more than "1 min".
  const after = check.afterSeconds < 120 ? `${Math.round(check.afterSeconds)} s` : humanDuration(check.afterSeconds);
  if (check.stopped) {
    return l10n.t('Revoked: the token stopped authenticating {0} after {1}.', after, done);
  }
  if (check.failure) {
    return l10n.t('Not confirmed: {0}, but checking with TokenReview failed after {1}: {2}', done, after, check.failure);
  }
  if (check.cancelled) {
    return l10n.t('Stopped checking after {0}: {1}, and the token was still accepted at the last check.', after, done);
  }
  return l10n.t('Still accepted after {0}: {1}, but the API server still authenticates the token.', after, done);
}
