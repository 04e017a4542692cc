// spec.boundObjectRef.kind that the server cannot bind to: the message says what can be, and one
// fix per allowed kind writes it over exactly the written kind.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { validateManifests, type ValidationOptions } from '../../../src/manifests';
import { applyEdits } from './fixChecks';

const request = (reference: string) => `apiVersion: authentication.k8s.io/v1
kind: TokenRequest
metadata:
  name: vault-auth
  namespace: demo
spec:
  audiences: [vault]
  boundObjectRef:
${reference}`;

const options: ValidationOptions = { defaultAudiences: [], now: 0 };
const old = { ...options, serverVersion: { gitVersion: 'v1.24.0', major: 1, minor: 24 } };
const recent = { ...options, serverVersion: { gitVersion: 'v1.33.1', major: 1, minor: 33 } };

function unsupported(text: string, validation: ValidationOptions = options) {
  const finding = validateManifests(text, validation).find((candidate) => candidate.code === 'unsupported-bound-kind');
  assert.ok(finding, 'no unsupported-bound-kind finding');
  return finding;
}

test('kind: Deployment names the allowed kinds, in the server\'s words too, on the kind\'s value', () => {
  const text = request('    kind: Deployment\n    name: web\n');
  const finding = unsupported(text);
  assert.equal(text.slice(finding.start, finding.end), 'Deployment');
  assert.equal(finding.severity, 'error');
  assert.equal(finding.message, 'boundObjectRef.kind must be exactly Pod, Secret or Node (Node needs Kubernetes 1.31 or later): the server answers "cannot bind token to object of type /, Kind=Deployment".');
  assert.equal(unsupported(text, recent).message, 'boundObjectRef.kind must be exactly Pod, Secret or Node: the server answers "cannot bind token to object of type /, Kind=Deployment".');
  assert.equal(
    unsupported(text, old).message,
    'boundObjectRef.kind must be exactly Pod or Secret (Node binding needs Kubernetes 1.31 or later; this cluster runs v1.24.0): the server answers "cannot bind token to object of type /, Kind=Deployment".',
  );
});

test('one fix per allowed kind replaces exactly the kind, Node only where the cluster can bind to it', () => {
  const text = request('    kind: Deployment # was a Deployment\n    name: web\n');
  const finding = unsupported(text);
  assert.deepEqual(
    finding.fixes.map((fix) => [fix.title, fix.edits]),
    ['Pod', 'Secret', 'Node'].map((kind) => [`Bind to ${kind} instead`, [{ start: finding.start, end: finding.end, newText: kind }]]),
  );
  assert.equal(applyEdits(text, finding.fixes[1].edits), request('    kind: Secret # was a Deployment\n    name: web\n'));
  assert.deepEqual(unsupported(text, old).fixes.map((fix) => fix.title), ['Bind to Pod instead', 'Bind to Secret instead']);
  assert.deepEqual(unsupported(text, recent).fixes.map((fix) => fix.title), ['Bind to Pod instead', 'Bind to Secret instead', 'Bind to Node instead']);
});

test('the fix keeps the kind\'s quotes, in block and flow style', () => {
  for (const [written, replaced] of [
    ['"Deployment"', '"Pod"'],
    ["'Deployment'", "'Pod'"],
  ]) {
    const text = request(`    kind: ${written}\n    name: web\n`);
    const [bindToPod] = unsupported(text).fixes;
    assert.equal(applyEdits(text, bindToPod.edits), request(`    kind: ${replaced}\n    name: web\n`));
  }
  const flow = request('    {kind: "Job", name: web}\n').replace('boundObjectRef:\n    ', 'boundObjectRef: ');
  assert.equal(applyEdits(flow, unsupported(flow).fixes[0].edits), flow.replace('"Job"', '"Pod"'));
});

test('a near miss puts the closest kind first', () => {
  for (const [written, first] of [
    ['pod', 'Pod'],
    ['Pods', 'Pod'],
    ['secrets', 'Secret'],
    ['SECRET', 'Secret'],
    ['Nodes', 'Node'],
  ]) {
    const fixes = unsupported(request(`    kind: ${written}\n    name: web\n`)).fixes;
    assert.equal(fixes[0].title, `Bind to ${first} instead`, written);
    assert.equal(fixes.length, 3, written);
  }
});

test('an apiVersion of another group becomes v1 in the same fix, so the fix leaves no error', () => {
  const text = request('    apiVersion: apps/v1\n    kind: Deployment\n    name: web\n');
  const finding = unsupported(text);
  assert.deepEqual(finding.fixes.map((fix) => fix.title), ['Bind to Pod instead (apiVersion v1)', 'Bind to Secret instead (apiVersion v1)', 'Bind to Node instead (apiVersion v1)']);
  const fixed = applyEdits(text, finding.fixes[0].edits);
  assert.equal(fixed, request('    apiVersion: v1\n    kind: Pod\n    name: web\n'));
  assert.deepEqual(validateManifests(fixed, options).filter((other) => other.severity === 'error'), []);
});

test('without a name, the kind and the missing name are reported together', () => {
  const findings = validateManifests(request('    kind: Deployment\n'), options);
  assert.deepEqual(findings.map((finding) => finding.code), ['bound-name-missing', 'unsupported-bound-kind']);
  assert.equal(findings[0].message, 'boundObjectRef.name is required: the server looks up the object by name.');
});

test('a 100,000-character kind, or one with bidi and line-break characters, gives a short, visible message and exact fixes', () => {
  const invisible = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/u;
  for (const kind of ['D'.repeat(100_000), '"Pod\\u202E\\nDeployment\\u2028x"']) {
    const text = request(`    kind: ${kind}\n    name: web\n`);
    const finding = unsupported(text);
    assert.equal(text.slice(finding.start, finding.end), kind);
    assert.ok(finding.message.length < 300, `${finding.message.length} characters`);
    assert.ok(!invisible.test(finding.message), finding.message);
    for (const fix of finding.fixes) {
      assert.ok(!invisible.test(fix.title), fix.title);
      assert.deepEqual(fix.edits.map((edit) => [edit.start, edit.end]), [[finding.start, finding.end]]);
    }
  }
  const bidi = unsupported(request('    kind: "Pod\\u202E\\nDeployment\\u2028x"\n    name: web\n'));
  assert.match(bidi.message, /Kind=Pod\\u202E\\nDeployment\\u2028x"\.$/);
  assert.deepEqual(bidi.fixes.map((fix) => fix.edits[0].newText), ['"Pod"', '"Secret"', '"Node"']);
});
