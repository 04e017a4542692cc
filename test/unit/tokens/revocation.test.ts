import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkSeconds, outcomeLine, revocableTokenOf, revocationPlan, type RevocableToken, type RevocationFacts } from '../../../src/tokens/revocation';
import { revocationDocument, type RevocationResult } from '../../../src/tokens/revocationDocument';
import { jws } from '../../fixtures/tokens/hostile';

process.env.TZ = 'UTC';

const nowSeconds = 1_800_000_000;
const now = nowSeconds * 1000;
const podUid = '0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0';
const accountUid = '9f8e7d6c-5b4a-3928-1706-f5e4d3c2b1a0';

function bound(k8s: Record<string, unknown>, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    aud: ['vault'],
    exp: nowSeconds + 42 * 60,
    iat: nowSeconds - 60,
    iss: 'https://kubernetes.default.svc.cluster.local',
    'kubernetes.io': { namespace: 'demo', serviceaccount: { name: 'vault-auth', uid: accountUid }, ...k8s },
    sub: 'system:serviceaccount:demo:vault-auth',
    ...extra,
  };
}

const legacyClaims = {
  iss: 'kubernetes/serviceaccount',
  'kubernetes.io/serviceaccount/namespace': 'demo',
  'kubernetes.io/serviceaccount/secret.name': 'vault-auth-token-legacy',
  'kubernetes.io/serviceaccount/service-account.name': 'vault-auth',
  'kubernetes.io/serviceaccount/service-account.uid': accountUid,
  sub: 'system:serviceaccount:demo:vault-auth',
};

function revocable(payload: Record<string, unknown>): RevocableToken {
  const result = revocableTokenOf(payload);
  assert.ok('token' in result, 'refusal' in result ? result.refusal : '');
  return result.token;
}

const facts = (overrides: Partial<RevocationFacts> = {}): RevocationFacts => ({
  now,
  serviceAccount: { pods: ['web-0'], morePods: false, legacySecrets: [] },
  otherIssuedTokens: 0,
  ...overrides,
});

const kinds = (token: RevocableToken, known = facts()) => revocationPlan(token, known).routes.map((route) => route.kind);

test('a Pod-bound token: delete the Pod (the workload restarts it), recreate the ServiceAccount, or wait; its node claim is not a Node binding', () => {
  const token = revocable(bound({ pod: { name: 'web-0', uid: podUid }, node: { name: 'node-1', uid: 'n1' } }));
  assert.deepEqual(token, {
    namespace: 'demo',
    serviceAccount: { name: 'vault-auth', uid: accountUid },
    legacy: false,
    boundPod: { name: 'web-0', uid: podUid },
    boundSecret: undefined,
    boundNode: undefined,
    expiresAt: nowSeconds + 42 * 60,
    audiences: ['vault'],
  });
  const plan = revocationPlan(token, facts({ pod: { owner: { kind: 'StatefulSet', name: 'web' }, graceSeconds: 30 } }));
  assert.deepEqual(plan.notOffered, []);
  const [pod, account, wait] = plan.routes;
  assert.deepEqual([pod.kind, pod.label, pod.target], ['delete-bound-pod', 'Delete Pod demo/web-0', { kind: 'Pod', namespace: 'demo', name: 'web-0', uid: podUid }]);
  assert.deepEqual(pod.effects, [
    'Only tokens bound to this Pod stop working; other tokens of the ServiceAccount keep working.',
    'Its StatefulSet web starts a new Pod in its place, with new tokens: the workload restarts.',
    'The Pod has 30 s to stop; the token works until it is gone (at most 90 s after the delete if the node never confirms).',
  ]);
  assert.deepEqual([account.kind, account.target], ['recreate-service-account', { kind: 'ServiceAccount', namespace: 'demo', name: 'vault-auth', uid: accountUid }]);
  assert.deepEqual([wait.kind, wait.label, wait.target], ['wait-for-expiry', 'Wait: it expires 2027-01-15 08:42:00 UTC (in 42 min)', undefined]);
  assert.deepEqual(wait.effects, ['Nothing is deleted. The API server accepts it until 60 s past its expiry (its clock-skew leeway).']);
  const bare = revocationPlan(token, facts({ pod: { graceSeconds: 0 } })).routes[0];
  assert.equal(bare.effects[1], 'No controller owns the Pod: it is gone for good, and what it ran stops.');
  const unknown = revocationPlan(token, facts({ pod: { unreadable: 'Forbidden: you cannot get pods' } })).routes[0];
  assert.equal(unknown.effects[1], 'Whether a workload starts the Pod again is not known (Forbidden: you cannot get pods): a Pod that no controller owns is gone for good.');
});

test('a Secret-bound token: delete the Secret first (others may use it), then the ServiceAccount, then wait', () => {
  const token = revocable(bound({ secret: { name: 'vault-binding', uid: 's1' } }));
  const plan = revocationPlan(token, facts());
  assert.deepEqual(plan.routes.map((route) => route.kind), ['delete-bound-secret', 'recreate-service-account', 'wait-for-expiry']);
  assert.deepEqual(plan.routes[0].target, { kind: 'Secret', namespace: 'demo', name: 'vault-binding', uid: 's1' });
  assert.match(plan.routes[0].effects[1], /^Anything else that uses the Secret loses it/);
});

test('a Node-bound token: deleting the Node is not offered, and says why; recreate the ServiceAccount or wait', () => {
  const token = revocable(bound({ node: { name: 'node-1', uid: 'n1' } }));
  assert.deepEqual(token.boundNode, { name: 'node-1', uid: 'n1' });
  const plan = revocationPlan(token, facts());
  assert.deepEqual(plan.routes.map((route) => route.kind), ['recreate-service-account', 'wait-for-expiry']);
  assert.deepEqual(plan.notOffered, [
    { label: 'Delete Node node-1', reason: 'Deleting a Node removes the machine from the cluster and every Pod on it: an infrastructure change, never a way to take back one token.' },
  ]);
});

test('a token bound to nothing: only the ServiceAccount or the wait', () => {
  assert.deepEqual(kinds(revocable(bound({}))), ['recreate-service-account', 'wait-for-expiry']);
});

test('a legacy token: delete its Secret or recreate the ServiceAccount; it never expires, so no waiting', () => {
  const token = revocable(legacyClaims);
  assert.deepEqual(token, { namespace: 'demo', serviceAccount: { name: 'vault-auth', uid: accountUid }, legacy: true, legacySecret: 'vault-auth-token-legacy', audiences: [] });
  const plan = revocationPlan(token, facts());
  assert.deepEqual(plan.routes.map((route) => route.kind), ['delete-legacy-secret', 'recreate-service-account']);
  assert.deepEqual(plan.routes[0].target, { kind: 'Secret', namespace: 'demo', name: 'vault-auth-token-legacy' });
  assert.deepEqual(plan.notOffered, [{ label: 'Wait for it to expire', reason: 'A legacy token never expires.' }]);
});

test('an expired token has nothing to revoke; one within the leeway still does', () => {
  const expired = revocationPlan(revocable(bound({}, { exp: nowSeconds - 61 })), facts());
  assert.deepEqual(expired.routes, []);
  assert.deepEqual(expired.notOffered, [{ label: 'Nothing to revoke', reason: 'It expired 2027-01-15 07:58:59 UTC (1 min ago): the API server refuses it already.' }]);
  assert.deepEqual(kinds(revocable(bound({}, { exp: nowSeconds - 30 }))), ['recreate-service-account', 'wait-for-expiry']);
});

test('recreating the ServiceAccount lists what breaks: every token, the Pods that run as it (bounded), its legacy Secrets', () => {
  const token = revocable(bound({}));
  const pods = Array.from({ length: 14 }, (_, index) => `worker-${index}`);
  const [account] = revocationPlan(token, facts({ serviceAccount: { pods, morePods: true, legacySecrets: ['vault-auth-token-legacy'] }, otherIssuedTokens: 2 })).routes;
  assert.deepEqual(account.effects, [
    'Every token of ServiceAccount demo/vault-auth stops working, not only this one (2 other tokens issued in this window among them).',
    `14 Pods or more run as it and keep failing until restarted: ${pods.slice(0, 10).join(', ')}, and more.`,
    'Its legacy token Secret vault-auth-token-legacy stop working, and kube-controller-manager deletes them.',
    'RoleBindings name ServiceAccounts by name, so the new one keeps its permissions; its labels, annotations and image pull Secrets are kept.',
  ]);
  const idle = revocationPlan(token, facts({ serviceAccount: { pods: [], morePods: false, legacySecrets: [] } })).routes[0];
  assert.equal(idle.effects[1], 'No Pod runs as it now.');
  const unreadable = revocationPlan(token, facts({ serviceAccount: { unreadable: 'Forbidden: you cannot list pods in namespace demo' } })).routes[0];
  assert.equal(unreadable.effects[1], 'The Pods that run as it could not be listed (Forbidden: you cannot list pods in namespace demo): each of them must be restarted to get a working token.');
});

test('hostile claims are refused before any route names them', () => {
  const refusals = [
    [bound({ pod: { name: '../../nodes/node-1', uid: podUid } }), 'its kubernetes.io.pod claim does not name an object that can exist in Kubernetes'],
    [bound({ pod: { name: 'Web-0' } }), 'its kubernetes.io.pod claim does not name an object that can exist in Kubernetes'],
    [bound({ pod: { name: 'a'.repeat(254) } }), 'its kubernetes.io.pod claim does not name an object that can exist in Kubernetes'],
    [bound({ pod: { name: 'web-0', uid: 'x/../y' } }), 'its kubernetes.io.pod claim does not name an object that can exist in Kubernetes'],
    [bound({ secret: { name: 'web-0', uid: 42 } }), 'its kubernetes.io.secret claim does not name an object that can exist in Kubernetes'],
    [bound({ node: 'node-1' }), 'its kubernetes.io.node claim does not name an object that can exist in Kubernetes'],
    [bound({ pod: { name: 'web-0' }, secret: { name: 'app' } }), 'it claims to be bound to both a Pod and a Secret, which no Kubernetes token is'],
    [bound({ namespace: 'demo/../kube-system' }), 'its kubernetes.io.namespace claim is not a namespace name'],
    [bound({ serviceaccount: { name: 'vault-auth\u202e' } }), 'its kubernetes.io.serviceaccount claim does not name an object that can exist in Kubernetes'],
    [bound({ serviceaccount: undefined }), 'it names no ServiceAccount'],
    [bound({}, { exp: '1800000000' }), 'its exp claim is not a number'],
    [{ iss: 'https://accounts.google.com', sub: '1' }, 'it is not a Kubernetes ServiceAccount token'],
    [{ ...legacyClaims, 'kubernetes.io/serviceaccount/secret.name': undefined }, 'its legacy claims (namespace, Secret, ServiceAccount name and UID) are missing or name nothing that can exist in Kubernetes'],
    [{ ...legacyClaims, 'kubernetes.io/serviceaccount/namespace': ['demo'] }, 'its legacy claims (namespace, Secret, ServiceAccount name and UID) are missing or name nothing that can exist in Kubernetes'],
  ] as const;
  for (const [payload, refusal] of refusals) {
    assert.deepEqual(revocableTokenOf(payload as Record<string, unknown>), { refusal }, JSON.stringify(payload));
  }
  const manyAudiences = revocable(bound({}, { aud: [...Array.from({ length: 500 }, (_, index) => `a${index}`), 7] }));
  assert.equal(manyAudiences.audiences.length, 100, 'audiences are bounded and only strings');
});

test("what the cluster says (an owner's name) is shown visible, never as control characters", () => {
  const token = revocable(bound({ pod: { name: 'web-0' } }));
  const [pod] = revocationPlan(token, facts({ pod: { owner: { kind: 'ReplicaSet', name: 'web\u202e[x](command:y)' }, graceSeconds: 0 } })).routes;
  assert.equal(pod.effects[1], 'Its ReplicaSet web\\u202E[x] (command:y) starts a new Pod in its place, with new tokens: the workload restarts.');
});

test('how long to check, and the outcome in one line', () => {
  assert.equal(checkSeconds(undefined), 60);
  assert.equal(checkSeconds(30), 105);
  assert.equal(outcomeLine('delete-bound-pod', { stopped: true, afterSeconds: 11.2 }), 'Revoked: the token stopped authenticating 11 s after the Pod was deleted.');
  assert.equal(outcomeLine('delete-legacy-secret', { stopped: false, afterSeconds: 60 }), 'Still accepted after 60 s: the Secret was deleted, but the API server still authenticates the token.');
  assert.equal(outcomeLine('recreate-service-account', { stopped: false, afterSeconds: 4, cancelled: true }), 'Stopped checking after 4 s: the ServiceAccount was deleted and created again, and the token was still accepted at the last check.');
  assert.equal(outcomeLine('delete-bound-pod', { stopped: false, afterSeconds: 2, failure: 'Network: the API server did not answer.' }), 'Not confirmed: the Pod was deleted, but checking with TokenReview failed after 2 s: Network: the API server did not answer.');
  assert.equal(outcomeLine('recreate-service-account', { stopped: true, afterSeconds: 12 }, false), 'Revoked: the token stopped authenticating 12 s after the ServiceAccount was deleted (creating it again failed: see the details).');
});

test('the result document leads with the outcome, masks the token, and gives the manifest when the create failed', () => {
  const token = jws({ alg: 'RS256', kid: 'k1' }, bound({}));
  const route = revocationPlan(revocable(bound({})), facts()).routes[0];
  const result: RevocationResult = {
    token,
    source: { kind: 'given' },
    contextName: 'kind-dev',
    server: 'https://127.0.0.1:6443',
    route,
    deleted: { kind: 'ServiceAccount', namespace: 'demo', name: 'vault-auth', uid: accountUid },
    deletedAt: now,
    recreation: { failure: 'Forbidden: you cannot create serviceaccounts in namespace demo', manifest: '{\n  "apiVersion": "v1"\n}' },
    check: { stopped: true, afterSeconds: 11, lastReview: { authenticated: false, error: '[invalid bearer token, serviceaccounts "vault-auth" not found]', groups: [], extra: {}, audiences: [], missingAudiences: [] } },
  };
  const document = revocationDocument(3, result);
  const text = document.render(now);
  assert.equal(document.fileName, 'Token revocation 3.txt');
  assert.equal(text.split('\n')[0], 'Revoked: the token stopped authenticating 11 s after the ServiceAccount was deleted (creating it again failed: see the details).');
  assert.ok(text.includes('Not created again: Forbidden: you cannot create serviceaccounts in namespace demo'));
  assert.ok(text.includes('  "apiVersion": "v1"'));
  assert.ok(text.includes('Last TokenReview: not authenticated: [invalid bearer token, serviceaccounts "vault-auth" not found]'));
  assert.ok(!text.includes(token) && !text.includes(token.split('.')[1]), 'the token is masked');
});
