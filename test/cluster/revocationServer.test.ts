// Taking a token back on the local server: deletes of what it is bound to, a ServiceAccount deleted and
// created again, and TokenReview after each, answered as kube-apiserver answers (the sources are named
// in api/coreWrites.ts and serviceAccountTokens.ts; the 10 s cache and the error texts in the reference).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { exchange } from './fidelityExchange';
import { startLocalCluster, type LocalCluster } from './server';
import type { StoredObject } from './store';

let cluster: LocalCluster;

before(async () => {
  cluster = await startLocalCluster();
});

after(() => cluster.close());

type Body = Record<string, unknown> & { message?: string; metadata?: Record<string, unknown>; details?: unknown; status?: unknown };

async function call(method: string, path: string, body?: unknown, user: 'admin' | 'restricted' = 'admin'): Promise<{ status: number; body: Body }> {
  // Node's client frames a DELETE body only when told its length.
  const headers = body === undefined ? undefined : { 'Content-Length': String(Buffer.byteLength(JSON.stringify(body))) };
  const answer = await exchange(cluster, { method, path, body, user, headers });
  return { status: answer.status, body: (answer.json ?? { text: answer.text }) as Body };
}

/** The TokenReview verdict through the server's authenticator and its cache: the user, or the error. */
async function review(token: string, audiences = ['vault']): Promise<string> {
  const answer = await call('POST', '/apis/authentication.k8s.io/v1/tokenreviews', { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenReview', spec: { token, audiences } });
  const status = answer.body.status as { authenticated?: boolean; user?: { username?: string }; error?: string };
  return status.authenticated ? `authenticated as ${status.user?.username}` : String(status.error);
}

const account = (name = 'vault-auth') => cluster.store.get('serviceaccounts', 'demo', name)!;
const node = () => cluster.store.get('nodes', undefined, 'node-1')!;

function pod(name: string, spec: Record<string, unknown> = {}): StoredObject {
  return cluster.store.create('pods', { name, namespace: 'demo' }, { spec: { serviceAccountName: 'vault-auth', nodeName: 'node-1', ...spec }, status: { phase: 'Running' } });
}

async function boundToken(kind: 'Pod' | 'Secret' | 'Node', object: StoredObject, serviceAccount = account()): Promise<string> {
  return (await cluster.tokens.issue(serviceAccount, ['vault'], 3600, { kind, object }, kind === 'Pod' ? node() : kind === 'Node' ? object : undefined)).token;
}

const invalidated = '[invalid bearer token, service account token has been invalidated]';

test('a Pod deleted at once answers with itself, marked; its tokens are refused once the 10 s cache runs out', async () => {
  const target = pod('revoke-now');
  const token = await boundToken('Pod', target);
  assert.equal(await review(token), 'authenticated as system:serviceaccount:demo:vault-auth');
  const deleted = await call('DELETE', '/api/v1/namespaces/demo/pods/revoke-now');
  assert.equal(deleted.status, 200);
  assert.equal(deleted.body.kind, 'Pod');
  assert.equal(deleted.body.metadata?.uid, target.metadata.uid);
  assert.equal(deleted.body.metadata?.deletionGracePeriodSeconds, 0);
  assert.match(String(deleted.body.metadata?.deletionTimestamp), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  const gone = await call('GET', '/api/v1/namespaces/demo/pods/revoke-now');
  assert.deepEqual([gone.status, gone.body.message, gone.body.details], [404, 'pods "revoke-now" not found', { name: 'revoke-now', kind: 'pods' }]);
  assert.equal(await review(token), 'authenticated as system:serviceaccount:demo:vault-auth', 'the success is cached for 10 s');
  cluster.advanceClock(11);
  assert.equal(await review(token), invalidated);
});

test('a Pod with a grace period waits for its kubelet: its tokens work until a minute after its deletionTimestamp', async () => {
  pod('revoke-graceful', { terminationGracePeriodSeconds: 30 });
  const token = await boundToken('Pod', cluster.store.get('pods', 'demo', 'revoke-graceful')!);
  const deleted = await call('DELETE', '/api/v1/namespaces/demo/pods/revoke-graceful');
  assert.equal(deleted.status, 200);
  assert.equal(deleted.body.metadata?.deletionGracePeriodSeconds, 30);
  const stillThere = await call('GET', '/api/v1/namespaces/demo/pods/revoke-graceful');
  assert.equal(stillThere.status, 200, 'no kubelet confirms, so the Pod stays');
  const again = await call('DELETE', '/api/v1/namespaces/demo/pods/revoke-graceful');
  assert.deepEqual(again.body.metadata, stillThere.body.metadata, 'a pending deletion only answers the Pod');
  cluster.advanceClock(85);
  assert.equal(await review(token), 'authenticated as system:serviceaccount:demo:vault-auth', '30 s grace + 60 s leeway not over yet');
  cluster.advanceClock(16);
  assert.equal(await review(token), invalidated);
  const forced = await call('DELETE', '/api/v1/namespaces/demo/pods/revoke-graceful?gracePeriodSeconds=0');
  assert.equal(forced.body.metadata?.deletionGracePeriodSeconds, 0);
  assert.equal((await call('GET', '/api/v1/namespaces/demo/pods/revoke-graceful')).status, 404);
});

test('a delete with a UID precondition refuses an object that was replaced, naming its kind', async () => {
  const target = pod('revoke-precondition');
  const refused = await call('DELETE', '/api/v1/namespaces/demo/pods/revoke-precondition', { apiVersion: 'v1', kind: 'DeleteOptions', preconditions: { uid: 'not-the-uid' } });
  assert.equal(refused.status, 409);
  assert.equal(
    refused.body.message,
    `Operation cannot be fulfilled on Pod "revoke-precondition": the UID in the precondition (not-the-uid) does not match the UID in record (${target.metadata.uid}). The object might have been deleted and then recreated`,
  );
  assert.deepEqual(refused.body.details, { name: 'revoke-precondition', kind: 'Pod' });
  const accepted = await call('DELETE', '/api/v1/namespaces/demo/pods/revoke-precondition', { preconditions: { uid: target.metadata.uid } });
  assert.equal(accepted.status, 200);
  const malformed = await call('DELETE', '/api/v1/namespaces/demo/pods/web-0', { gracePeriodSeconds: 'soon' });
  assert.deepEqual([malformed.status, malformed.body.message], [400, 'json: cannot unmarshal string into Go struct field DeleteOptions.gracePeriodSeconds of type int64']);
});

test('a Secret delete answers with a Success Status; its bound tokens die, and a new Secret of the same name does not bring them back', async () => {
  const secret = cluster.store.create('secrets', { name: 'revoke-binding', namespace: 'demo' }, { type: 'Opaque' });
  const token = await boundToken('Secret', secret);
  const deleted = await call('DELETE', '/api/v1/namespaces/demo/secrets/revoke-binding');
  assert.equal(deleted.status, 200);
  assert.deepEqual(deleted.body, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details: { name: 'revoke-binding', kind: 'secrets', uid: secret.metadata.uid } });
  assert.equal(await review(token), invalidated);
  const replacement = cluster.store.create('secrets', { name: 'revoke-binding', namespace: 'demo' }, { type: 'Opaque' });
  assert.equal(await review(token), `[invalid bearer token, secret UID (${replacement.metadata.uid}) does not match service account secret ref claim (${secret.metadata.uid})]`);
  const missing = await call('DELETE', '/api/v1/namespaces/demo/secrets/nope');
  assert.deepEqual([missing.status, missing.body.message, missing.body.details], [404, 'secrets "nope" not found', { name: 'nope', kind: 'secrets' }]);
});

test('a legacy token dies with its Secret; dryRun deletes nothing', async () => {
  const secret = cluster.store.get('secrets', 'payments', 'ci-deployer-token-legacy')!;
  const token = Buffer.from((secret.data as { token: string }).token, 'base64').toString('utf8');
  assert.equal(await review(token, []), 'authenticated as system:serviceaccount:payments:ci-deployer');
  const dryRun = await call('DELETE', '/api/v1/namespaces/payments/secrets/ci-deployer-token-legacy?dryRun=All');
  assert.equal(dryRun.status, 200);
  assert.ok(cluster.store.get('secrets', 'payments', 'ci-deployer-token-legacy'), 'a dry run keeps the Secret');
  await call('DELETE', '/api/v1/namespaces/payments/secrets/ci-deployer-token-legacy');
  cluster.advanceClock(11);
  assert.equal(await review(token, []), '[invalid bearer token, Token has been invalidated]');
});

test('a Node delete answers with a Success Status and ends the tokens bound to it', async () => {
  const target = cluster.store.create('nodes', { name: 'node-revoke' }, { status: { nodeInfo: { kubeletVersion: 'v1.33.1' } } });
  const token = await boundToken('Node', target);
  assert.equal(await review(token), 'authenticated as system:serviceaccount:demo:vault-auth');
  const deleted = await call('DELETE', '/api/v1/nodes/node-revoke');
  assert.deepEqual(deleted.body.details, { name: 'node-revoke', kind: 'nodes', uid: target.metadata.uid });
  cluster.advanceClock(11);
  assert.equal(await review(token), invalidated);
});

test('a ServiceAccount deleted answers with itself, takes its legacy token Secrets along, and created again has a new UID its old tokens do not match', async () => {
  const old = account('ci-deployer');
  const token = (await cluster.tokens.issue(old, ['vault'], 3600, undefined, undefined)).token;
  cluster.store.update('serviceaccounts', { ...old, metadata: { ...old.metadata, labels: { team: 'ci' } }, imagePullSecrets: [{ name: 'registry' }] });
  const deleted = await call('DELETE', '/api/v1/namespaces/demo/serviceaccounts/ci-deployer');
  assert.equal(deleted.status, 200);
  assert.deepEqual([deleted.body.kind, deleted.body.metadata?.uid], ['ServiceAccount', old.metadata.uid]);
  cluster.advanceClock(11);
  assert.equal(await review(token), '[invalid bearer token, serviceaccounts "ci-deployer" not found]');
  const created = await call('POST', '/api/v1/namespaces/demo/serviceaccounts', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'ci-deployer', labels: { team: 'ci' } }, imagePullSecrets: [{ name: 'registry' }] });
  assert.equal(created.status, 201);
  const fresh = created.body.metadata as { uid: string; labels: unknown; namespace: string };
  assert.notEqual(fresh.uid, old.metadata.uid);
  assert.deepEqual([fresh.namespace, fresh.labels, created.body.imagePullSecrets], ['demo', { team: 'ci' }, [{ name: 'registry' }]]);
  assert.equal(await review(token), `[invalid bearer token, service account UID (${fresh.uid}) does not match claim (${old.metadata.uid})]`);

  const legacy = account('vault-auth');
  const legacySecret = cluster.store.get('secrets', 'demo', 'vault-auth-token-legacy')!;
  const legacyToken = Buffer.from((legacySecret.data as { token: string }).token, 'base64').toString('utf8');
  await call('DELETE', '/api/v1/namespaces/demo/serviceaccounts/vault-auth');
  assert.equal(cluster.store.get('secrets', 'demo', 'vault-auth-token-legacy'), undefined, "kube-controller-manager's tokens controller deletes the ServiceAccount's token Secrets");
  await call('POST', '/api/v1/namespaces/demo/serviceaccounts', { metadata: { name: 'vault-auth' } });
  cluster.advanceClock(11);
  assert.equal(await review(legacyToken, []), '[invalid bearer token, Token has been invalidated]');
  assert.notEqual(account('vault-auth').metadata.uid, legacy.metadata.uid);
});

test('creating a ServiceAccount is refused as kube-apiserver refuses it', async () => {
  const taken = await call('POST', '/api/v1/namespaces/demo/serviceaccounts', { metadata: { name: 'web' } });
  assert.deepEqual([taken.status, taken.body.reason, taken.body.message, taken.body.details], [409, 'AlreadyExists', 'serviceaccounts "web" already exists', { name: 'web', kind: 'serviceaccounts' }]);
  const badName = await call('POST', '/api/v1/namespaces/demo/serviceaccounts', { metadata: { name: 'Bad_Name' } });
  assert.equal(badName.status, 422);
  assert.match(String(badName.body.message), /^ServiceAccount "Bad_Name" is invalid: metadata\.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain must consist of/);
  const noName = await call('POST', '/api/v1/namespaces/demo/serviceaccounts', { metadata: {} });
  assert.equal(noName.body.message, 'ServiceAccount "" is invalid: metadata.name: Required value: name or generateName is required');
  const noNamespace = await call('POST', '/api/v1/namespaces/nowhere/serviceaccounts', { metadata: { name: 'x' } });
  assert.deepEqual([noNamespace.status, noNamespace.body.message], [404, 'namespaces "nowhere" not found']);
  const otherNamespace = await call('POST', '/api/v1/namespaces/demo/serviceaccounts', { metadata: { name: 'x', namespace: 'payments' } });
  assert.deepEqual([otherNamespace.status, otherNamespace.body.message], [400, 'the namespace of the provided object does not match the namespace sent on the request']);
});

test('deleting and creating need RBAC verbs delete and create', async () => {
  const deleting = await call('DELETE', '/api/v1/namespaces/demo/pods/web-0', undefined, 'restricted');
  assert.deepEqual(
    [deleting.status, deleting.body.message],
    [403, 'pods "web-0" is forbidden: User "restricted" cannot delete resource "pods" in API group "" in the namespace "demo"'],
  );
  const creating = await call('POST', '/api/v1/namespaces/demo/serviceaccounts', { metadata: { name: 'x' } }, 'restricted');
  assert.deepEqual([creating.status, creating.body.message], [403, 'serviceaccounts is forbidden: User "restricted" cannot create resource "serviceaccounts" in API group "" in the namespace "demo"']);
  const node = await call('DELETE', '/api/v1/nodes/node-2', undefined, 'restricted');
  assert.equal(node.body.message, 'nodes "node-2" is forbidden: User "restricted" cannot delete resource "nodes" in API group "" at the cluster scope');
});
