import assert from 'node:assert/strict';
import { test } from 'node:test';
import { accessDocument, accessHeadline, computedVerdict, describeRequest, resourceChoices, subjectAccessReviewSpec, type AccessQuestion } from '../../../src/rbac/access';
import { permissionsFromObjects, permissionsFromRulesReview } from '../../../src/rbac/permissions';
import type { RbacObjects } from '../../../src/rbac/types';

const vaultAuth = { namespace: 'demo', name: 'vault-auth' };
const getSecrets = { verb: 'get', group: '', resource: 'secrets', namespace: 'demo' };

const objects: RbacObjects = {
  clusterRoles: [],
  clusterRoleBindings: [],
  roles: [{ metadata: { name: 'secret-reader', namespace: 'demo' }, rules: [{ verbs: ['get', 'list'], apiGroups: [''], resources: ['secrets'] }] }],
  roleBindings: [
    {
      metadata: { name: 'vault-auth-secret-reader', namespace: 'demo' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'secret-reader' },
      subjects: [{ kind: 'ServiceAccount', name: 'vault-auth', namespace: 'demo' }],
    },
  ],
};

const question = (request: AccessQuestion['request'], namespaced = true): AccessQuestion => ({
  account: vaultAuth,
  request,
  namespaced,
  context: { name: 'local', server: 'https://127.0.0.1:6443' },
  askedAt: new Date('2026-11-27T13:05:09.123Z'),
});

test("the review names the ServiceAccount's user and its groups, which a SubjectAccessReview never implies", () => {
  assert.deepEqual(subjectAccessReviewSpec(vaultAuth, getSecrets), {
    user: 'system:serviceaccount:demo:vault-auth',
    groups: ['system:serviceaccounts', 'system:serviceaccounts:demo', 'system:authenticated'],
    resourceAttributes: { verb: 'get', group: '', resource: 'secrets', namespace: 'demo' },
  });
  assert.deepEqual(subjectAccessReviewSpec(vaultAuth, { verb: 'get', group: '', resource: 'pods', subresource: 'log', name: 'web-0' }).resourceAttributes, {
    verb: 'get',
    group: '',
    resource: 'pods',
    subresource: 'log',
    name: 'web-0',
  });
  assert.deepEqual(subjectAccessReviewSpec(vaultAuth, { verb: 'get', path: '/healthz' }).nonResourceAttributes, { path: '/healthz', verb: 'get' });
});

test('a request reads as a sentence', () => {
  assert.equal(describeRequest(getSecrets), 'get secrets in namespace demo');
  assert.equal(describeRequest({ verb: 'list', group: 'apps', resource: 'deployments' }), 'list deployments.apps in all namespaces');
  assert.equal(describeRequest({ verb: 'get', group: '', resource: 'nodes' }, false), 'get nodes (cluster-wide)');
  assert.equal(describeRequest({ ...getSecrets, name: 'app-config' }), 'get secrets named app-config in namespace demo');
  assert.equal(describeRequest({ verb: 'create', group: '', resource: 'serviceaccounts', subresource: 'token', namespace: 'demo' }), 'create serviceaccounts/token in namespace demo');
  assert.equal(describeRequest({ verb: 'get', path: '/healthz' }), 'get /healthz');
});

test("the server's answer with its reason, and a denial without one", () => {
  const reason = 'RBAC: allowed by RoleBinding "vault-auth-secret-reader/demo" of Role "secret-reader" to ServiceAccount "vault-auth/demo"';
  const allowed = accessDocument(question(getSecrets), { kind: 'review', answer: { allowed: true, denied: false, reason } });
  assert.equal(
    allowed,
    [
      'Can ServiceAccount demo/vault-auth get secrets in namespace demo?',
      'Yes.',
      `Reason (the API server's): ${reason}`,
      '',
      'Answered by the API server: a SubjectAccessReview for user system:serviceaccount:demo:vault-auth with groups system:serviceaccounts, system:serviceaccounts:demo, system:authenticated. It asks every authorizer the server runs (RBAC, webhooks, Node).',
      '',
      `Asked at ${allowed.split('\n')[6].slice('Asked at '.length, 'Asked at '.length + 19)} (local), 2026-11-27T13:05:09Z`,
      'Context local, server https://127.0.0.1:6443',
      '',
    ].join('\n'),
  );
  const denied = accessDocument(question({ ...getSecrets, verb: 'delete' }), { kind: 'review', answer: { allowed: false, denied: false } });
  assert.match(denied, /^No: no authorizer allows it\.\nThe API server gave no reason: with RBAC alone a denial has none/m);
  assert.equal(accessHeadline(question(getSecrets), { kind: 'review', answer: { allowed: true, denied: false, reason } }), 'demo/vault-auth can get secrets in namespace demo');
});

test('computed answers say so, name the rule that allows, and that webhooks were not asked', () => {
  const permissions = permissionsFromObjects(objects, vaultAuth);
  const answer = { kind: 'computed' as const, permissions, reviewRefused: 'Forbidden: you cannot create subjectaccessreviews.authorization.k8s.io at cluster scope.' };
  const text = accessDocument(question(getSecrets), answer);
  assert.match(text, /^Yes \(computed\)\.$/m);
  assert.match(text, /^Allowed by: get, list secrets in demo, RoleBinding demo\/vault-auth-secret-reader → Role secret-reader, as ServiceAccount demo\/vault-auth$/m);
  assert.match(text, /^Computed from the RBAC objects you can read; webhook authorizers are not consulted\.$/m);
  assert.match(text, /^The API server was not asked: Forbidden: you cannot create subjectaccessreviews/m);
  assert.equal(computedVerdict(permissions, { ...getSecrets, namespace: 'payments' }).verdict, 'no');
  assert.equal(computedVerdict(permissions, { ...getSecrets, namespace: undefined }).verdict, 'no', 'a Role in demo does not reach all namespaces');
  assert.equal(accessHeadline(question({ ...getSecrets, verb: 'delete' }), answer), 'demo/vault-auth cannot delete secrets in namespace demo (computed)');
});

test("a rules review covers one namespace: elsewhere its silence is not a no", () => {
  const permissions = permissionsFromRulesReview(vaultAuth, 'demo', { resourceRules: [{ verbs: ['get'], apiGroups: [''], resources: ['secrets'] }], nonResourceRules: [], incomplete: false });
  assert.equal(computedVerdict(permissions, getSecrets).verdict, 'yes');
  assert.equal(computedVerdict(permissions, { ...getSecrets, verb: 'delete' }).verdict, 'no');
  assert.equal(computedVerdict(permissions, { ...getSecrets, namespace: 'payments' }).verdict, 'cannot tell');
  assert.equal(computedVerdict(permissions, { verb: 'get', group: '', resource: 'nodes' }).verdict, 'cannot tell');
  const incomplete = permissionsFromObjects(objects, vaultAuth);
  assert.equal(computedVerdict({ ...incomplete, incomplete: true }, { ...getSecrets, verb: 'delete' }).verdict, 'cannot tell');
});

test("a hostile server's reason and names are shown as visible, inert text on their own line", () => {
  const reason = 'RBAC: allowed\n\nYes.\u202E [x](command:evil) $(alert)';
  const text = accessDocument(question({ ...getSecrets, name: 'a\nb' }), { kind: 'review', answer: { allowed: false, denied: true, reason, evaluationError: 'x'.repeat(5000) } });
  const lines = text.split('\n');
  assert.equal(lines[0], 'Can ServiceAccount demo/vault-auth get secrets named a\\nb in namespace demo?');
  assert.equal(lines[1], 'No: an authorizer denies it outright.');
  assert.equal(lines[2], "Reason (the API server's): RBAC: allowed\\n\\nYes.\\u202E [x] (command:evil) $ (alert)");
  assert.ok(lines[3].length < 1100, 'a long evaluation error is cut');
  assert.ok(!lines.includes('Yes.'), 'the reason cannot forge an answer line');
});

test('unanswered questions say why', () => {
  const text = accessDocument(question(getSecrets), { kind: 'unanswered', why: 'You may neither create SubjectAccessReviews nor list RBAC objects.' });
  assert.match(text, /^Cannot tell\.\nYou may neither create SubjectAccessReviews nor list RBAC objects\.$/m);
  assert.equal(accessHeadline(question(getSecrets), { kind: 'unanswered', why: '' }), 'Cannot tell whether demo/vault-auth can get secrets in namespace demo');
});

test('discovered resources are listed once each, the core group first, as kubectl names them', () => {
  const discovered = [
    { group: 'apps', version: 'v1', resource: 'deployments', kind: 'Deployment', namespaced: true, verbs: ['get'] },
    { group: '', version: 'v1', resource: 'secrets', kind: 'Secret', namespaced: true, verbs: ['get', 'list'] },
    { group: '', version: 'v1', resource: 'pods', subresource: 'log', kind: 'Pod', namespaced: true, verbs: ['get'] },
    { group: '', version: 'v1', resource: 'pods', kind: 'Pod', namespaced: true, verbs: ['get'] },
    { group: '', version: 'v1', resource: 'nodes', kind: 'Node', namespaced: false, verbs: ['get'] },
    { group: '', version: 'v1', resource: 'secrets', kind: 'Secret', namespaced: true, verbs: ['get', 'list'] },
    { group: 'evil\u202E', version: 'v1', resource: '$(alert)', kind: '[x](command:y)', namespaced: true, verbs: [] },
  ];
  assert.deepEqual(
    resourceChoices(discovered).map((choice) => [choice.label, choice.description]),
    [
      ['nodes', 'Node · cluster-scoped · v1'],
      ['pods', 'Pod · namespaced · v1'],
      ['pods/log', 'Pod · namespaced · v1'],
      ['secrets', 'Secret · namespaced · v1'],
      ['deployments.apps', 'Deployment · namespaced · apps/v1'],
      ['$ (alert).evil\\u202E', '[x] (command:y) · namespaced · evil\\u202E/v1'],
    ],
  );
});
