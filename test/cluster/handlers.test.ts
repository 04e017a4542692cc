// Handlers called directly, without HTTPS, give the Status bodies the server sends over HTTPS.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { decodeBody, errorReply, readBody } from './api/body';
import type { ServerState } from './api/context';
import { tokenRequest } from './api/tokenRequest';
import { tokenReview } from './api/tokenReview';
import { requestContext, send, standaloneState } from './handlerTesting';
import { startLocalCluster, type LocalCluster } from './server';

let cluster: LocalCluster;
let state: ServerState;

before(async () => {
  [cluster, state] = await Promise.all([startLocalCluster(), standaloneState()]);
});

after(() => cluster.close());

const tokenPath = '/api/v1/namespaces/demo/serviceaccounts/vault-auth/token';

test('TokenRequest: an expirationSeconds out of range is the same 422 Status directly as over HTTPS', async () => {
  for (const expirationSeconds of [100, 2 ** 32 + 1]) {
    const body = { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', spec: { expirationSeconds } };
    const direct = await tokenRequest(requestContext(state, 'POST', tokenPath, { params: { namespace: 'demo', name: 'vault-auth' }, body: () => Promise.resolve(body) }));
    assert.equal(direct.status, 422);
    assert.deepEqual(await send(cluster, 'POST', tokenPath, JSON.stringify(body)), { status: direct.status, body: direct.body });
  }
});

test('TokenRequest: a fractional expirationSeconds is refused as Go JSON decoding refuses it', async () => {
  const body = { spec: { expirationSeconds: 3600.5 } };
  const direct = await tokenRequest(requestContext(state, 'POST', tokenPath, { params: { namespace: 'demo', name: 'vault-auth' }, body: () => Promise.resolve(body) }));
  assert.deepEqual(direct.body, {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: 'TokenRequest in version "v1" cannot be handled as a TokenRequest: json: cannot unmarshal number into Go struct field TokenRequestSpec.spec.expirationSeconds of type int64',
    reason: 'BadRequest',
    code: 400,
  });
  assert.deepEqual(await send(cluster, 'POST', tokenPath, JSON.stringify(body)), { status: direct.status, body: direct.body });
});

test('body: malformed JSON is a 400 Status, the same decoded directly as sent over HTTPS', async () => {
  const malformed = '{"spec": {"token": ';
  let thrown: unknown;
  try {
    decodeBody(Buffer.from(malformed), 'application/json');
  } catch (error) {
    thrown = error;
  }
  assert.ok(thrown instanceof SyntaxError);
  const direct = errorReply(thrown);
  assert.equal(direct.status, 400);
  assert.match((direct.body as { message: string }).message, /^the request body is not valid JSON: /);
  assert.deepEqual(await send(cluster, 'POST', '/apis/authentication.k8s.io/v1/tokenreviews', malformed), { status: direct.status, body: direct.body });
});

test('body: empty is an empty object; past 3 MiB the read stops with a 500', async () => {
  assert.deepEqual(decodeBody(Buffer.alloc(0), undefined), {});
  async function* chunks() {
    for (let sent = 0; sent < 4; sent += 1) {
      yield Buffer.alloc(1024 * 1024, 0x20);
    }
  }
  const error = await readBody(chunks()).catch((thrown: unknown) => thrown);
  assert.deepEqual(errorReply(error).body, {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: 'Internal error occurred: the request body is larger than 3 MiB',
    reason: 'InternalError',
    code: 500,
  });
});

test('TokenReview: a review without a token is a 400, directly as over HTTPS', async () => {
  const body = { spec: { token: '' } };
  const direct = await tokenReview(requestContext(state, 'POST', '/apis/authentication.k8s.io/v1/tokenreviews', { body: () => Promise.resolve(body) }));
  assert.equal(direct.status, 400);
  assert.deepEqual(await send(cluster, 'POST', '/apis/authentication.k8s.io/v1/tokenreviews', JSON.stringify(body)), { status: direct.status, body: direct.body });
});
