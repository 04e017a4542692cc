// RBAC over HTTPS: the rbac.authorization.k8s.io/v1 objects, the authorization.k8s.io/v1 reviews and
// impersonation, answered as a real kube-apiserver answers them (shared/reference/kubernetes-rbac-api.md
// for what was seen on v1.24, the kube-apiserver sources named in the handlers for the rest).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { isDeepStrictEqual } from 'node:util';
import { exchange, type Exchange } from './fidelityExchange';
import { startLocalCluster, type LocalCluster } from './server';

let cluster: LocalCluster;

before(async () => {
  cluster = await startLocalCluster();
});

after(() => cluster.close());

const rbac = '/apis/rbac.authorization.k8s.io/v1';
const reviews = '/apis/authorization.k8s.io/v1';
const asAccount = (name: string, namespace = 'demo') => ({ 'Impersonate-User': `system:serviceaccount:${namespace}:${name}` });

async function call(request: Exchange): Promise<{ status: number; body: Record<string, unknown> & { message?: string; status?: Record<string, unknown> } }> {
  const answer = await exchange(cluster, request);
  return { status: answer.status, body: (answer.json ?? { text: answer.text }) as Record<string, unknown> };
}

const sar = (spec: Record<string, unknown>) => ({ apiVersion: 'authorization.k8s.io/v1', kind: 'SubjectAccessReview', spec });
const serviceAccountGroups = ['system:serviceaccounts', 'system:serviceaccounts:demo', 'system:authenticated'];

test('SubjectAccessReview: allowed with the binding named, denied with no reason, and groups never implied', async () => {
  const allowed = await call({
    path: `${reviews}/subjectaccessreviews`,
    body: sar({ user: 'system:serviceaccount:demo:vault-auth', groups: serviceAccountGroups, resourceAttributes: { namespace: 'demo', verb: 'list', resource: 'secrets' } }),
    headers: { 'User-Agent': 'kubectl/v1.32.4 (linux/amd64)' },
  });
  assert.equal(allowed.status, 201);
  assert.deepEqual(allowed.body.status, { allowed: true, reason: 'RBAC: allowed by RoleBinding "vault-auth-secret-reader/demo" of Role "secret-reader" to ServiceAccount "vault-auth/demo"' });
  const metadata = allowed.body.metadata as { creationTimestamp: unknown; managedFields: { manager: string }[] };
  assert.equal(metadata.creationTimestamp, null);
  assert.equal(metadata.managedFields[0].manager, 'kubectl');
  const viaGroup = await call({ path: `${reviews}/subjectaccessreviews`, body: sar({ user: 'system:serviceaccount:demo:web', groups: serviceAccountGroups, resourceAttributes: { namespace: 'demo', verb: 'get', resource: 'configmaps' } }) });
  assert.deepEqual(viaGroup.body.status, { allowed: true, reason: 'RBAC: allowed by RoleBinding "demo-serviceaccounts-view/demo" of ClusterRole "view" to Group "system:serviceaccounts:demo"' });
  const withoutGroups = await call({ path: `${reviews}/subjectaccessreviews`, body: sar({ user: 'system:serviceaccount:demo:default', resourceAttributes: { namespace: 'demo', verb: 'get', resource: 'configmaps' } }) });
  assert.deepEqual(withoutGroups.body.status, { allowed: false });
  const nonResource = await call({ path: `${reviews}/subjectaccessreviews`, body: sar({ user: 'x', groups: ['system:serviceaccounts'], nonResourceAttributes: { path: '/openid/v1/jwks', verb: 'get' } }) });
  assert.deepEqual(nonResource.body.status, { allowed: true, reason: 'RBAC: allowed by ClusterRoleBinding "system:service-account-issuer-discovery" of ClusterRole "system:service-account-issuer-discovery" to Group "system:serviceaccounts"' });
  const masters = await call({ path: `${reviews}/subjectaccessreviews`, body: sar({ user: 'root', groups: ['system:masters'], resourceAttributes: { verb: 'delete', resource: 'nodes' } }) });
  assert.deepEqual(masters.body.status, { allowed: true });
});

test('SubjectAccessReview: refused without a subject (422), and to a user who may not create one (403)', async () => {
  const invalid = await call({ path: `${reviews}/subjectaccessreviews`, body: sar({ resourceAttributes: { verb: 'get', resource: 'pods' } }) });
  assert.equal(invalid.status, 422);
  assert.equal(invalid.body.message, '.authorization.k8s.io "" is invalid: spec.user: Invalid value: "": at least one of user or group must be specified');
  assert.deepEqual(invalid.body.details, { group: 'authorization.k8s.io', causes: [{ reason: 'FieldValueInvalid', message: 'Invalid value: "": at least one of user or group must be specified', field: 'spec.user' }] });
  const empty = await call({ path: `${reviews}/subjectaccessreviews`, body: sar({}) });
  assert.equal(
    empty.body.message,
    '.authorization.k8s.io "" is invalid: [spec.resourceAttributes: Invalid value: "null": exactly one of nonResourceAttributes or resourceAttributes must be specified, spec.user: Invalid value: "": at least one of user or group must be specified]',
  );
  const forbidden = await call({ user: 'restricted', path: `${reviews}/subjectaccessreviews`, body: sar({ user: 'x', resourceAttributes: { verb: 'get', resource: 'pods' } }) });
  assert.equal(forbidden.status, 403);
  assert.equal(forbidden.body.message, 'subjectaccessreviews.authorization.k8s.io is forbidden: User "restricted" cannot create resource "subjectaccessreviews" in API group "authorization.k8s.io" at the cluster scope');
  assert.deepEqual(forbidden.body.details, { group: 'authorization.k8s.io', kind: 'subjectaccessreviews' });
});

test('LocalSubjectAccessReview: the namespace of the URL and of the attributes must agree', async () => {
  const path = `${reviews}/namespaces/demo/localsubjectaccessreviews`;
  const body = (namespace: string) => ({ apiVersion: 'authorization.k8s.io/v1', kind: 'LocalSubjectAccessReview', spec: { user: 'restricted', resourceAttributes: { namespace, verb: 'list', resource: 'pods' } } });
  assert.deepEqual((await call({ path, body: body('demo') })).body.status, { allowed: true, reason: 'RBAC: allowed by RoleBinding "restricted-serviceaccount-reader/demo" of ClusterRole "serviceaccount-reader" to User "restricted"' });
  const mismatch = await call({ path, body: body('payments') });
  assert.deepEqual([mismatch.status, mismatch.body.message], [400, 'spec.resourceAttributes.namespace must match namespace: demo']);
});

test('SelfSubjectAccessReview and SelfSubjectRulesReview as an impersonated ServiceAccount, which gets its groups', async () => {
  const self = await call({
    path: `${reviews}/selfsubjectaccessreviews`,
    body: { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectAccessReview', spec: { resourceAttributes: { namespace: 'demo', verb: 'get', resource: 'pods' } } },
    headers: asAccount('default'),
  });
  assert.deepEqual(self.body.status, { allowed: true, reason: 'RBAC: allowed by RoleBinding "demo-serviceaccounts-view/demo" of ClusterRole "view" to Group "system:serviceaccounts:demo"' });
  const rules = await call({ path: `${reviews}/selfsubjectrulesreviews`, body: { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectRulesReview', spec: { namespace: 'demo' } }, headers: asAccount('vault-auth') });
  assert.equal(rules.status, 201);
  assert.deepEqual(rules.body.metadata, { creationTimestamp: null });
  assert.deepEqual(rules.body.spec, {});
  const status = rules.body.status as { resourceRules: Record<string, unknown>[]; nonResourceRules: { nonResourceURLs: string[] }[]; incomplete: boolean; evaluationError?: string };
  assert.deepEqual(status.resourceRules[0], { verbs: ['create'], apiGroups: ['authorization.k8s.io'], resources: ['selfsubjectaccessreviews', 'selfsubjectrulesreviews'] });
  assert.ok(status.resourceRules.some((rule) => isDeepStrictEqual(rule, { verbs: ['get', 'list'], apiGroups: [''], resources: ['secrets'] })));
  assert.equal(status.nonResourceRules.filter((rule) => rule.nonResourceURLs.includes('/openid/v1/jwks')).length, 2, 'two bindings grant the issuer documents, and both are listed');
  assert.equal(status.incomplete, false);
  assert.equal(status.evaluationError, undefined);
  const web = await call({ path: `${reviews}/selfsubjectrulesreviews`, body: { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectRulesReview', spec: { namespace: 'demo' } }, headers: asAccount('web') });
  const webStatus = web.body.status as { resourceRules: Record<string, unknown>[]; incomplete: boolean; evaluationError: string };
  assert.deepEqual([webStatus.incomplete, webStatus.evaluationError], [false, 'role.rbac.authorization.k8s.io "deployer" not found']);
  assert.ok(webStatus.resourceRules.some((rule) => isDeepStrictEqual(rule, { verbs: ['get'], apiGroups: [''], resources: ['secrets'], resourceNames: ['app-config'] })));
  const noNamespace = await call({ path: `${reviews}/selfsubjectrulesreviews`, body: { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectRulesReview', spec: {} } });
  assert.deepEqual([noNamespace.status, noNamespace.body.message], [400, 'no namespace on request']);
});

test('impersonation: the verb impersonate on what is asked, refused in the filter\'s words; asked groups replace a ServiceAccount\'s', async () => {
  const refused = await call({ user: 'restricted', path: '/api/v1/namespaces/demo/pods', headers: asAccount('vault-auth') });
  assert.equal(refused.status, 403);
  assert.equal(refused.body.message, 'serviceaccounts "vault-auth" is forbidden: User "restricted" cannot impersonate resource "serviceaccounts" in API group "" in the namespace "demo"');
  assert.deepEqual(refused.body.details, { name: 'vault-auth', kind: 'serviceaccounts' });
  const user = await call({ user: 'restricted', path: '/version', headers: { 'Impersonate-User': 'alice' } });
  assert.equal(user.body.message, 'users "alice" is forbidden: User "restricted" cannot impersonate resource "users" in API group "" at the cluster scope');
  const whoami = async (headers: Record<string, string>) =>
    ((await call({ path: '/apis/authentication.k8s.io/v1/selfsubjectreviews', body: { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' }, headers })).body.status as { userInfo: unknown }).userInfo;
  assert.deepEqual(await whoami(asAccount('web')), { username: 'system:serviceaccount:demo:web', groups: serviceAccountGroups });
  assert.deepEqual(await whoami({ ...asAccount('web'), 'Impersonate-Group': 'auditors', 'Impersonate-Uid': 'u-1' }), { username: 'system:serviceaccount:demo:web', uid: 'u-1', groups: ['auditors', 'system:authenticated'] });
  const groupOnly = await exchange(cluster, { path: '/api/v1/namespaces', headers: { 'Impersonate-Group': 'system:masters' } });
  assert.equal(groupOnly.status, 500);
  assert.equal(groupOnly.text, 'Internal Server Error: "/api/v1/namespaces": requested [{Group  system:masters    }] without impersonating a user\n');
  const asWeb = await call({ path: '/api/v1/namespaces/demo/secrets/other', headers: asAccount('web') });
  assert.equal(asWeb.body.message, 'secrets "other" is forbidden: User "system:serviceaccount:demo:web" cannot get resource "secrets" in API group "" in the namespace "demo": RBAC: role.rbac.authorization.k8s.io "deployer" not found');
});

test('RBAC objects: paged lists, Tables, get, and NotFound in the group\'s words', async () => {
  const first = await call({ path: `${rbac}/clusterroles?limit=5` });
  const firstMetadata = first.body.metadata as { continue: string; remainingItemCount: number };
  assert.deepEqual([first.body.kind, first.body.apiVersion, (first.body.items as unknown[]).length], ['ClusterRoleList', 'rbac.authorization.k8s.io/v1', 5]);
  assert.ok(firstMetadata.continue && firstMetadata.remainingItemCount > 0);
  const rest = await call({ path: `${rbac}/clusterroles?limit=500&continue=${firstMetadata.continue}` });
  const names = [...(first.body.items as { metadata: { name: string } }[]), ...(rest.body.items as { metadata: { name: string } }[])].map((item) => item.metadata.name);
  assert.equal(names.length, 5 + firstMetadata.remainingItemCount);
  assert.ok(names.includes('cluster-admin') && names.includes('view'));
  assert.equal((rest.body.metadata as { continue?: string }).continue, undefined);
  const bindings = await call({ path: `${rbac}/namespaces/payments/rolebindings` });
  assert.deepEqual((bindings.body.items as { metadata: { name: string } }[]).map((item) => item.metadata.name), ['restricted-serviceaccount-reader']);
  const tableAnswer = await exchange(cluster, { path: `${rbac}/namespaces/demo/rolebindings?fieldSelector=metadata.name%3Dvault-auth-secret-reader`, headers: { Accept: 'application/json;as=Table;v=v1;g=meta.k8s.io' } });
  const table = tableAnswer.json as { columnDefinitions: { name: string }[]; rows: { cells: unknown[] }[] };
  assert.deepEqual(table.columnDefinitions.map((column) => column.name), ['Name', 'Role', 'Age', 'Users', 'Groups', 'ServiceAccounts']);
  assert.deepEqual(table.rows.map((row) => [row.cells[0], row.cells[1], row.cells[5]]), [['vault-auth-secret-reader', 'Role/secret-reader', 'demo/vault-auth']]);
  const view = await call({ path: `${rbac}/clusterroles/view` });
  assert.deepEqual(view.body.aggregationRule, { clusterRoleSelectors: [{ matchLabels: { 'rbac.authorization.k8s.io/aggregate-to-view': 'true' } }] });
  assert.ok((view.body.rules as unknown[]).length > 0);
  const missing = await call({ path: `${rbac}/namespaces/demo/roles/nope` });
  assert.deepEqual([missing.status, missing.body.message, missing.body.details], [404, 'roles.rbac.authorization.k8s.io "nope" not found', { name: 'nope', group: 'rbac.authorization.k8s.io', kind: 'roles' }]);
  const selector = await call({ path: `${rbac}/clusterroles?fieldSelector=rules.verbs%3Dget` });
  assert.deepEqual([selector.status, selector.body.message], [400, '"rules.verbs" is not a known field selector: only "metadata.name", "metadata.namespace"']);
  const restricted = await call({ user: 'restricted', path: `${rbac}/namespaces/demo/roles` });
  assert.equal(restricted.body.message, 'roles.rbac.authorization.k8s.io is forbidden: User "restricted" cannot list resource "roles" in API group "rbac.authorization.k8s.io" in the namespace "demo"');
});

test('RBAC objects: create, conflict, validation, update and delete, and the rights follow at once', async () => {
  const binding = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: 'default-pods' }, subjects: [{ kind: 'User', name: 'carol' }], roleRef: { kind: 'ClusterRole', name: 'view' } };
  const path = `${rbac}/namespaces/demo/rolebindings`;
  const canCarol = async () =>
    ((await call({ path: `${reviews}/subjectaccessreviews`, body: sar({ user: 'carol', resourceAttributes: { namespace: 'demo', verb: 'list', resource: 'pods' } }) })).body.status as { allowed: boolean }).allowed;
  assert.equal(await canCarol(), false);
  const created = await call({ path, body: binding });
  assert.equal(created.status, 201);
  assert.deepEqual(created.body.subjects, [{ kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: 'carol' }], 'the RBAC group is defaulted');
  assert.deepEqual(created.body.roleRef, { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' });
  assert.equal(await canCarol(), true);
  const again = await call({ path, body: binding });
  assert.deepEqual([again.status, again.body.reason, again.body.message], [409, 'AlreadyExists', 'rolebindings.rbac.authorization.k8s.io "default-pods" already exists']);
  const invalid = await call({ path, body: { ...binding, metadata: {}, roleRef: { kind: 'Secret', name: '' } } });
  assert.equal(invalid.status, 422);
  assert.equal(
    invalid.body.message,
    'RoleBinding.rbac.authorization.k8s.io "" is invalid: [metadata.name: Required value: name or generateName is required, roleRef.kind: Unsupported value: "Secret": supported values: "Role", "ClusterRole", roleRef.name: Required value]',
  );
  const role = await call({ path: `${rbac}/namespaces/demo/roles`, body: { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'bad' }, rules: [{ resources: ['pods'] }, { verbs: ['get'], nonResourceURLs: ['/x'] }] } });
  assert.equal(
    role.body.message,
    'Role.rbac.authorization.k8s.io "bad" is invalid: [rules[0].verbs: Required value: verbs must contain at least one value, rules[0].apiGroups: Required value: resource rules must supply at least one api group, rules[1].nonResourceURLs: Invalid value: []string{"/x"}: namespaced rules cannot apply to non-resource URLs]',
  );
  const changed = await call({ method: 'PUT', path: `${path}/default-pods`, body: { ...binding, roleRef: { kind: 'ClusterRole', name: 'edit' } } });
  assert.equal(changed.status, 422);
  assert.match(String(changed.body.message), /roleRef: Invalid value: rbac\.RoleRef\{APIGroup:"rbac\.authorization\.k8s\.io", Kind:"ClusterRole", Name:"edit"\}: cannot change roleRef/);
  const stale = await call({ method: 'PUT', path: `${path}/default-pods`, body: { ...binding, metadata: { name: 'default-pods', resourceVersion: '1' } } });
  assert.deepEqual([stale.status, stale.body.reason], [409, 'Conflict']);
  const updated = await call({ method: 'PUT', path: `${path}/default-pods`, body: { ...binding, subjects: [{ kind: 'User', name: 'dave' }] } });
  assert.equal(updated.status, 200);
  assert.equal(await canCarol(), false);
  const deleted = await call({ method: 'DELETE', path: `${path}/default-pods` });
  assert.deepEqual(deleted.body, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details: { name: 'default-pods', group: 'rbac.authorization.k8s.io', kind: 'rolebindings', uid: (created.body.metadata as { uid: string }).uid } });
  assert.equal((await call({ method: 'DELETE', path: `${path}/default-pods` })).status, 404);
  const nowhere = await call({ path: `${rbac}/namespaces/nowhere/rolebindings`, body: binding });
  assert.deepEqual([nowhere.status, nowhere.body.message], [404, 'namespaces "nowhere" not found']);
});

test('RBAC objects: a writer without system:masters may grant only what it holds, or what it may bind', async () => {
  // Let the ServiceAccount demo/default manage RoleBindings in demo (admin would also give it every right it binds).
  await call({ path: `${rbac}/namespaces/demo/roles`, body: { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'binder' }, rules: [{ apiGroups: ['rbac.authorization.k8s.io'], resources: ['rolebindings'], verbs: ['create'] }] } });
  await call({ path: `${rbac}/namespaces/demo/rolebindings`, body: { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: 'default-binder' }, subjects: [{ kind: 'ServiceAccount', name: 'default' }], roleRef: { kind: 'Role', name: 'binder' } } });
  const grant = (name: string, roleRef: { kind: string; name: string }) =>
    call({ path: `${rbac}/namespaces/demo/rolebindings`, headers: asAccount('default'), body: { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name }, subjects: [{ kind: 'User', name: 'erin' }], roleRef } });
  assert.equal((await grant('erin-view', { kind: 'ClusterRole', name: 'view' })).status, 201, 'view is within what demo\'s ServiceAccounts hold');
  const escalating = await grant('erin-secrets', { kind: 'Role', name: 'secret-reader' });
  assert.equal(escalating.status, 403);
  assert.equal(
    escalating.body.message,
    'rolebindings.rbac.authorization.k8s.io "erin-secrets" is forbidden: user "system:serviceaccount:demo:default" (groups=["system:serviceaccounts" "system:serviceaccounts:demo" "system:authenticated"]) is attempting to grant RBAC permissions not currently held:\n{APIGroups:[""], Resources:["secrets"], Verbs:["get" "list"]}',
  );
  const missingRole = await grant('erin-ghost', { kind: 'Role', name: 'ghost' });
  assert.deepEqual([missingRole.status, missingRole.body.message], [404, 'roles.rbac.authorization.k8s.io "ghost" not found']);
  await call({ path: `${rbac}/namespaces/demo/roles`, body: { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'bind-secret-reader' }, rules: [{ apiGroups: ['rbac.authorization.k8s.io'], resources: ['roles'], resourceNames: ['secret-reader'], verbs: ['bind'] }] } });
  await call({ path: `${rbac}/namespaces/demo/rolebindings`, body: { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: 'default-bind' }, subjects: [{ kind: 'ServiceAccount', name: 'default' }], roleRef: { kind: 'Role', name: 'bind-secret-reader' } } });
  assert.equal((await grant('erin-secrets', { kind: 'Role', name: 'secret-reader' })).status, 201, 'bind on the role is enough');
  for (const [resource, name] of [['roles', 'binder'], ['rolebindings', 'default-binder'], ['roles', 'bind-secret-reader'], ['rolebindings', 'default-bind'], ['rolebindings', 'erin-view'], ['rolebindings', 'erin-secrets']]) {
    assert.equal((await call({ method: 'DELETE', path: `${rbac}/namespaces/demo/${resource}/${name}` })).status, 200);
  }
});

test('a ClusterRole written with an aggregation label reaches view, edit and admin, unless the server runs without the controller', async () => {
  const widgets = { apiGroups: ['example.com'], resources: ['widgets'], verbs: ['get'] };
  const created = await call({ path: `${rbac}/clusterroles`, body: { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'widget-viewer', labels: { 'rbac.authorization.k8s.io/aggregate-to-view': 'true' } }, rules: [widgets] } });
  assert.equal(created.status, 201);
  for (const name of ['view', 'edit', 'admin']) {
    const role = await call({ path: `${rbac}/clusterroles/${name}` });
    assert.ok((role.body.rules as unknown[]).some((rule) => isDeepStrictEqual(rule, widgets)), name);
  }
  await call({ method: 'DELETE', path: `${rbac}/clusterroles/widget-viewer` });
  assert.ok(!((await call({ path: `${rbac}/clusterroles/admin` })).body.rules as unknown[]).some((rule) => isDeepStrictEqual(rule, widgets)));
  const bare = await startLocalCluster({ clusterRoleAggregation: false });
  try {
    const edit = (await exchange(bare, { path: `${rbac}/clusterroles/edit` })).json as { rules: unknown; aggregationRule: unknown };
    assert.equal(edit.rules, null, 'a bare kube-apiserver leaves aggregated roles empty (reference)');
    assert.ok(edit.aggregationRule);
  } finally {
    await bare.close();
  }
});

test('discovery: the RBAC and authorization groups, with their resources', async () => {
  const groups = ((await call({ path: '/apis' })).body.groups as { name: string }[]).map((group) => group.name);
  assert.deepEqual(groups, ['apps', 'authentication.k8s.io', 'authorization.k8s.io', 'batch', 'rbac.authorization.k8s.io']);
  const rbacList = (await call({ path: rbac })).body.resources as { name: string; namespaced: boolean; kind: string }[];
  assert.deepEqual(rbacList.map((resource) => [resource.name, resource.namespaced, resource.kind]), [
    ['clusterrolebindings', false, 'ClusterRoleBinding'],
    ['clusterroles', false, 'ClusterRole'],
    ['rolebindings', true, 'RoleBinding'],
    ['roles', true, 'Role'],
  ]);
  const reviewList = (await call({ path: reviews })).body.resources as { name: string; verbs: string[] }[];
  assert.deepEqual(reviewList.map((resource) => resource.name), ['localsubjectaccessreviews', 'selfsubjectaccessreviews', 'selfsubjectrulesreviews', 'subjectaccessreviews']);
  assert.deepEqual((await call({ path: `${rbac}/widgets` })).status, 404);
});
