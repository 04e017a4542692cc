// The Show Permissions document: dangers first with their reasons, every rule with its binding, and
// hostile names kept visible and the whole bounded.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { permissionsFromObjects } from '../../../src/rbac/permissions';
import { permissionsFileName, renderPermissionsDocument } from '../../../src/rbac/permissionsDocument';
import type { RbacObjects } from '../../../src/rbac/types';

const ci = { namespace: 'demo', name: 'ci-deployer' };
const cost = { requests: 4, objectsRead: 3, cached: false };

test('cluster-admin: every danger with its reason, then the rules with their binding', () => {
  const rbac: RbacObjects = {
    clusterRoles: [{ metadata: { name: 'cluster-admin' }, rules: [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }, { verbs: ['*'], nonResourceURLs: ['*'] }] }],
    clusterRoleBindings: [{ metadata: { name: 'ci-deployer-cluster-admin' }, roleRef: { kind: 'ClusterRole', name: 'cluster-admin' }, subjects: [{ kind: 'ServiceAccount', name: 'ci-deployer', namespace: 'demo' }] }],
    roles: [],
    roleBindings: [],
  };
  const text = renderPermissionsDocument({ kind: 'computed', permissions: permissionsFromObjects(rbac, ci), cost }, 'local-cluster');
  assert.match(text, /^Permissions of ServiceAccount demo\/ci-deployer\nContext: local-cluster\n\nComputed from the RBAC objects you can list\.\n\nDangerous rights \(8\):\n {2}! reading Secrets cluster-wide: Secrets hold credentials/);
  assert.match(text, /! bound to cluster-admin cluster-wide: cluster-admin is the superuser role[^\n]*\n {6}by \* on \* cluster-wide, ClusterRoleBinding ci-deployer-cluster-admin → ClusterRole cluster-admin, as ServiceAccount demo\/ci-deployer\n/);
  assert.match(text, /\nCluster-wide:\n {2}\* on \* cluster-wide {3}\[dangerous: reading Secrets; creating Pods or workloads; [^\]]*bound to cluster-admin\]\n {6}ClusterRoleBinding ci-deployer-cluster-admin/);
  assert.match(text, /\n {2}\* on every non-resource URL {3}\[dangerous: bound to cluster-admin\]\n/);
});

test('unavailable: what to ask for; no rules: said so', () => {
  assert.equal(renderPermissionsDocument({ kind: 'unavailable', serviceAccount: ci, message: 'Ask for list on roles.', askFor: 'list on roles' }, 'c'), 'Permissions of ServiceAccount demo/ci-deployer\nContext: c\n\nCannot see its permissions. Ask for list on roles.\n');
  const none = renderPermissionsDocument({ kind: 'computed', permissions: permissionsFromObjects({ clusterRoles: [], clusterRoleBindings: [], roles: [], roleBindings: [] }, ci), cost }, 'c');
  assert.match(none, /No dangerous rights\.\n\nNo RBAC rule grants it anything\.\n$/);
});

test('hostile: a bidi name, a 100,000-character role and 20,000 bindings stay visible and bounded; the file name is plain', () => {
  const evil = { namespace: 'demo', name: 'x\u202eexe.txt' };
  const longName = 'r'.repeat(100_000);
  const rbac: RbacObjects = {
    clusterRoles: [],
    clusterRoleBindings: [],
    roles: [{ metadata: { name: longName, namespace: 'demo' }, rules: [{ verbs: ['get'], apiGroups: [''], resources: ['pods'] }] }],
    roleBindings: Array.from({ length: 20_000 }, (_, index) => ({ metadata: { name: `b${index}\u2066`, namespace: 'demo' }, roleRef: { kind: 'Role', name: longName }, subjects: [{ kind: 'Group', name: 'system:serviceaccounts' }] })),
  };
  const text = renderPermissionsDocument({ kind: 'computed', permissions: permissionsFromObjects(rbac, evil), cost }, 'ctx\u202e');
  assert.doesNotMatch(text, /[\u202e\u2066]/u);
  assert.match(text, /^Permissions of ServiceAccount demo\/x\\u202Eexe\.txt\nContext: ctx\\u202E\n/);
  assert.match(text, /\n… and 18000 more rules, not shown\.\n$/);
  assert.ok(text.length < 2000 * 600, `${text.length} characters`);
  assert.equal(permissionsFileName(evil), 'permissions demo-x_exe.txt.txt');
});
