// "What can this ServiceAccount do" through the extension's cluster module against the local API
// server: the RBAC objects listed once and shared, the rules-review fallback through impersonation,
// and the typed answer when neither is allowed.
import assert from 'node:assert/strict';
import { mock, test } from 'node:test';
import { type PermissionsOutcome } from '../../src/cluster';
import { dangersOf } from '../../src/rbac/dangers';
import { permissionsAllow, type ServiceAccountPermissions } from '../../src/rbac/permissions';
import { describeGrant } from '../../src/rbac/ruleText';
import { seedGeneratedRbac } from './seed';
import { localClusterPerFile } from './localClusterPerFile';
import { startLocalCluster, type LocalCluster, type LocalUser } from './server';

const local = localClusterPerFile('permissions', 30_000);
const session = (user?: LocalUser, target?: LocalCluster) => local.session(user, target);

function computed(outcome: PermissionsOutcome): ServiceAccountPermissions & { cost: Extract<PermissionsOutcome, { kind: 'computed' }>['cost'] } {
  assert.equal(outcome.kind, 'computed', outcome.kind === 'unavailable' ? outcome.message : '');
  return { ...outcome.permissions, cost: outcome.cost };
}

const requestLines = (target: LocalCluster = local.cluster) => target.requests.map((request) => `${request.method} ${request.path} ${request.status}`);
const rbacList = (resource: string) => `GET /apis/rbac.authorization.k8s.io/v1/${resource} 200`;

test('as admin: the four RBAC lists once, then every ServiceAccount of the context from them', async () => {
  const admin = await session();
  local.cluster.clearRequests();
  const vault = computed(await admin.serviceAccountPermissions('demo', 'vault-auth'));
  assert.deepEqual(requestLines().sort(), ['clusterrolebindings', 'clusterroles', 'rolebindings', 'roles'].map(rbacList));
  assert.deepEqual(vault.cost, { requests: 4, objectsRead: vault.cost.objectsRead, cached: false });
  assert.ok(vault.cost.objectsRead > 20, `${vault.cost.objectsRead} objects`);
  assert.equal(vault.source, 'rbac-objects');
  const secrets = vault.grants.find((grant) => grant.via?.binding.name === 'vault-auth-secret-reader')!;
  assert.equal(describeGrant(secrets), 'get, list secrets in demo');
  assert.deepEqual(secrets.via, { binding: { kind: 'RoleBinding', name: 'vault-auth-secret-reader', namespace: 'demo' }, role: { kind: 'Role', name: 'secret-reader' }, subject: 'ServiceAccount demo/vault-auth' });
  assert.ok(permissionsAllow(vault, { verb: 'list', group: '', resource: 'secrets', namespace: 'demo' }));
  assert.ok(!permissionsAllow(vault, { verb: 'list', group: '', resource: 'secrets', namespace: 'payments' }));
  assert.ok(permissionsAllow(vault, { verb: 'get', path: '/openid/v1/jwks' }), 'through the group system:serviceaccounts:demo');
  assert.ok(permissionsAllow(vault, { verb: 'list', group: 'apps', resource: 'deployments', namespace: 'demo' }), 'view, aggregated');
  assert.deepEqual(dangersOf(vault).map((danger) => danger.right.id), ['read-secrets']);

  const web = computed(await admin.serviceAccountPermissions('demo', 'web'));
  const ci = computed(await admin.serviceAccountPermissions('demo', 'ci-deployer'));
  assert.equal(local.cluster.requests.length, 4, 'the next ServiceAccounts cost no request');
  assert.deepEqual(web.cost, { requests: 0, objectsRead: vault.cost.objectsRead, cached: true });
  assert.deepEqual(web.missingRoles.map((missing) => `${missing.binding.name} ${missing.role.kind}/${missing.role.name}`), ['web-deployer Role/deployer']);
  assert.ok(permissionsAllow(web, { verb: 'get', group: '', resource: 'secrets', namespace: 'demo', name: 'app-config' }));
  assert.ok(!permissionsAllow(web, { verb: 'get', group: '', resource: 'secrets', namespace: 'demo', name: 'other' }));
  assert.ok(dangersOf(ci).some((danger) => danger.right.id === 'cluster-admin' && danger.where.kind === 'cluster-wide'));
});

test('the shared lists are read again after 30 s, and by a new session (the tree\'s Refresh opens one)', async () => {
  mock.timers.enable({ apis: ['Date'], now: Date.now() });
  try {
    const admin = await session();
    await admin.serviceAccountPermissions('demo', 'web');
    local.cluster.clearRequests();
    mock.timers.tick(29_000);
    await admin.serviceAccountPermissions('demo', 'web');
    assert.equal(local.cluster.requests.length, 0);
    mock.timers.tick(2_000);
    assert.equal(computed(await admin.serviceAccountPermissions('demo', 'web')).cost.requests, 4);
    await (await session()).serviceAccountPermissions('demo', 'web');
    assert.equal(local.cluster.requests.length, 8);
  } finally {
    mock.timers.reset();
  }
});

test('with the aggregation controller behind, view still grants what its aggregated roles hold', async () => {
  const bare = await startLocalCluster({ clusterRoleAggregation: false });
  try {
    assert.deepEqual(bare.store.get('clusterroles', undefined, 'view')?.rules ?? [], []);
    const web = computed(await (await session('admin', bare)).serviceAccountPermissions('demo', 'web'));
    assert.ok(permissionsAllow(web, { verb: 'list', group: '', resource: 'pods', namespace: 'demo' }));
    assert.ok(web.grants.some((grant) => grant.via?.role.name === 'view'));
  } finally {
    await bare.close();
  }
});

test('as restricted: the lists are refused and impersonation too, so the answer says what to ask for', async () => {
  const restricted = await session('restricted');
  local.cluster.clearRequests();
  const outcome = await restricted.serviceAccountPermissions('demo', 'vault-auth');
  assert.equal(outcome.kind, 'unavailable');
  assert.match(outcome.kind === 'unavailable' ? outcome.message : '', /^You may not list clusterroles, clusterrolebindings, roles, rolebindings \(rbac\.authorization\.k8s\.io\) in all namespaces, nor impersonate ServiceAccount demo\/vault-auth\. Ask for list on .* cluster-wide, or impersonate on serviceaccounts vault-auth in demo\.$/);
  assert.equal(outcome.kind === 'unavailable' ? outcome.askFor : '', 'list on clusterroles, clusterrolebindings, roles, rolebindings (rbac.authorization.k8s.io) cluster-wide, or impersonate on serviceaccounts vault-auth in demo');
  assert.deepEqual(requestLines().filter((line) => line.startsWith('POST')), ['POST /apis/authorization.k8s.io/v1/selfsubjectaccessreviews 201'], 'asked, and no rules review');
  local.cluster.clearRequests();
  await restricted.serviceAccountPermissions('demo', 'web');
  assert.deepEqual(requestLines(), ['POST /apis/authorization.k8s.io/v1/selfsubjectaccessreviews 201'], 'the refused lists are not asked again');
});

test('as a user who may impersonate: a rules review as the ServiceAccount, labelled as such', async () => {
  const impersonator = await session('impersonator');
  local.cluster.clearRequests();
  const vault = computed(await impersonator.serviceAccountPermissions('demo', 'vault-auth'));
  assert.equal(vault.source, 'rules-review');
  assert.equal(vault.incomplete, false);
  assert.deepEqual(requestLines().filter((line) => line.startsWith('POST')), ['POST /apis/authorization.k8s.io/v1/selfsubjectaccessreviews 201', 'POST /apis/authorization.k8s.io/v1/selfsubjectrulesreviews 201']);
  assert.ok(permissionsAllow(vault, { verb: 'list', group: '', resource: 'secrets', namespace: 'demo' }));
  assert.ok(permissionsAllow(vault, { verb: 'get', path: '/openid/v1/jwks' }), 'the server added the ServiceAccount groups');
  assert.ok(vault.grants.every((grant) => grant.via === undefined));
  assert.match(vault.notes.join('\n'), /You may not list .*\n.*SelfSubjectRulesReview as system:serviceaccount:demo:vault-auth: it answers for namespace demo only/);
  assert.deepEqual(dangersOf(vault).map((danger) => danger.right.id), ['read-secrets']);
  const payments = await impersonator.serviceAccountPermissions('payments', 'vault-auth');
  assert.equal(payments.kind, 'unavailable', 'no impersonate right in payments');
});

test('a name that is not a ServiceAccount name is refused before any request', async () => {
  const admin = await session();
  local.cluster.clearRequests();
  for (const [namespace, name] of [['demo', 'web\u202e'], ['demo', 'x'.repeat(100_000)], ['demo\r\nX-Injected: 1', 'web'], ['', 'web']]) {
    await assert.rejects(admin.serviceAccountPermissions(namespace, name), (error: Error & { kind?: string }) => error.kind === 'invalid' && error.message.length < 300);
  }
  assert.equal(local.cluster.requests.length, 0);
});

test('a cancelled question rejects as cancelled; the shared lists still arrive for the next', async () => {
  const admin = await session();
  local.cluster.clearRequests();
  const abort = new AbortController();
  const asked = admin.serviceAccountPermissions('demo', 'web', abort.signal);
  abort.abort();
  await assert.rejects(asked, (error: Error & { kind?: string }) => error.kind === 'cancelled');
  computed(await admin.serviceAccountPermissions('demo', 'web'));
  assert.equal(local.cluster.requests.length, 4);
});

test('RoleBindings beyond one page of 2,000 are read page by page, and none is missed', async () => {
  const large = await startLocalCluster({ namespaces: 50, serviceAccountsPerNamespace: 1 });
  try {
    seedGeneratedRbac(large.store, { clusterRoles: 10, roleBindings: 4500 });
    const outcome = computed(await (await session('admin', large)).serviceAccountPermissions('ns-049', 'sa-00'));
    // clusterroles, clusterrolebindings and roles 1 page each, rolebindings 3 (2,000 + 2,000 + 500).
    assert.equal(outcome.cost.requests, 6);
    assert.equal(large.requests.filter((request) => request.path.endsWith('/rolebindings') && request.query.includes('continue=')).length, 2);
    // Pages follow namespace/name order, so ns-049's bindings are all on the last page; binding-4449 names sa-00.
    assert.ok(outcome.grants.some((grant) => grant.via?.binding.name === 'binding-4449'), 'a binding from the last page is counted');
  } finally {
    await large.close();
  }
});

test('500 namespaces, 2,000 RoleBindings, 300 ClusterRoles: a bounded number of paged list requests', async () => {
  const large = await startLocalCluster({ namespaces: 500, serviceAccountsPerNamespace: 1 });
  try {
    seedGeneratedRbac(large.store, { clusterRoles: 300, roleBindings: 2000 });
    const outcome = computed(await (await session('admin', large)).serviceAccountPermissions('ns-000', 'sa-00'));
    // Pages of 2,000: one request per list.
    assert.equal(requestLines(large).filter((line) => line.startsWith('GET')).length, outcome.cost.requests);
    assert.equal(outcome.cost.requests, 4);
    assert.ok(outcome.cost.objectsRead > 2800, `${outcome.cost.objectsRead} objects`);
    // RoleBindings 0 and 1500 name sa-00, 1000 its namespace's group; all three the Role configmap-reader.
    const generated = outcome.grants.filter((grant) => grant.via?.binding.name.startsWith('binding-'));
    assert.deepEqual(generated.map((grant) => `${grant.via?.binding.name}: ${describeGrant(grant)}`), [
      'binding-0000: get, list, watch configmaps in ns-000',
      'binding-1000: get, list, watch configmaps in ns-000',
      'binding-1500: get, list, watch configmaps in ns-000',
    ]);
  } finally {
    await large.close();
  }
});
