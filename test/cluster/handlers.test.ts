// Handlers called directly, without HTTPS, give the Status bodies the server sends over HTTPS.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { errorReply, readBody } from './api/body';
import type { ServerState } from './api/context';
import { tokenRequest } from './api/tokenRequest';
import { tokenReview } from './api/tokenReview';
import { jsonBody, requestContext, send, standaloneState } from './handlerTesting';
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
    const direct = await tokenRequest(requestContext(state, 'POST', tokenPath, { params: { namespace: 'demo', name: 'vault-auth' }, body: jsonBody(body) }));
    assert.equal(direct.status, 422);
    assert.deepEqual(await send(cluster, 'POST', tokenPath, JSON.stringify(body)), { status: direct.status, body: direct.body });
  }
});

test('TokenRequest: a fractional expirationSeconds is refused as Go JSON decoding refuses it, literal included', async () => {
  const body = { spec: { expirationSeconds: 3600.5 } };
  const direct = await tokenRequest(requestContext(state, 'POST', tokenPath, { params: { namespace: 'demo', name: 'vault-auth' }, body: jsonBody(body) }));
  assert.deepEqual(direct.body, {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    // encoding/json names a number's literal when it does not fit an integer (decode.go literalStore); seen on the real v1.24.
    message: 'TokenRequest in version "v1" cannot be handled as a TokenRequest: json: cannot unmarshal number 3600.5 into Go struct field TokenRequestSpec.spec.expirationSeconds of type int64',
    reason: 'BadRequest',
    code: 400,
  });
  assert.deepEqual(await send(cluster, 'POST', tokenPath, JSON.stringify(body)), { status: direct.status, body: direct.body });
});

test('body: malformed JSON is the 400 of the JSON serializer, the same directly as over HTTPS', async () => {
  const malformed = '{"spec": {"token": ';
  const direct = await tokenReview(requestContext(state, 'POST', '/apis/authentication.k8s.io/v1/tokenreviews', { body: () => Promise.resolve(Buffer.from(malformed)) }));
  assert.equal(direct.status, 400);
  // apiserver handlers/rest.go transformDecodeError, json/meta.go Interpret, and Go's scanner for a cut-off document.
  assert.equal((direct.body as { message: string }).message, 'the object provided is unrecognized (must be of type TokenReview): couldn\'t get version/kind; json parse error: unexpected end of JSON input ({"spec": {"token": )');
  assert.deepEqual(await send(cluster, 'POST', '/apis/authentication.k8s.io/v1/tokenreviews', malformed), { status: direct.status, body: direct.body });
});

test('body: empty is not an object; past 3 MiB the read stops with a 413', async () => {
  const empty = await tokenReview(requestContext(state, 'POST', '/apis/authentication.k8s.io/v1/tokenreviews', { body: () => Promise.resolve(Buffer.alloc(0)) }));
  assert.equal((empty.body as { message: string }).message, "the object provided is unrecognized (must be of type TokenReview): couldn't get version/kind; json parse error: unexpected end of JSON input (<empty>)");
  async function* chunks() {
    for (let sent = 0; sent < 4; sent += 1) {
      yield Buffer.alloc(1024 * 1024, 0x20);
    }
  }
  const error = await readBody(chunks()).catch((thrown: unknown) => thrown);
  // apiserver handlers/rest.go limitedReadBody with the default 3 MiB limit.
  assert.deepEqual(errorReply(error).body, {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: 'Request entity too large: limit is 3145728',
    reason: 'RequestEntityTooLarge',
    code: 413,
  });
});

test('TokenReview: a review without a token is a 400, directly as over HTTPS', async () => {
  const body = { spec: { token: '' } };
  const direct = await tokenReview(requestContext(state, 'POST', '/apis/authentication.k8s.io/v1/tokenreviews', { body: jsonBody(body) }));
  assert.equal(direct.status, 400);
  assert.deepEqual(await send(cluster, 'POST', '/apis/authentication.k8s.io/v1/tokenreviews', JSON.stringify(body)), { status: direct.status, body: direct.body });
});
