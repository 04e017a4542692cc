// A server's refusal keeps what its Status names (the object, the fields of its causes), typed, so
// the editor can show it on the manifest's field without reading the message.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ApiException } from '@kubernetes/client-node';
import { toClusterError } from '../../../src/cluster/errors';

const tokenAction = { verb: 'create', resource: 'serviceaccounts/token', namespace: 'demo', user: 'admin' };

function apiError(code: number, body: unknown): ApiException<string> {
  return new ApiException(code, `HTTP-Code: ${code}`, typeof body === 'string' ? body : JSON.stringify(body), {});
}

test('404 keeps the object it names; 422 the field and message of each cause', () => {
  const missing = toClusterError(apiError(404, { kind: 'Status', code: 404, reason: 'NotFound', message: 'serviceaccounts "nobody" not found', details: { name: 'nobody', kind: 'serviceaccounts' } }), tokenAction);
  assert.deepEqual([missing.kind, missing.refusal], ['not-found', { objectKind: 'serviceaccounts', name: 'nobody', causes: [] }]);
  const invalid = toClusterError(
    apiError(422, {
      kind: 'Status',
      code: 422,
      reason: 'Invalid',
      message: 'TokenRequest.authentication.k8s.io "vault-auth" is invalid: spec.expirationSeconds: Invalid value: 100: may not specify a duration less than 10 minutes',
      details: { group: 'authentication.k8s.io', kind: 'TokenRequest', causes: [{ reason: 'FieldValueInvalid', message: 'Invalid value: 100: may not specify a duration less than 10 minutes', field: 'spec.expirationSeconds' }] },
    }),
    tokenAction,
  );
  assert.equal(invalid.kind, 'invalid');
  assert.deepEqual(invalid.refusal?.causes, [{ field: 'spec.expirationSeconds', message: 'Invalid value: 100: may not specify a duration less than 10 minutes' }]);
});

test('403 and 409 keep theirs; failures that are not refusals have none', () => {
  const forbidden = toClusterError(apiError(403, { kind: 'Status', code: 403, reason: 'Forbidden', message: 'no', details: { name: 'vault-auth', kind: 'serviceaccounts' } }), tokenAction);
  assert.equal(forbidden.refusal?.objectKind, 'serviceaccounts');
  const conflict = toClusterError(apiError(409, { kind: 'Status', code: 409, reason: 'Conflict', message: 'uid', details: { name: 'web-0', kind: 'Pod' } }), tokenAction);
  assert.deepEqual(conflict.refusal, { objectKind: 'Pod', name: 'web-0', causes: [] });
  assert.equal(toClusterError(apiError(500, { kind: 'Status', code: 500, message: 'boom' }), tokenAction).refusal, undefined);
  assert.equal(toClusterError(Object.assign(new Error('x'), { code: 'ECONNREFUSED' }), tokenAction).refusal, undefined);
});

test('a Status of any shape keeps only strings, and at most 20 causes', () => {
  const odd = toClusterError(apiError(422, { kind: 'Status', code: 422, details: { kind: 7, name: { x: 1 }, causes: [null, 5, { field: ['spec'], message: 3 }, ...Array.from({ length: 50 }, () => ({ field: 'spec.audiences' }))] } }), tokenAction);
  assert.equal(odd.refusal?.objectKind, undefined);
  assert.equal(odd.refusal?.name, undefined);
  assert.equal(odd.refusal?.causes.length, 20);
  assert.deepEqual(odd.refusal?.causes.slice(0, 4), [{ field: undefined, message: undefined }, { field: undefined, message: undefined }, { field: undefined, message: undefined }, { field: 'spec.audiences', message: undefined }]);
  assert.deepEqual(toClusterError(apiError(422, { kind: 'Status', code: 422, details: { causes: 'all' } }), tokenAction).refusal?.causes, []);
  assert.deepEqual(toClusterError(apiError(404, 'not json'), tokenAction).refusal, { objectKind: undefined, name: undefined, causes: [] });
});
