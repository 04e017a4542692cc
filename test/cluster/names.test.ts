// Names for completion through the extension's ClusterSession, against the local API server: one
// list call per kind and namespace, at most one page of 500, a refusal as a typed error.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { localClusterPerFile } from './localClusterPerFile';
import { startLocalCluster, type LocalCluster, type LocalUser } from './server';

const local = localClusterPerFile('names');
const session = (user?: LocalUser, target?: LocalCluster) => local.session(user, target);

test('namespaces, ServiceAccounts, Pods, Secrets and Nodes by name, one limited list call each', async () => {
  const admin = await session();
  local.cluster.clearRequests();
  const namespaces = await admin.listNames('namespace', '');
  for (const name of ['default', 'kube-system', 'demo', 'payments']) {
    assert.ok(namespaces.includes(name), `${name} in ${namespaces.join(', ')}`);
  }
  assert.deepEqual((await admin.listNames('serviceAccount', 'demo')).sort(), ['ci-deployer', 'default', 'vault-auth', 'web']);
  assert.deepEqual((await admin.listNames('pod', 'demo')).sort(), ['web-0', 'web-1']);
  const secrets = await admin.listNames('secret', 'demo');
  assert.ok(secrets.includes('app-config') && secrets.includes('vault-auth-token-legacy'), secrets.join(', '));
  assert.deepEqual((await admin.listNames('pod', 'payments')).sort(), ['api-0']);
  assert.deepEqual((await admin.listNames('node', 'ignored')).sort(), ['node-1', 'node-2']);
  assert.deepEqual(
    local.cluster.requests.map((request) => `${request.path}${request.query}`),
    ['/api/v1/namespaces', '/api/v1/namespaces/demo/serviceaccounts', '/api/v1/namespaces/demo/pods', '/api/v1/namespaces/demo/secrets', '/api/v1/namespaces/payments/pods', '/api/v1/nodes'].map((path) => `${path}?limit=500`),
  );
});

test('a cluster with more than 500 namespaces answers one page of 500', async () => {
  const large = await startLocalCluster({ namespaces: 700, serviceAccountsPerNamespace: 1 });
  try {
    const names = await (await session('admin', large)).listNames('namespace', '');
    assert.equal(names.length, 500);
    assert.equal(large.requests.filter((request) => request.path === '/api/v1/namespaces').length, 1);
  } finally {
    await large.close();
  }
});

test('a list the user may not make is a forbidden ClusterError; a cancelled one says so', async () => {
  const restricted = await session('restricted');
  await assert.rejects(restricted.listNames('namespace', ''), (error: { kind?: string; statusCode?: number }) => error.kind === 'forbidden' && error.statusCode === 403);
  const abort = new AbortController();
  abort.abort();
  await assert.rejects((await session()).listNames('pod', 'demo', abort.signal), (error: { kind?: string }) => error.kind === 'cancelled');
});
