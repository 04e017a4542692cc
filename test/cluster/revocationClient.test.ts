// The extension's revocation calls (src/cluster/revocation.ts) through the real client against the local server.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { serviceAccountToCreate } from '../../src/cluster/revocation';
import { localClusterPerFile } from './localClusterPerFile';
import type { LocalCluster, LocalUser } from './server';

const local = localClusterPerFile('revocation-client');
const session = (user?: LocalUser, target?: LocalCluster) => local.session(user, target);

const pod = (name: string, fields: Record<string, unknown> = {}, ownerReferences?: unknown[]) =>
  local.cluster.store.create('pods', { name, namespace: 'demo', ownerReferences }, { spec: { serviceAccountName: 'vault-auth', nodeName: 'node-1', ...fields }, status: { phase: 'Running' } });

test('a Pod is read for its owner and grace period, then deleted with its UID as precondition', async () => {
  const active = await session();
  const owned = pod('client-owned', { terminationGracePeriodSeconds: 30 }, [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-5d8f', uid: 'rs-uid', controller: true }]);
  assert.deepEqual(await active.podForRevocation('demo', 'client-owned'), { uid: owned.metadata.uid, owner: { kind: 'ReplicaSet', name: 'web-5d8f' }, graceSeconds: 30 });
  local.cluster.clearRequests();
  const graceful = await active.deleteObject({ kind: 'Pod', namespace: 'demo', name: 'client-owned', uid: owned.metadata.uid });
  assert.deepEqual(graceful, { kind: 'Pod', namespace: 'demo', name: 'client-owned', uid: owned.metadata.uid, pendingSeconds: 30 });
  assert.deepEqual(local.cluster.requests.map((request) => `${request.method} ${request.path} ${request.status}`), ['DELETE /api/v1/namespaces/demo/pods/client-owned 200']);

  const bare = pod('client-bare');
  assert.deepEqual(await active.podForRevocation('demo', 'client-bare'), { uid: bare.metadata.uid, owner: undefined, graceSeconds: 0 });
  const gone = await active.deleteObject({ kind: 'Pod', namespace: 'demo', name: 'client-bare', uid: bare.metadata.uid });
  assert.equal(gone.pendingSeconds, undefined);
  assert.equal(local.cluster.store.get('pods', 'demo', 'client-bare'), undefined);
});

test('a replaced object is not deleted: the precondition refuses it as a conflict; a missing one is not found', async () => {
  const active = await session();
  const replaced = pod('client-replaced');
  await assert.rejects(active.deleteObject({ kind: 'Pod', namespace: 'demo', name: 'client-replaced', uid: 'the-old-uid' }), (error: Error & { kind?: string }) => {
    assert.equal(error.kind, 'conflict');
    assert.match(error.message, /^Conflict: Operation cannot be fulfilled on Pod "client-replaced": the UID in the precondition \(the-old-uid\) does not match the UID in record/);
    return true;
  });
  assert.ok(local.cluster.store.get('pods', 'demo', 'client-replaced'), 'the new Pod stays');
  assert.equal(replaced.metadata.name, 'client-replaced');
  await assert.rejects(active.deleteObject({ kind: 'Secret', namespace: 'demo', name: 'nope' }), { kind: 'not-found', message: 'Not found: secrets "nope" not found. Refresh the view; it may have been deleted.' });
  await assert.rejects((await session('restricted')).deleteObject({ kind: 'Pod', namespace: 'demo', name: 'web-0' }), (error: Error & { kind?: string }) => {
    assert.equal(error.kind, 'forbidden');
    assert.match(error.message, /^Forbidden: you cannot delete pods in namespace demo; ask for RBAC verb delete on pods\./);
    return true;
  });
});

test('a legacy token Secret is read with its token, and deleted', async () => {
  const active = await session();
  const stored = local.cluster.store.get('secrets', 'payments', 'ci-deployer-token-legacy')!;
  const contents = await active.legacyTokenSecret('payments', 'ci-deployer-token-legacy');
  assert.deepEqual(
    { ...contents, token: contents.token === Buffer.from((stored.data as { token: string }).token, 'base64').toString('utf8') },
    { uid: stored.metadata.uid, isServiceAccountToken: true, serviceAccount: 'ci-deployer', token: true },
  );
  const deleted = await active.deleteObject({ kind: 'Secret', namespace: 'payments', name: 'ci-deployer-token-legacy', uid: contents.uid });
  assert.deepEqual(deleted, { kind: 'Secret', namespace: 'payments', name: 'ci-deployer-token-legacy', uid: stored.metadata.uid });
});

test('a ServiceAccount is created again with its labels, annotations and pull Secrets, without its identity or legacy token references', async () => {
  const active = await session();
  const old = local.cluster.store.get('serviceaccounts', 'demo', 'vault-auth')!;
  local.cluster.store.update('serviceaccounts', {
    ...old,
    metadata: { ...old.metadata, labels: { team: 'vault' }, annotations: { owner: 'platform' } },
    secrets: [{ name: 'vault-auth-token-legacy' }, { name: 'mountable' }],
    imagePullSecrets: [{ name: 'registry' }],
    automountServiceAccountToken: false,
  });
  local.cluster.clearRequests();
  const recreated = await active.recreateServiceAccount('demo', 'vault-auth', old.metadata.uid, ['vault-auth-token-legacy']);
  assert.deepEqual(local.cluster.requests.map((request) => `${request.method} ${request.path}`), [
    'GET /api/v1/namespaces/demo/serviceaccounts/vault-auth',
    'DELETE /api/v1/namespaces/demo/serviceaccounts/vault-auth',
    'POST /api/v1/namespaces/demo/serviceaccounts',
  ]);
  const fresh = local.cluster.store.get('serviceaccounts', 'demo', 'vault-auth')!;
  assert.equal(recreated.created?.uid, fresh.metadata.uid);
  assert.notEqual(fresh.metadata.uid, old.metadata.uid);
  assert.equal(recreated.deleted.uid, old.metadata.uid);
  assert.deepEqual(
    { labels: fresh.metadata.labels, annotations: fresh.metadata.annotations, secrets: fresh.secrets, imagePullSecrets: fresh.imagePullSecrets, automount: fresh.automountServiceAccountToken },
    { labels: { team: 'vault' }, annotations: { owner: 'platform' }, secrets: [{ name: 'mountable' }], imagePullSecrets: [{ name: 'registry' }], automount: false },
  );
  assert.doesNotMatch(recreated.manifest, /uid|resourceVersion|creationTimestamp/);

  local.cluster.clearRequests();
  await assert.rejects(active.recreateServiceAccount('demo', 'vault-auth', old.metadata.uid, []), (error: Error & { kind?: string }) => {
    assert.equal(error.kind, 'conflict');
    assert.match(error.message, /was already deleted and created again .*Nothing was deleted\.$/);
    return true;
  });
  assert.deepEqual(local.cluster.requests.map((request) => request.method), ['GET'], 'a ServiceAccount with another UID is left alone');
});

test('serviceAccountToCreate keeps what defines the ServiceAccount and drops what the server assigns', () => {
  const body = serviceAccountToCreate(
    {
      metadata: { name: 'app', namespace: 'demo', uid: 'u', resourceVersion: '7', creationTimestamp: new Date(0), managedFields: [], generation: 2, labels: { a: 'b' } },
      secrets: [{ name: 'app-token-x' }],
      imagePullSecrets: [],
    },
    ['app-token-x'],
  );
  assert.deepEqual(body, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'app', namespace: 'demo', labels: { a: 'b' }, annotations: undefined, ownerReferences: undefined } });
});
