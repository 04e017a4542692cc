// The resolver: which bindings name a ServiceAccount (directly, as its user, through its groups),
// the rules of their roles (aggregation included), where they hold, and bindings to missing roles.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { permissionsAllow, permissionsFromObjects, permissionsFromRulesReview } from '../../../src/rbac/permissions';
import { describeGrant } from '../../../src/rbac/ruleText';
import type { ClusterRole, PolicyRule, RbacObjects, Role, RoleBinding, Subject } from '../../../src/rbac/types';

const rbac = 'rbac.authorization.k8s.io';
const secretsReader: PolicyRule = { verbs: ['get', 'list'], apiGroups: [''], resources: ['secrets'] };
const sa = (name: string, namespace?: string): Subject => ({ kind: 'ServiceAccount', name, ...(namespace ? { namespace } : {}) });
const group = (name: string): Subject => ({ kind: 'Group', apiGroup: rbac, name });
const user = (name: string): Subject => ({ kind: 'User', apiGroup: rbac, name });
const roleBinding = (namespace: string, name: string, roleKind: string, roleName: string, subjects: Subject[]): RoleBinding => ({ metadata: { name, namespace }, roleRef: { apiGroup: rbac, kind: roleKind, name: roleName }, subjects });
const clusterRoleBinding = (name: string, roleName: string, subjects: Subject[]): RoleBinding => ({ metadata: { name }, roleRef: { apiGroup: rbac, kind: 'ClusterRole', name: roleName }, subjects });
const objects = (parts: Partial<RbacObjects>): RbacObjects => ({ clusterRoles: [], clusterRoleBindings: [], roles: [], roleBindings: [], ...parts });
const role = (namespace: string, name: string, rules: PolicyRule[]): Role => ({ metadata: { name, namespace }, rules });
const app = { namespace: 'demo', name: 'app' };
const texts = (objectsGiven: RbacObjects) => permissionsFromObjects(objectsGiven, app).grants.map((grant) => `${describeGrant(grant)} ← ${grant.via?.subject}`);

test('a Role through a RoleBinding: its rules in that namespace only', () => {
  const permissions = permissionsFromObjects(objects({ roles: [role('demo', 'secret-reader', [secretsReader])], roleBindings: [roleBinding('demo', 'app-secrets', 'Role', 'secret-reader', [sa('app', 'demo')])] }), app);
  assert.deepEqual(permissions.grants, [
    { rule: secretsReader, scope: { kind: 'namespace', namespace: 'demo' }, via: { binding: { kind: 'RoleBinding', name: 'app-secrets', namespace: 'demo' }, role: { kind: 'Role', name: 'secret-reader' }, subject: 'ServiceAccount demo/app' } },
  ]);
  assert.ok(permissionsAllow(permissions, { verb: 'get', group: '', resource: 'secrets', namespace: 'demo', name: 'x' }));
  assert.ok(!permissionsAllow(permissions, { verb: 'get', group: '', resource: 'secrets', namespace: 'other' }));
  assert.ok(!permissionsAllow(permissions, { verb: 'get', group: '', resource: 'secrets' }), 'not across all namespaces');
});

test('a RoleBinding to a ClusterRole is scoped to its namespace; a ClusterRoleBinding holds everywhere', () => {
  const clusterRoles: ClusterRole[] = [{ metadata: { name: 'reader' }, rules: [secretsReader] }];
  const scoped = permissionsFromObjects(objects({ clusterRoles, roleBindings: [roleBinding('demo', 'b', 'ClusterRole', 'reader', [sa('app', 'demo')])] }), app);
  assert.deepEqual(scoped.grants.map(describeGrant), ['get, list secrets in demo']);
  assert.ok(!permissionsAllow(scoped, { verb: 'list', group: '', resource: 'secrets', namespace: 'payments' }));
  const everywhere = permissionsFromObjects(objects({ clusterRoles, clusterRoleBindings: [clusterRoleBinding('b', 'reader', [sa('app', 'demo')])] }), app);
  assert.deepEqual(everywhere.grants.map(describeGrant), ['get, list secrets cluster-wide']);
  assert.ok(permissionsAllow(everywhere, { verb: 'list', group: '', resource: 'secrets', namespace: 'payments' }));
  assert.ok(permissionsAllow(everywhere, { verb: 'list', group: '', resource: 'secrets' }));
});

test('subjects: the ServiceAccount, its user name, its groups; a namespace-less ServiceAccount subject means the RoleBinding\'s', () => {
  const clusterRoles: ClusterRole[] = [{ metadata: { name: 'reader' }, rules: [secretsReader] }];
  const bindings = [
    roleBinding('demo', 'by-group-ns', 'ClusterRole', 'reader', [group('system:serviceaccounts:demo')]),
    roleBinding('demo', 'by-group-all', 'ClusterRole', 'reader', [group('system:serviceaccounts')]),
    roleBinding('demo', 'by-authenticated', 'ClusterRole', 'reader', [group('system:authenticated')]),
    roleBinding('demo', 'by-user', 'ClusterRole', 'reader', [user('system:serviceaccount:demo:app')]),
    roleBinding('demo', 'by-local-sa', 'ClusterRole', 'reader', [sa('app')]),
    roleBinding('payments', 'other-namespace-local-sa', 'ClusterRole', 'reader', [sa('app')]),
    roleBinding('demo', 'other-group', 'ClusterRole', 'reader', [group('system:serviceaccounts:payments')]),
    roleBinding('demo', 'other-user', 'ClusterRole', 'reader', [user('system:serviceaccount:demo:app2')]),
    roleBinding('demo', 'other-kind', 'ClusterRole', 'reader', [{ kind: 'Robot', name: 'app', namespace: 'demo' }]),
  ];
  const crb = [clusterRoleBinding('no-namespace', 'reader', [sa('app')]), clusterRoleBinding('by-sa-in-crb', 'reader', [user('someone'), sa('app', 'demo')])];
  const found = permissionsFromObjects(objects({ clusterRoles, roleBindings: bindings, clusterRoleBindings: crb }), app).grants.map((grant) => `${grant.via?.binding.name}: ${grant.via?.subject}`);
  assert.deepEqual(found, [
    'by-sa-in-crb: ServiceAccount demo/app',
    'by-authenticated: group system:authenticated',
    'by-group-all: group system:serviceaccounts',
    'by-group-ns: group system:serviceaccounts:demo',
    'by-local-sa: ServiceAccount demo/app',
    'by-user: user system:serviceaccount:demo:app',
  ]);
});

test('aggregated ClusterRoles: the stored rules and those of every role the selectors match, followed through', () => {
  const podsReader: PolicyRule = { verbs: ['get'], apiGroups: [''], resources: ['pods'] };
  const deploymentsReader: PolicyRule = { verbs: ['get'], apiGroups: ['apps'], resources: ['deployments'] };
  const clusterRoles: ClusterRole[] = [
    // As a bare kube-apiserver leaves them: aggregationRule, no rules yet.
    { metadata: { name: 'admin' }, aggregationRule: { clusterRoleSelectors: [{ matchLabels: { 'aggregate-to-admin': 'true' } }] } },
    { metadata: { name: 'edit', labels: { 'aggregate-to-admin': 'true' } }, rules: [], aggregationRule: { clusterRoleSelectors: [{ matchLabels: { 'aggregate-to-edit': 'true' } }] } },
    { metadata: { name: 'pods', labels: { 'aggregate-to-edit': 'true' } }, rules: [podsReader] },
    { metadata: { name: 'deployments', labels: { 'aggregate-to-edit': 'true', tier: 'x' } }, rules: [deploymentsReader, podsReader] },
    { metadata: { name: 'unlabelled' }, rules: [secretsReader] },
    { metadata: { name: 'loop-a', labels: { loop: 'b' } }, rules: [podsReader], aggregationRule: { clusterRoleSelectors: [{ matchLabels: { loop: 'a' } }] } },
    { metadata: { name: 'loop-b', labels: { loop: 'a' } }, rules: [deploymentsReader], aggregationRule: { clusterRoleSelectors: [{ matchExpressions: [{ key: 'loop', operator: 'In', values: ['b'] }] }] } },
  ];
  const bound = (name: string) => texts(objects({ clusterRoles, roleBindings: [roleBinding('demo', 'b', 'ClusterRole', name, [sa('app', 'demo')])] }));
  assert.deepEqual(bound('admin'), ['get pods in demo ← ServiceAccount demo/app', 'get deployments.apps in demo ← ServiceAccount demo/app'], 'distinct rules, through edit');
  assert.deepEqual(bound('loop-a'), ['get pods in demo ← ServiceAccount demo/app', 'get deployments.apps in demo ← ServiceAccount demo/app'], 'a cycle ends');
  const withStored: ClusterRole[] = [{ metadata: { name: 'view' }, rules: [secretsReader], aggregationRule: { clusterRoleSelectors: [{ matchLabels: { v: '1' } }] } }, { metadata: { name: 'p', labels: { v: '1' } }, rules: [podsReader] }];
  assert.deepEqual(texts(objects({ clusterRoles: withStored, roleBindings: [roleBinding('demo', 'b', 'ClusterRole', 'view', [sa('app', 'demo')])] })).length, 2, 'what the controller stored, and what it would add');
});

test('a binding to a role that does not exist is reported, and grants nothing', () => {
  const permissions = permissionsFromObjects(
    objects({
      roles: [role('other', 'deployer', [secretsReader])],
      roleBindings: [roleBinding('demo', 'app-deployer', 'Role', 'deployer', [sa('app', 'demo')])],
      clusterRoleBindings: [clusterRoleBinding('ghost', 'ghost', [sa('app', 'demo')]), { metadata: { name: 'role-in-crb' }, roleRef: { kind: 'Role', name: 'deployer' }, subjects: [sa('app', 'demo')] }],
    }),
    app,
  );
  assert.deepEqual(permissions.grants, []);
  assert.deepEqual(permissions.missingRoles.map((missing) => `${missing.binding.kind} ${missing.binding.name} → ${missing.role.kind} ${missing.role.name}`), [
    'ClusterRoleBinding ghost → ClusterRole ghost',
    'ClusterRoleBinding role-in-crb → Role deployer',
    'RoleBinding app-deployer → Role deployer',
  ]);
});

test('non-resource URLs: granted by ClusterRoleBindings; through a RoleBinding they grant nothing', () => {
  const clusterRoles: ClusterRole[] = [{ metadata: { name: 'discovery' }, rules: [{ verbs: ['get'], nonResourceURLs: ['/healthz'] }] }];
  const local = permissionsFromObjects(objects({ clusterRoles, roleBindings: [roleBinding('demo', 'b', 'ClusterRole', 'discovery', [sa('app', 'demo')])] }), app);
  assert.deepEqual(local.grants, []);
  const global = permissionsFromObjects(objects({ clusterRoles, clusterRoleBindings: [clusterRoleBinding('b', 'discovery', [sa('app', 'demo')])] }), app);
  assert.deepEqual(global.grants.map(describeGrant), ['get /healthz']);
  assert.ok(permissionsAllow(global, { verb: 'get', path: '/healthz' }));
});

test('grants: cluster-wide first, then namespaces by name', () => {
  const clusterRoles: ClusterRole[] = [{ metadata: { name: 'reader' }, rules: [secretsReader] }];
  const found = texts(
    objects({
      clusterRoles,
      roleBindings: [roleBinding('zeta', 'z', 'ClusterRole', 'reader', [sa('app', 'demo')]), roleBinding('alpha', 'a', 'ClusterRole', 'reader', [sa('app', 'demo')])],
      clusterRoleBindings: [clusterRoleBinding('c', 'reader', [group('system:serviceaccounts')])],
    }),
  );
  assert.deepEqual(found, ['get, list secrets cluster-wide ← group system:serviceaccounts', 'get, list secrets in alpha ← ServiceAccount demo/app', 'get, list secrets in zeta ← ServiceAccount demo/app']);
});

test('a rules review: resource rules in its namespace, URL rules cluster-wide, duplicates once, incomplete and errors carried', () => {
  const url: PolicyRule = { verbs: ['get'], nonResourceURLs: ['/openid/v1/jwks'] };
  const permissions = permissionsFromRulesReview(app, 'demo', { resourceRules: [secretsReader, secretsReader], nonResourceRules: [url, url], incomplete: true, evaluationError: 'webhook unavailable' });
  assert.equal(permissions.source, 'rules-review');
  assert.equal(permissions.incomplete, true);
  assert.deepEqual(permissions.grants.map(describeGrant), ['get /openid/v1/jwks', 'get, list secrets in demo']);
  assert.match(permissions.notes.join('\n'), /answers for namespace demo only[^]*webhook unavailable/);
  assert.ok(permissionsAllow(permissions, { verb: 'get', path: '/openid/v1/jwks' }));
});
