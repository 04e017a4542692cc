// The route table on its own: what it resolves, and that its misses and refusals are the replies
// the server sends over HTTPS.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { ServerState } from './api/context';
import { getObject } from './api/resources';
import { dispatch, resolve } from './api/routes';
import { tokenRequest } from './api/tokenRequest';
import { requestContext, restricted, send, standaloneState } from './handlerTesting';
import { startLocalCluster, type LocalCluster } from './server';

let cluster: LocalCluster;
let state: ServerState;

before(async () => {
  [cluster, state] = await Promise.all([startLocalCluster(), standaloneState()]);
});

after(() => cluster.close());

test('an unknown path: no route, and the 404 the server sends over HTTPS', async () => {
  assert.deepEqual(resolve('GET', '/api/v2/nothing'), { miss: 'notFound' });
  const direct = await dispatch(requestContext(state, 'GET', '/api/v2/nothing'));
  assert.equal(direct.status, 404);
  assert.deepEqual(await send(cluster, 'GET', '/api/v2/nothing'), { status: direct.status, body: direct.body });
});

test('a known path with another method: method not allowed, answered with the same 404 as over HTTPS', async () => {
  for (const [method, path] of [
    ['GET', '/apis/authentication.k8s.io/v1/tokenreviews'],
    ['POST', '/version'],
    ['DELETE', '/api/v1/namespaces/demo'],
    ['GET', '/api/v1/namespaces/demo/serviceaccounts/vault-auth/token'],
  ]) {
    assert.deepEqual(resolve(method, path), { miss: 'methodNotAllowed' }, `${method} ${path}`);
    const direct = await dispatch(requestContext(state, method, path));
    assert.deepEqual(await send(cluster, method, path), { status: direct.status, body: direct.body }, `${method} ${path}`);
    assert.equal(direct.status, 404);
  }
});

test('placeholders bind one segment each, and only to resources the store keeps at the scope asked', () => {
  const token = resolve('POST', '/api/v1/namespaces/demo/serviceaccounts/vault-auth/token');
  assert.ok('route' in token);
  assert.equal(token.route.handle, tokenRequest);
  assert.deepEqual(token.params, { namespace: 'demo', name: 'vault-auth' });
  const namespace = resolve('GET', '/api/v1/namespaces/demo');
  assert.ok('route' in namespace);
  assert.deepEqual([namespace.route.handle, namespace.params], [getObject, { resource: 'namespaces', name: 'demo' }]);
  for (const path of ['/api/v1/namespaces/demo/namespaces', '/api/v1/namespaces//serviceaccounts', '/api/v1/widgets', '/api/v1/constructor', '/api/v1/namespaces/demo/pods/web-0/log']) {
    assert.deepEqual(resolve('GET', path), { miss: 'notFound' }, path);
  }
});

test('RBAC decides before the handler runs, so a refused request never has its body read', async () => {
  const reply = await dispatch(
    requestContext(state, 'POST', '/api/v1/namespaces/payments/serviceaccounts/vault-auth/token', {
      user: restricted,
      body: () => assert.fail('the body of a forbidden request was read'),
    }),
  );
  assert.equal(reply.status, 403);
  assert.equal((reply.body as { message: string }).message, 'serviceaccounts "vault-auth" is forbidden: User "restricted" cannot create resource "serviceaccounts/token" in API group "" in the namespace "payments"');
});
