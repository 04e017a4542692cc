// The server's refusal of a sent manifest, placed on the field it names.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { tokenManifests } from '../../../src/manifests';
import { refusalFindings, type RefusedSend } from '../../../src/manifests/refusal';

const request = `apiVersion: authentication.k8s.io/v1
kind: TokenRequest
metadata:
  name: nobody
  namespace: demo
spec:
  audiences: [vault, api]
  expirationSeconds: 900
  boundObjectRef:
    kind: Pod
    name: web-9
    uid: 1234
`;

/** What each finding covers in the text, and its message. */
function placed(text: string, failure: RefusedSend, start = tokenManifests(text)[0].start): [string, string][] {
  return refusalFindings(text, start, failure).map((finding) => [text.slice(finding.start, finding.end), finding.message]);
}

const notFound = (objectKind: string, name: string): RefusedSend => ({ kind: 'not-found', message: `Not found: ${objectKind} "${name}" not found.`, refusal: { objectKind, name, causes: [] } });

test('a missing ServiceAccount is shown on metadata.name, a missing namespace on metadata.namespace', () => {
  assert.deepEqual(placed(request, notFound('serviceaccounts', 'nobody')), [['nobody', 'The cluster refused it: Not found: serviceaccounts "nobody" not found.']]);
  assert.deepEqual(placed(request, notFound('namespaces', 'demo')).map(([covered]) => covered), ['demo']);
});

test('a missing bound object is shown on boundObjectRef.name; a UID that does not match on its uid', () => {
  assert.deepEqual(placed(request, notFound('pods', 'web-9')).map(([covered]) => covered), ['web-9']);
  const conflict: RefusedSend = { kind: 'conflict', message: 'Conflict: the UID does not match.', refusal: { objectKind: 'Pod', name: 'web-9', causes: [] } };
  assert.deepEqual(placed(request, conflict).map(([covered]) => covered), ['1234']);
});

test('each cause of a 422 goes on the field it names, list items included', () => {
  const invalid: RefusedSend = {
    kind: 'invalid',
    message: 'Invalid request: two problems.',
    refusal: {
      objectKind: 'TokenRequest',
      causes: [
        { field: 'spec.expirationSeconds', message: 'Invalid value: 900: too long for this cluster' },
        { field: 'spec.audiences[1]', message: 'Unsupported value: "api"' },
        { field: 'spec.boundObjectRef.name' },
      ],
    },
  };
  assert.deepEqual(placed(request, invalid), [
    ['900', 'The cluster refused it: spec.expirationSeconds: Invalid value: 900: too long for this cluster'],
    ['api', 'The cluster refused it: spec.audiences[1]: Unsupported value: "api"'],
    ['web-9', 'The cluster refused it: spec.boundObjectRef.name: Invalid request: two problems.'],
  ]);
});

test('a field that is not written falls back to the deepest key on its way; no field at all to the kind line', () => {
  const withoutNamespace = request.replace('  namespace: demo\n', '');
  assert.deepEqual(placed(withoutNamespace, notFound('namespaces', 'default')).map(([covered]) => covered), ['metadata']);
  const forbidden: RefusedSend = { kind: 'forbidden', message: 'Forbidden: you cannot create serviceaccounts/token in namespace demo.', refusal: { objectKind: 'serviceaccounts', name: 'nobody', causes: [] } };
  assert.deepEqual(placed(request, forbidden).map(([covered]) => covered), ['kind: TokenRequest']);
  const unknownField: RefusedSend = { kind: 'invalid', message: 'Invalid request.', refusal: { causes: [{ field: 'spec.nothing.here' }, { field: '' }] } };
  assert.deepEqual(placed(request, unknownField).map(([covered]) => covered), ['spec']);
});

test('nothing for failures that are not refusals, or for a manifest no longer where it was sent from', () => {
  assert.deepEqual(placed(request, { kind: 'network', message: 'Connection refused' }), []);
  assert.deepEqual(placed(request, notFound('serviceaccounts', 'nobody'), 5), []);
});

test('the second object of a file, and the item of a kind: List', () => {
  const text = `${request}---\n${request.replace('nobody', 'other')}`;
  const second = tokenManifests(text)[1];
  assert.deepEqual(placed(text, notFound('serviceaccounts', 'other'), second.start).map(([covered]) => covered), ['other']);
  const list = `apiVersion: v1\nkind: List\nitems:\n- ${request.trimEnd().replace(/\n/g, '\n  ')}\n`;
  assert.deepEqual(placed(list, notFound('serviceaccounts', 'nobody')).map(([covered]) => covered), ['nobody']);
});

test('what the server says is shown bounded and visible; a hostile field path is ignored', () => {
  const hostile: RefusedSend = {
    kind: 'invalid',
    message: `x\u202Ey ${'z'.repeat(5000)}`,
    refusal: { causes: [{ field: `spec.${'a.'.repeat(5000)}`, message: 'long' }, { field: 'spec.audiences[constructor]', message: 'proto\n' }] },
  };
  const findings = refusalFindings(request, 0, hostile);
  assert.deepEqual(findings.map((finding) => request.slice(finding.start, finding.end)), ['audiences']);
  assert.equal(findings[0].message, 'The cluster refused it: spec.audiences[constructor]: proto\\n');
  const [long] = refusalFindings(request, 0, { ...hostile, refusal: { causes: [] } });
  assert.ok(long.message.length < 1100);
  assert.match(long.message, /x\\u202Ey/);
});
