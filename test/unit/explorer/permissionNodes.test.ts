// The Permissions node under a ServiceAccount: its rows once loaded, the danger flags on them and
// on the ServiceAccount, and the one row that says what to ask for when nothing can be seen.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ServiceAccountSummary } from '../../../src/cluster/types';
import { flagServiceAccount, loadedPermissions, permissionChildren, presentPermissionNode, presentPermissions, type PermissionNode } from '../../../src/explorer/permissionNodes';
import { childrenOf, presentNode } from '../../../src/explorer/treeNodes';
import { permissionsFromObjects, permissionsFromRulesReview } from '../../../src/rbac/permissions';
import type { RbacObjects } from '../../../src/rbac/types';

const noTokens = { forServiceAccount: () => [] };
const account: ServiceAccountSummary = { namespace: 'demo', name: 'vault-auth', uid: 'u', createdAt: undefined, legacyTokenSecrets: [] };
const rbac: RbacObjects = {
  clusterRoles: [{ metadata: { name: 'discovery' }, rules: [{ verbs: ['get'], nonResourceURLs: ['/healthz'] }] }],
  clusterRoleBindings: [{ metadata: { name: 'everyone-discovery' }, roleRef: { kind: 'ClusterRole', name: 'discovery' }, subjects: [{ kind: 'Group', name: 'system:authenticated' }] }],
  roles: [{ metadata: { name: 'secret-reader', namespace: 'demo' }, rules: [{ verbs: ['get', 'list'], apiGroups: [''], resources: ['secrets'] }] }],
  roleBindings: [
    { metadata: { name: 'vault-auth-secret-reader', namespace: 'demo' }, roleRef: { kind: 'Role', name: 'secret-reader' }, subjects: [{ kind: 'ServiceAccount', name: 'vault-auth', namespace: 'demo' }] },
    { metadata: { name: 'vault-auth-deployer', namespace: 'demo' }, roleRef: { kind: 'Role', name: 'deployer' }, subjects: [{ kind: 'ServiceAccount', name: 'vault-auth' }] },
  ],
};
const cost = { requests: 4, objectsRead: 6, cached: false };
const loaded = loadedPermissions({ kind: 'computed', permissions: permissionsFromObjects(rbac, account), cost });

function rows(nodes: readonly PermissionNode[], depth = 0): string[] {
  return nodes.flatMap((node) => {
    const shown = presentPermissionNode(node as Exclude<PermissionNode, { kind: 'permissions' }>);
    const line = `${'  '.repeat(depth)}${shown.icon.warning ? '⚠ ' : ''}${shown.label}${shown.description ? ` — ${shown.description}` : ''}`;
    return [line, ...(node.kind === 'permissionScope' ? rows(node.rules, depth + 1) : [])];
  });
}

test('every ServiceAccount has a Permissions node to expand, which reads nothing until then', () => {
  const [first] = childrenOf({ kind: 'serviceAccount', account }, noTokens, '');
  assert.deepEqual(first, { kind: 'permissions', account });
  assert.equal(presentNode({ kind: 'serviceAccount', account }, noTokens, Date.now()).collapsible, 'collapsed');
  const before = presentNode(first, noTokens, Date.now());
  assert.equal(before.label, 'Permissions');
  assert.equal(before.description, undefined);
  assert.equal(before.icon.warning, undefined);
});

test('loaded: cluster-wide then per namespace, each rule with its binding, the dangerous one flagged with its reason', () => {
  assert.deepEqual(rows(permissionChildren(account, loaded)), [
    '⚠ RoleBinding demo/vault-auth-deployer names Role deployer, which does not exist: it grants nothing until the role is created.',
    'Cluster-wide — 1 rule',
    '  get /healthz — ClusterRoleBinding everyone-discovery',
    '⚠ demo — 1 rule · 1 dangerous',
    '  ⚠ get, list secrets in demo — ⚠ reading Secrets · RoleBinding vault-auth-secret-reader',
  ]);
  const rule = permissionChildren(account, loaded).find((node) => node.kind === 'permissionScope' && node.title === 'demo');
  const tooltip = presentPermissionNode((rule as Extract<PermissionNode, { kind: 'permissionScope' }>).rules[0] as Extract<PermissionNode, { kind: 'permissionRule' }>).tooltip ?? '';
  assert.match(tooltip, /RoleBinding demo\/vault-auth-secret-reader → Role secret-reader, as ServiceAccount demo\/vault-auth\n⚠ Dangerous, reading Secrets: Secrets hold credentials/);
  const node = presentPermissions(account, loaded);
  assert.equal(node.description, '1 dangerous right · 2 rules');
  assert.deepEqual(node.icon, { name: 'warning', warning: true });
  assert.match(node.tooltip ?? '', /^Computed from the RBAC objects you can list\.\n⚠ reading Secrets in demo: Secrets hold/);
});

test('the ServiceAccount is flagged only once its permissions were loaded, and only when they are dangerous', () => {
  const plain = presentNode({ kind: 'serviceAccount', account }, noTokens, Date.now());
  assert.equal(flagServiceAccount(plain, undefined), plain);
  const flagged = flagServiceAccount(plain, loaded);
  assert.deepEqual(flagged.icon, { name: 'warning', warning: true });
  assert.match(flagged.description ?? '', /^1 dangerous right/);
  assert.match(flagged.tooltip ?? '', /Dangerous rights:\n⚠ reading Secrets in demo/);
  const harmless = loadedPermissions({ kind: 'computed', permissions: permissionsFromObjects({ ...rbac, roleBindings: [] }, account), cost });
  assert.equal(flagServiceAccount(plain, harmless), plain);
});

test('nothing to see: one row that says what permission to ask for', () => {
  const message = 'You may not list roles (rbac.authorization.k8s.io) in all namespaces, nor impersonate ServiceAccount demo/vault-auth. Ask for list on roles, or for impersonate on serviceaccounts vault-auth in demo.';
  const askFor = 'list on roles, or impersonate on serviceaccounts vault-auth in demo';
  const unavailable = loadedPermissions({ kind: 'unavailable', serviceAccount: account, message, askFor });
  assert.deepEqual(rows(permissionChildren(account, unavailable)), [`⚠ Cannot see its permissions: ask for ${askFor}`]);
  assert.equal(presentPermissionNode(permissionChildren(account, unavailable)[0] as Extract<PermissionNode, { kind: 'permissionNote' }>).tooltip, message);
  assert.equal(presentPermissions(account, unavailable).description, 'cannot see');
});

test('from a rules review: labelled so, incomplete said, no binding named', () => {
  const review = loadedPermissions({ kind: 'computed', permissions: permissionsFromRulesReview(account, 'demo', { resourceRules: [{ verbs: ['get'], apiGroups: [''], resources: ['pods'] }], nonResourceRules: [], incomplete: true }), cost });
  assert.deepEqual(rows(permissionChildren(account, review)), [
    'From a rules review as the ServiceAccount, in demo only',
    '⚠ The server says this list may be incomplete (webhook or Node authorizers)',
    'demo — 1 rule',
    '  get pods in demo — rules review',
  ]);
});
