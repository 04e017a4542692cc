import assert from 'node:assert/strict';
import { test } from 'node:test';
import { completionsAt, hoverAt, tokenManifests, validateManifests } from '../../../src/manifests';

/** The text with the cursor marker `|` removed, and the cursor's offset. */
function at(marked: string): { text: string; offset: number } {
  return { text: marked.replace('|', ''), offset: marked.indexOf('|') };
}

const labels = (marked: string) => {
  const { text, offset } = at(marked);
  return completionsAt(text, offset).map((completion) => completion.label);
};

const request = `apiVersion: authentication.k8s.io/v1
kind: TokenRequest
metadata:
  name: vault-auth
spec:
`;

test('completes the keys of each level, leaving out those already written', () => {
  assert.deepEqual(labels(`${request}  |`), ['audiences', 'boundObjectRef', 'expirationSeconds']);
  assert.deepEqual(labels(`${request}  audiences: [vault]\n  exp|`), ['boundObjectRef', 'expirationSeconds']);
  assert.deepEqual(labels(`${request}  boundObjectRef:\n    kind: Pod\n    |\n    name: web-0\n`), ['apiVersion', 'uid']);
  assert.deepEqual(labels(`apiVersion: authentication.k8s.io/v1\nkind: TokenReview\n|`), ['metadata', 'spec', 'status']);
  assert.deepEqual(labels(`apiVersion: authentication.k8s.io/v1\nkind: TokenReview\nspec:\n  |`), ['audiences', 'token']);
  assert.deepEqual(labels(`apiVersion: authentication.k8s.io/v1\nkind: TokenReview\nstatus:\n  user:\n    |`), ['extra', 'groups', 'uid', 'username']);
  assert.ok(labels(`${request.replace('spec:\n', '')}  |`).includes('namespace'));
  assert.ok(!labels(`${request.replace('spec:\n', '')}  |`).includes('name'));
  assert.deepEqual(labels(`${request.replace('spec:\n', '')}  ownerReferences:\n  - kind: Pod\n    |`), ['apiVersion', 'name', 'uid', 'controller', 'blockOwnerDeletion']);
});

test('completes allowed values: apiVersion, kind, boundObjectRef kind and apiVersion, booleans', () => {
  assert.deepEqual(labels('apiVersion: |'), ['authentication.k8s.io/v1']);
  assert.deepEqual(labels('apiVersion: authentication.k8s.io/v1\nkind: |'), ['TokenRequest', 'TokenReview']);
  assert.deepEqual(labels(`${request}  boundObjectRef:\n    kind: |`), ['Pod', 'Secret', 'Node']);
  assert.deepEqual(labels(`${request}  boundObjectRef:\n    apiVersion: |`), ['v1']);
  assert.deepEqual(labels('apiVersion: authentication.k8s.io/v1\nkind: TokenReview\nstatus:\n  authenticated: |'), ['true', 'false']);
});

test('the replaced range is the word or value being typed; the inserted text indents what follows', () => {
  const { text, offset } = at(`${request}  boundObjectRef:\n    kind: Po| # bound\n`);
  const [pod] = completionsAt(text, offset);
  assert.equal(text.slice(pod.start, pod.end), 'Po');
  const typed = at(`${request}  bou|`);
  const bound = completionsAt(typed.text, typed.offset).find((completion) => completion.label === 'boundObjectRef')!;
  assert.deepEqual([typed.text.slice(bound.start, bound.end), bound.insertText, bound.kind], ['bou', 'boundObjectRef:\n  ', 'field']);
  assert.match(bound.documentation, /reference to an object that the token will be bound to/);
  const list = at(`${request}  |`);
  assert.equal(completionsAt(list.text, list.offset).find((completion) => completion.label === 'audiences')?.insertText, 'audiences:\n  - ');
  assert.equal(completionsAt(list.text, list.offset).find((completion) => completion.label === 'audiences')?.detail, '[]string, required');
});

test('completes inside the items of a kind: List, by each item\'s own kind', () => {
  const list = 'apiVersion: v1\nkind: List\nitems:\n- apiVersion: authentication.k8s.io/v1\n  kind: TokenReview\n  spec:\n    token: x\n- apiVersion: authentication.k8s.io/v1\n  kind: TokenRequest\n  spec:\n    |\n';
  assert.deepEqual(labels(list), ['audiences', 'boundObjectRef', 'expirationSeconds']);
  assert.deepEqual(labels('kind: List\nitems:\n  - kind: TokenRequest\n    apiVersion: authentication.k8s.io/v1\n    |'), ['metadata', 'spec', 'status']);
  assert.deepEqual(labels('kind: List\nitems:\n- |'), ['apiVersion', 'kind']);
});

test('offers nothing in other documents, and only apiVersion/kind in a new one', () => {
  assert.deepEqual(labels('apiVersion: apps/v1\nkind: Deployment\nspec:\n  |'), []);
  assert.deepEqual(labels(`apiVersion: apps/v1\nkind: Deployment\n---\n${request}  |`), ['audiences', 'boundObjectRef', 'expirationSeconds']);
  assert.deepEqual(labels('|'), ['apiVersion', 'kind']);
  assert.deepEqual(labels('apiVersion: v1\nkind: |'), []);
});

test('hover shows the API reference for the key under the cursor', () => {
  const text = `${request}  audiences: [vault]\n  boundObjectRef:\n    kind: Pod\n`;
  const hover = hoverAt(text, text.indexOf('audiences') + 3)!;
  assert.equal(text.slice(hover.start, hover.end), 'audiences');
  assert.match(hover.markdown, /^\*\*TokenRequest\.spec\.audiences\*\* `\[\]string` \(required\)\n\nAudiences are the intendend audiences of the token/);
  const kind = hoverAt(text, text.lastIndexOf('kind') + 1)!;
  assert.match(kind.markdown, /spec\.boundObjectRef\.kind.*Allowed values: `Pod`, `Secret`, `Node`\./s);
  assert.match(hoverAt(text, 2)!.markdown, /APIVersion defines the versioned schema/);
  assert.equal(hoverAt(text, text.indexOf('[vault]') + 2), undefined);
  assert.equal(hoverAt('apiVersion: apps/v1\nkind: Deployment\nspec:\n  replicas: 1\n', 40), undefined);
  const review = `kind: Deployment\n---\napiVersion: authentication.k8s.io/v1\nkind: TokenReview\nstatus:\n  user:\n    groups: []\n`;
  const groups = hoverAt(review, review.indexOf('groups'))!;
  assert.equal(review.slice(groups.start, groups.end), 'groups');
  assert.match(groups.markdown, /TokenReview\.status\.user\.groups/);
});

test('tokenManifests lists v1 token objects with their values, List items included', () => {
  const text = `apiVersion: apps/v1
kind: Deployment
---
${request}  audiences: [vault, api]
  expirationSeconds: 600
  boundObjectRef: {kind: Pod, apiVersion: v1, name: web-0}
---
apiVersion: v1
kind: List
items:
- apiVersion: authentication.k8s.io/v1
  kind: TokenReview
  spec:
    token: abc
- apiVersion: authentication.k8s.io/v1beta1
  kind: TokenReview
  spec:
    token: abc
- apiVersion: authentication.k8s.io/v1
  kind: TokenRequest
  metadata: {name: vault-auth, namespace: demo}
  spec:
    expirationSeconds: 60
`;
  const manifests = tokenManifests(text);
  assert.deepEqual(
    manifests.map(({ errors, start, end, ...rest }) => ({ ...rest, errors: errors.map((error) => error.code), text: text.slice(start, end).split('\n')[0] })),
    [
      {
        kind: 'TokenRequest',
        name: 'vault-auth',
        audiences: ['vault', 'api'],
        expirationSeconds: 600,
        boundObjectRef: { kind: 'Pod', apiVersion: 'v1', name: 'web-0' },
        errors: [],
        text: 'apiVersion: authentication.k8s.io/v1',
      },
      { kind: 'TokenReview', audiences: [], token: 'abc', errors: [], text: 'apiVersion: authentication.k8s.io/v1' },
      { kind: 'TokenRequest', name: 'vault-auth', namespace: 'demo', audiences: [], expirationSeconds: 60, errors: ['expiration-too-short'], text: 'apiVersion: authentication.k8s.io/v1' },
    ],
  );
  const last = manifests[2];
  assert.ok(text.slice(last.start, last.end).endsWith('expirationSeconds: 60'));
  assert.equal(text.slice(last.errors[0].start, last.errors[0].end), '60');
});

test('the audiences fix uses a placeholder when no default audiences are configured', () => {
  const text = `${request}  expirationSeconds: 3600\n`;
  const [finding] = validateManifests(text, { defaultAudiences: [], now: 0 });
  assert.equal(finding.code, 'missing-audiences');
  assert.deepEqual(finding.fixes.map((fix) => [fix.title, fix.edits]), [['Add spec.audiences with a placeholder to replace', [{ start: text.length, end: text.length, newText: '  audiences:\n    - api\n' }]]]);
  const withDefaults = validateManifests(text, { defaultAudiences: ['vault', 'https://vault.example.com:8200'], now: 0 })[0];
  assert.equal(withDefaults.fixes[0].edits[0].newText, '  audiences:\n    - vault\n    - https://vault.example.com:8200\n');
});

test('fixes follow the file\'s indentation and keep a missing final newline', () => {
  const text = 'apiVersion: authentication.k8s.io/v1\nkind: TokenRequest\nspec:\n    expirationSeconds: 3600';
  const [finding] = validateManifests(text, { defaultAudiences: ['vault'], now: 0 });
  assert.deepEqual(finding.fixes[0].edits, [{ start: text.length, end: text.length, newText: '\n    audiences:\n        - vault\n' }]);
});

test('completion and hover never throw on odd lines: a lone CR, a ---- line that starts no document', () => {
  const text = '---\n----\napiVersion: authentication.k8s.io/v1\nkind: TokenRequest\nmetadata:\n  name:\r vault-auth\nspec:\n  \raudiences: [vault]\n';
  for (let offset = 0; offset <= text.length; offset += 1) {
    assert.ok(Array.isArray(completionsAt(text, offset)));
    hoverAt(text, offset);
  }
  assert.deepEqual(labels('---\n----\n|'), ['apiVersion', 'kind']);
});

test('hover reads keys brought in through a merge key', () => {
  const text = `${request}  <<: {audiences: [vault]}\n`;
  const hover = hoverAt(text, text.indexOf('audiences') + 1)!;
  assert.equal(text.slice(hover.start, hover.end), 'audiences');
  assert.match(hover.markdown, /TokenRequest\.spec\.audiences/);
});

test('a Node binding is a note without a cluster, and an error naming the version when the connected cluster is older than 1.31', () => {
  const text = 'apiVersion: authentication.k8s.io/v1\nkind: TokenRequest\nmetadata:\n  name: vault-auth\nspec:\n  audiences: [vault]\n  boundObjectRef:\n    kind: Node\n    apiVersion: v1\n    name: node-1\n';
  const note = validateManifests(text, { defaultAudiences: [], now: 0 }).find((finding) => finding.code === 'node-binding-version');
  assert.equal(note?.severity, 'information');
  const old = validateManifests(text, { defaultAudiences: [], now: 0, serverVersion: { gitVersion: 'v1.24.0', major: 1, minor: 24 } }).find((finding) => finding.code === 'node-binding-version');
  assert.equal(old?.severity, 'error');
  assert.match(old?.message ?? '', /^Node binding needs Kubernetes 1\.31 or later; this cluster runs v1\.24\.0: /);
  const recent = validateManifests(text, { defaultAudiences: [], now: 0, serverVersion: { gitVersion: 'v1.33.0', major: 1, minor: 33 } }).find((finding) => finding.code === 'node-binding-version');
  assert.equal(recent?.severity, 'information');
});
