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
import { behaviourOf, newestVersion } from './version';

let cluster: LocalCluster;
let state: ServerState;

before(async () => {
  [cluster, state] = await Promise.all([startLocalCluster(), standaloneState()]);
});

after(() => cluster.close());

const newest = behaviourOf(newestVersion);

test('an unknown path: no route; a Status below go-restful\'s roots, plain text elsewhere, as over HTTPS', async () => {
  assert.deepEqual(resolve('GET', '/api/v2/nothing', newest), { miss: 'notFound' });
  const direct = await dispatch(requestContext(state, 'GET', '/api/v2/nothing'));
  assert.deepEqual([direct.status, (direct.body as { reason: string }).reason], [404, 'NotFound']);
  assert.deepEqual(await send(cluster, 'GET', '/api/v2/nothing'), { status: direct.status, body: direct.body });
  const plain = await dispatch(requestContext(state, 'GET', '/nothing'));
  assert.deepEqual([plain.status, plain.body, plain.contentType], [404, '404 page not found\n', 'text/plain; charset=utf-8']);
  assert.deepEqual(await send(cluster, 'GET', '/nothing'), { status: plain.status, body: plain.body });
});

test('a known path with another method: method not allowed, the same 405 as over HTTPS', async () => {
  for (const [method, path] of [
    ['GET', '/apis/authentication.k8s.io/v1/tokenreviews'],
    ['POST', '/version'],
    ['DELETE', '/api/v1/namespaces/demo'],
    ['GET', '/api/v1/namespaces/demo/serviceaccounts/vault-auth/token'],
  ]) {
    assert.deepEqual(resolve(method, path, newest), { miss: 'methodNotAllowed' }, `${method} ${path}`);
    const direct = await dispatch(requestContext(state, method, path));
    assert.deepEqual(await send(cluster, method, path), { status: direct.status, body: direct.body }, `${method} ${path}`);
    assert.equal(direct.status, 405);
  }
});

test('placeholders bind one segment each, and only to resources the store keeps at the scope asked', () => {
  const token = resolve('POST', '/api/v1/namespaces/demo/serviceaccounts/vault-auth/token', newest);
  assert.ok('route' in token);
  assert.equal(token.route.handle, tokenRequest);
  assert.deepEqual(token.params, { namespace: 'demo', name: 'vault-auth' });
  const namespace = resolve('GET', '/api/v1/namespaces/demo', newest);
  assert.ok('route' in namespace);
  assert.deepEqual([namespace.route.handle, namespace.params], [getObject, { resource: 'namespaces', name: 'demo' }]);
  for (const path of ['/api/v1/namespaces/demo/namespaces', '/api/v1/namespaces//serviceaccounts', '/api/v1/widgets', '/api/v1/constructor', '/api/v1/namespaces/demo/pods/web-0/log']) {
    assert.deepEqual(resolve('GET', path, newest), { miss: 'notFound' }, path);
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
