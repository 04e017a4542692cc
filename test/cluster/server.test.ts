// The local API server's rules, through the real @kubernetes/client-node over HTTPS.
import assert from 'node:assert/strict';
import https from 'node:https';
import { after, before, test } from 'node:test';
import { ApiException, AuthenticationV1Api, CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { decodeJwt } from 'jose';
import { parse } from 'yaml';
import { startLocalCluster, type LocalCluster, type LocalUser } from './server';

let cluster: LocalCluster;

function client(user: LocalUser = 'admin'): { core: CoreV1Api; auth: AuthenticationV1Api } {
  const config = new KubeConfig();
  config.loadFromString(cluster.kubeconfigYaml(user));
  return { core: config.makeApiClient(CoreV1Api), auth: config.makeApiClient(AuthenticationV1Api) };
}

async function statusOf(call: Promise<unknown>): Promise<{ code: number; body: Record<string, unknown>; headers: Record<string, string> }> {
  try {
    await call;
  } catch (error) {
    if (error instanceof ApiException) {
      return { code: error.code, body: JSON.parse(error.body as string) as Record<string, unknown>, headers: error.headers };
    }
    throw error;
  }
  throw new Error('the call succeeded');
}

const requestToken = (spec: Record<string, unknown>, name = 'vault-auth', namespace = 'demo', metadata: Record<string, unknown> = {}) =>
  client().core.createNamespacedServiceAccountToken({ name, namespace, body: { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', metadata, spec } as never });

before(async () => {
  cluster = await startLocalCluster();
});

after(() => cluster.close());

test('expirationSeconds below 600 gets the exact 422 of a real kube-apiserver', async () => {
  const { code, body } = await statusOf(requestToken({ audiences: ['vault'], expirationSeconds: 100 }));
  assert.equal(code, 422);
  assert.deepEqual(body, {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: 'TokenRequest.authentication.k8s.io "" is invalid: spec.expirationSeconds: Invalid value: 100: may not specify a duration less than 10 minutes',
    reason: 'Invalid',
    details: { group: 'authentication.k8s.io', kind: 'TokenRequest', causes: [{ reason: 'FieldValueInvalid', message: 'Invalid value: 100: may not specify a duration less than 10 minutes', field: 'spec.expirationSeconds' }] },
    code: 422,
  });
  assert.ok((await requestToken({ expirationSeconds: 600 })).status?.token);
  assert.match(String((await statusOf(requestToken({ expirationSeconds: 2 ** 32 + 1 }))).body.message), /may not specify a duration larger than 2\^32 seconds/);
});

test('defaults: 3600 s and the API server audiences', async () => {
  const response = await requestToken({});
  const claims = decodeJwt(response.status!.token);
  assert.equal(claims.exp! - claims.iat!, 3600);
  assert.deepEqual(claims.aud, [cluster.url]);
});

test('a name in the body that differs from the URL is 422 on metadata.name', async () => {
  const { code, body } = await statusOf(requestToken({}, 'vault-auth', 'demo', { name: 'other' }));
  assert.equal(code, 422);
  assert.equal(body.message, 'TokenRequest.authentication.k8s.io "vault-auth" is invalid: metadata.name: Invalid value: "other": must match the service account name if specified');
});

test('bound objects: unknown kinds 400, missing 404, UID mismatch 409, pod of another ServiceAccount 400', async () => {
  const bind = (boundObjectRef: Record<string, unknown>, name = 'vault-auth') => statusOf(requestToken({ boundObjectRef }, name));
  const deployment = await bind({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' });
  assert.deepEqual([deployment.code, deployment.body.message], [400, 'cannot bind token to object of type apps/v1, Kind=Deployment']);
  const missing = await bind({ apiVersion: 'v1', kind: 'Pod', name: 'nope' });
  assert.deepEqual([missing.code, missing.body.message, missing.body.details], [404, 'pods "nope" not found', { name: 'nope', kind: 'pods' }]);
  const conflict = await bind({ apiVersion: 'v1', kind: 'Pod', name: 'web-0', uid: 'not-the-uid' });
  assert.equal(conflict.code, 409);
  assert.match(String(conflict.body.message), /^Operation cannot be fulfilled on Pod "web-0": the UID in the bound object reference \(not-the-uid\) does not match the UID in record/);
  const otherAccount = await bind({ apiVersion: 'v1', kind: 'Pod', name: 'web-0' }, 'web');
  assert.deepEqual([otherAccount.code, otherAccount.body.message], [400, 'cannot bind token for serviceaccount "web" to pod running with different serviceaccount name.']);
  const secretBound = decodeJwt((await requestToken({ boundObjectRef: { apiVersion: 'v1', kind: 'Secret', name: 'app-config' } })).status!.token)['kubernetes.io'] as Record<string, unknown>;
  assert.deepEqual(Object.keys(secretBound), ['namespace', 'secret', 'serviceaccount']);
  const nodeBound = decodeJwt((await requestToken({ boundObjectRef: { apiVersion: 'v1', kind: 'Node', name: 'node-2' } })).status!.token)['kubernetes.io'] as Record<string, unknown>;
  assert.deepEqual(Object.keys(nodeBound), ['namespace', 'node', 'serviceaccount']);
});

test('a missing ServiceAccount or namespace is 404 in the server words', async () => {
  const account = await statusOf(requestToken({}, 'nope'));
  assert.deepEqual([account.code, account.body.message, account.body.details], [404, 'serviceaccounts "nope" not found', { name: 'nope', kind: 'serviceaccounts' }]);
  assert.equal((await statusOf(requestToken({}, 'default', 'x'))).body.message, 'namespaces "x" not found');
});

test('a maximum expiration shortens the lifetime and says so in a Warning header', async () => {
  cluster.setMaxExpiration(3600);
  try {
    const response = await client().core.createNamespacedServiceAccountTokenWithHttpInfo({ name: 'vault-auth', namespace: 'demo', body: { spec: { audiences: ['vault'], expirationSeconds: 7200 } } as never });
    assert.equal(response.headers.warning, '299 - "requested expiration of 7200 seconds shortened to 3600 seconds"');
    const claims = decodeJwt(response.data.status!.token);
    assert.equal(claims.exp! - claims.iat!, 3600);
  } finally {
    cluster.setMaxExpiration(undefined);
  }
});

test('paging: limit, opaque continue, remainingItemCount; 410 with a fresh token when stale; 400 for garbage', async () => {
  const { core } = client();
  const first = await core.listServiceAccountForAllNamespaces({ limit: 5 });
  assert.equal(first.items.length, 5);
  assert.equal(first.metadata?.remainingItemCount, 9);
  const second = await core.listServiceAccountForAllNamespaces({ limit: 5, _continue: first.metadata!._continue });
  assert.equal(second.items[0].metadata?.name !== first.items[4].metadata?.name, true);
  cluster.store.expireContinueTokens();
  const stale = await statusOf(core.listServiceAccountForAllNamespaces({ limit: 5, _continue: second.metadata!._continue }));
  assert.equal(stale.code, 410);
  assert.equal(stale.body.reason, 'Expired');
  assert.ok((stale.body.metadata as { continue?: string }).continue, 'a fresh continue token');
  const garbage = await statusOf(core.listServiceAccountForAllNamespaces({ limit: 5, _continue: 'garbage' }));
  assert.equal(garbage.code, 400);
  assert.match(String(garbage.body.message), /^invalid continue token/);
});

test('TokenReview: issued, wrong audience, expired, deleted ServiceAccount, tampered, garbage, legacy, rotated key', async () => {
  const { auth } = client();
  const review = async (token: string, audiences?: string[]) => (await auth.createTokenReview({ body: { spec: { token, audiences } } })).status!;
  const token = (await requestToken({ audiences: ['vault'] })).status!.token;
  assert.equal((await review(token, ['vault'])).authenticated, true);
  assert.equal((await review(token, ['other'])).error, '[invalid bearer token, token audiences ["vault"] is invalid for the target audiences ["other"]]');
  const account = cluster.store.get('serviceaccounts', 'demo', 'vault-auth')!;
  const expired = await cluster.tokens.issue(account, ['vault'], -3600, undefined, undefined);
  assert.equal((await review(expired.token, ['vault'])).error, '[invalid bearer token, service account token has expired]');
  const [header, payload, signature] = token.split('.');
  assert.equal((await review(`${header}.${payload}.${signature.slice(0, -4)}AAAA`, ['vault'])).error, '[invalid bearer token, square/go-jose: error in cryptographic primitive]');
  assert.equal((await review('garbage', ['vault'])).error, 'invalid bearer token');
  const legacy = Buffer.from((cluster.store.get('secrets', 'demo', 'vault-auth-token-legacy')!.data as { token: string }).token, 'base64').toString();
  assert.equal((await review(legacy)).authenticated, true);
  await cluster.tokens.rotate();
  assert.equal((await review(token, ['vault'])).authenticated, true, 'tokens signed by the previous key still verify');
  cluster.store.create('serviceaccounts', { name: 'short-lived', namespace: 'demo' });
  const doomed = (await requestToken({ audiences: ['vault'] }, 'short-lived')).status!.token;
  cluster.store.delete('serviceaccounts', 'demo', 'short-lived');
  assert.equal((await review(doomed, ['vault'])).error, '[invalid bearer token, serviceaccounts "short-lived" not found]');
  assert.equal((await statusOf(auth.createTokenReview({ body: { spec: { token: '' } } }))).body.message, 'token is required for TokenReview in authentication');
});

test('issuer discovery: JWKS with its content type and cache header; only ServiceAccounts and admins may read it', async () => {
  const jwks = await rawGet('/openid/v1/jwks', 'admin');
  assert.equal(jwks.status, 200);
  assert.equal(jwks.headers['content-type'], 'application/jwk-set+json');
  assert.equal(jwks.headers['cache-control'], 'public, max-age=3600');
  const key = (JSON.parse(jwks.body) as { keys: Record<string, string>[] }).keys[0];
  assert.deepEqual([key.kty, key.use, key.alg], ['RSA', 'sig', 'RS256']);
  const discovery = JSON.parse((await rawGet('/.well-known/openid-configuration', 'admin')).body) as Record<string, unknown>;
  assert.deepEqual(discovery, { issuer: cluster.url, jwks_uri: `${cluster.url}/openid/v1/jwks`, response_types_supported: ['id_token'], subject_types_supported: ['public'], id_token_signing_alg_values_supported: ['RS256'] });
  const forbidden = await rawGet('/openid/v1/jwks', 'restricted');
  assert.equal(forbidden.status, 403);
  assert.equal((JSON.parse(forbidden.body) as { message: string }).message, 'forbidden: User "restricted" cannot get path "/openid/v1/jwks"');
  const serviceAccountToken = (await requestToken({})).status!.token;
  assert.equal((await rawGet('/openid/v1/jwks', serviceAccountToken)).status, 200);
});

test('authentication: client certificates, bad tokens get the exact 401, RBAC gives kube Forbidden messages', async () => {
  assert.equal((await client('cert-admin').core.listNamespace()).items.length, 5);
  const unauthorized = await rawGet('/api/v1/namespaces', 'not-a-token');
  assert.equal(unauthorized.status, 401);
  assert.deepEqual(JSON.parse(unauthorized.body), { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'Unauthorized', reason: 'Unauthorized', code: 401 });
  const restricted = await statusOf(client('restricted').core.listNamespace());
  assert.equal(restricted.body.message, 'namespaces is forbidden: User "restricted" cannot list resource "namespaces" in API group "" at the cluster scope');
  const token = await statusOf(client('restricted').core.createNamespacedServiceAccountToken({ name: 'vault-auth', namespace: 'payments', body: { spec: {} } as never }));
  assert.deepEqual(token.body.details, { name: 'vault-auth', kind: 'serviceaccounts' });
});

test('failure knobs: 429 with Retry-After, 503, dropped connections, then normal service', async () => {
  const { core } = client();
  cluster.injectFailures({ status: 429, retryAfterSeconds: 7 });
  const throttled = await statusOf(core.listNamespace());
  assert.deepEqual([throttled.code, throttled.headers['retry-after']], [429, '7']);
  cluster.injectFailures({ status: 503 });
  assert.equal((await statusOf(core.listNamespace())).code, 503);
  cluster.injectFailures({ status: 'drop' });
  await assert.rejects(core.listNamespace(), (error: Error) => !(error instanceof ApiException));
  assert.equal((await core.listNamespace()).items.length, 5);
});

/** A GET with a bearer credential: a user of the local cluster, or a raw token. */
function rawGet(path: string, credential: LocalUser | string): Promise<{ status: number; headers: Record<string, string>; body: string }> {
  const token = ['admin', 'restricted'].includes(credential)
    ? (parse(cluster.kubeconfigYaml(credential as LocalUser)) as { users: { user: { token: string } }[] }).users[0].user.token
    : credential;
  return new Promise((resolve, reject) => {
    https
      .get(`${cluster.url}${path}`, { ca: cluster.caPem, headers: { Authorization: `Bearer ${token}` } }, (response) => {
        let body = '';
        response.on('data', (chunk: Buffer) => (body += chunk.toString()));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers as Record<string, string>, body }));
      })
      .on('error', reject);
  });
}
