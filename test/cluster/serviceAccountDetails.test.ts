// ClusterSession.serviceAccountDetails against the local API server, through the real client.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type Listed } from '../../src/cluster';
import { localClusterPerFile } from './localClusterPerFile';
import type { LocalCluster, LocalUser } from './server';

const local = localClusterPerFile('service-account-details');
const session = (user?: LocalUser, target?: LocalCluster) => local.session(user, target);

function items<T>(list: Listed<T>): readonly T[] {
  assert.ok(list.listed, list.listed ? '' : list.message);
  return list.items;
}

test('the ServiceAccount as sent, the Pods that run as it and the token Secrets, in 3 requests, with no Secret data asked for', async () => {
  local.cluster.clearRequests();
  const details = await (await session()).serviceAccountDetails('demo', 'vault-auth');
  const account = details.serviceAccount as { kind: string; metadata: { name: string; namespace: string; uid: string; creationTimestamp: string } };
  assert.equal(account.kind, 'ServiceAccount');
  assert.equal(account.metadata.name, 'vault-auth');
  assert.equal(account.metadata.uid, local.cluster.store.get('serviceaccounts', 'demo', 'vault-auth')!.metadata.uid);
  assert.equal(typeof account.metadata.creationTimestamp, 'string', 'the wire form, not the client model');
  assert.deepEqual(items(details.pods).map((pod) => pod.metadata?.name), ['web-0'], 'the field selector keeps the Pods of web out');
  const secrets = items(details.tokenSecrets);
  assert.deepEqual(secrets.map((secret) => secret.metadata?.name), ['vault-auth-token-legacy']);
  assert.ok(secrets.every((secret) => secret.data === undefined), 'the list asked for metadata only');
  assert.deepEqual(
    local.cluster.requests.map((request) => `${request.method} ${request.path}${decodeURIComponent(request.query).replace(/&limit=\d+|limit=\d+&?/, '')}`).sort(),
    [
      'GET /api/v1/namespaces/demo/pods?fieldSelector=spec.serviceAccountName=vault-auth',
      'GET /api/v1/namespaces/demo/secrets?fieldSelector=type=kubernetes.io/service-account-token',
      'GET /api/v1/namespaces/demo/serviceaccounts/vault-auth',
    ],
  );
});

test('a refused Pod list is stated in the details, not a failure of the whole', async () => {
  local.cluster.injectFailures({ status: 403, pathPrefix: '/api/v1/namespaces/demo/pods' });
  const details = await (await session('restricted')).serviceAccountDetails('demo', 'vault-auth');
  assert.deepEqual(details.pods, { listed: false, forbidden: true, message: details.pods.listed ? '' : details.pods.message });
  assert.match(details.pods.listed ? '' : details.pods.message, /^Forbidden: you cannot list pods in namespace demo/);
  assert.deepEqual(items(details.tokenSecrets).map((secret) => secret.metadata?.name), ['vault-auth-token-legacy']);
});

test('a ServiceAccount that is gone fails as a whole, naming it', async () => {
  await assert.rejects((await session()).serviceAccountDetails('demo', 'nope'), (error: Error) => error.name === 'ClusterError' && /^Not found: serviceaccounts "nope" not found/.test(error.message));
});

test('cancelling stops the details', async () => {
  const cancel = new AbortController();
  cancel.abort();
  await assert.rejects((await session()).serviceAccountDetails('demo', 'vault-auth', cancel.signal), (error: Error & { kind?: string }) => error.kind === 'cancelled');
});
