import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ApiException } from '@kubernetes/client-node';
import { ClusterError, firstLines, toClusterError } from '../../../src/cluster/errors';

const tokenAction = { verb: 'create', resource: 'serviceaccounts/token', namespace: 'payments', user: 'restricted' };

function apiError(code: number, status: object, headers: Record<string, string> = {}): ApiException<string> {
  return new ApiException(code, `HTTP-Code: ${code}`, JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', code, ...status }), headers);
}

test('403 names the verb, resource and namespace to ask for', () => {
  const error = toClusterError(
    apiError(403, {
      reason: 'Forbidden',
      message: 'serviceaccounts "vault-auth" is forbidden: User "restricted" cannot create resource "serviceaccounts/token" in API group "" in the namespace "payments"',
    }),
    tokenAction,
  );
  assert.equal(error.kind, 'forbidden');
  assert.match(error.message, /^Forbidden: you cannot create serviceaccounts\/token in namespace payments; ask for RBAC verb create on serviceaccounts\/token\./);
});

test('a 403 for a resource of a group names it as RBAC does: tokenreviews.authentication.k8s.io', () => {
  const error = toClusterError(
    apiError(403, { reason: 'Forbidden', message: 'tokenreviews.authentication.k8s.io is forbidden: User "restricted" cannot create resource "tokenreviews" in API group "authentication.k8s.io" at the cluster scope' }),
    { verb: 'create', resource: 'tokenreviews', group: 'authentication.k8s.io', user: 'restricted' },
  );
  assert.match(error.message, /^Forbidden: you cannot create tokenreviews\.authentication\.k8s\.io at cluster scope; ask for RBAC verb create on tokenreviews\.authentication\.k8s\.io\. The server said: /);
});

test('a server message that ends with a period gets no second one', () => {
  for (const [code, reason] of [[400, 'BadRequest'], [404, 'NotFound'], [409, 'Conflict'], [410, 'Expired'], [500, 'InternalError'], [403, 'Forbidden']] as const) {
    const message = toClusterError(apiError(code, { reason, message: 'the object might have been deleted and then recreated.' }), tokenAction).message;
    assert.doesNotMatch(message, /\.\./, message);
  }
  const invalid = toClusterError(apiError(422, { reason: 'Invalid', details: { causes: [{ field: 'metadata.name', message: 'must match the service account name.' }] } }), tokenAction);
  assert.doesNotMatch(invalid.message, /\.\./, invalid.message);
});

test('401 names the kubeconfig user and suggests logging in', () => {
  const error = toClusterError(apiError(401, { reason: 'Unauthorized', message: 'Unauthorized' }), tokenAction);
  assert.equal(error.kind, 'unauthorized');
  assert.match(error.message, /user restricted/);
  assert.match(error.message, /Log in again/);
});

test('422 lists the causes per field, in the server words', () => {
  const error = toClusterError(
    apiError(422, {
      reason: 'Invalid',
      message: 'TokenRequest.authentication.k8s.io "" is invalid: spec.expirationSeconds: Invalid value: 100: may not specify a duration less than 10 minutes',
      details: { causes: [{ reason: 'FieldValueInvalid', message: 'Invalid value: 100: may not specify a duration less than 10 minutes', field: 'spec.expirationSeconds' }] },
    }),
    tokenAction,
  );
  assert.equal(error.message, 'Invalid request: spec.expirationSeconds: Invalid value: 100: may not specify a duration less than 10 minutes. Correct it and try again.');
});

test('400 without causes repeats the server message; 404 says to refresh', () => {
  assert.match(toClusterError(apiError(400, { reason: 'BadRequest', message: 'cannot bind token to object of type apps/v1, Kind=Deployment' }), tokenAction).message, /cannot bind token to object of type apps\/v1, Kind=Deployment/);
  assert.match(toClusterError(apiError(404, { reason: 'NotFound', message: 'serviceaccounts "nope" not found' }), tokenAction).message, /^Not found: serviceaccounts "nope" not found\. Refresh/);
});

test('429 tells when to retry; 5xx says the server failed', () => {
  assert.match(toClusterError(apiError(429, { reason: 'TooManyRequests' }, { 'retry-after': '7' }), tokenAction).message, /Retry after 7 s/);
  const unavailable = toClusterError(apiError(503, { reason: 'ServiceUnavailable', message: 'try later' }), tokenAction);
  assert.equal(unavailable.kind, 'server');
  assert.match(unavailable.message, /HTTP 503 ServiceUnavailable/);
});

test('a body that is not a Status still gives a message', () => {
  const error = toClusterError(new ApiException(502, 'bad gateway', '<html>proxy</html>', {}), tokenAction);
  assert.match(error.message, /HTTP 502/);
});

test('network and TLS failures are named by their code, found on the error or its cause', () => {
  const withCode = (code: string) => Object.assign(new Error('request failed'), { cause: Object.assign(new Error(code), { code }) });
  assert.match(toClusterError(withCode('ECONNREFUSED'), tokenAction, { server: 'https://127.0.0.1:1' }).message, /^Connection refused by https:\/\/127\.0\.0\.1:1/);
  assert.match(toClusterError(withCode('ENOTFOUND'), tokenAction).message, /DNS lookup failed/);
  assert.equal(toClusterError(withCode('SELF_SIGNED_CERT_IN_CHAIN'), tokenAction).kind, 'tls');
  assert.match(toClusterError(withCode('ERR_TLS_CERT_ALTNAME_INVALID'), tokenAction).message, /does not match the cluster's host name/);
});

test('aborts and timeouts are told apart', () => {
  assert.equal(toClusterError(Object.assign(new Error('aborted'), { name: 'AbortError' }), tokenAction).kind, 'cancelled');
  assert.match(toClusterError(Object.assign(new Error('timed out'), { name: 'TimeoutError' }), tokenAction).message, /requestTimeoutSeconds/);
});

test('a ClusterError passes through unchanged', () => {
  const original = new ClusterError('already mapped', 'config');
  assert.equal(toClusterError(original, tokenAction), original);
});

test('exec credential plugins: missing, failing (first stderr lines, secrets redacted), printing garbage', () => {
  const target = { server: 'https://k8s.example', execCommand: 'gke-gcloud-auth-plugin' };
  const missing = toClusterError(Object.assign(new Error('spawn gke-gcloud-auth-plugin ENOENT'), { code: 'ENOENT', syscall: 'spawn gke-gcloud-auth-plugin' }), tokenAction, target);
  assert.match(missing.message, /^The credential plugin gke-gcloud-auth-plugin of user restricted is not installed or not on PATH/);
  const secret = 'ya29.a0AfB_byC3x9QzVh7Lm2Wq8Rt5Yu1Io4Pa6Sd0Fg3Hj';
  const failed = toClusterError(new Error(`ERROR: reauth needed\nrun gcloud auth login\ntoken was ${secret}\nline four`), tokenAction, target);
  assert.equal(failed.kind, 'unauthorized');
  assert.match(failed.message, /failed: ERROR: reauth needed \/ run gcloud auth login \/ token was ya29\.\[redacted\]\. Log in again/);
  assert.ok(!failed.message.includes('line four'));
  assert.match(toClusterError(new SyntaxError('Unexpected token'), tokenAction, target).message, /not an ExecCredential/);
  assert.match(toClusterError(Object.assign(new Error('t'), { name: 'TimeoutError' }), tokenAction, target).message, /or the credential plugin gke-gcloud-auth-plugin/);
});

test('first lines are capped in length', () => {
  assert.equal(firstLines('a'.repeat(10) + '\nb', 3, 5), 'aaaaa…');
});
