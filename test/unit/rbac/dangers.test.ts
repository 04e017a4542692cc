// The danger table: each entry found where it is granted and only there, with its reason; the
// README documents every entry.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { dangerousRights, dangersOf } from '../../../src/rbac/dangers';
import { permissionsFromObjects, type GrantScope } from '../../../src/rbac/permissions';
import type { PolicyRule, RoleBinding } from '../../../src/rbac/types';

const app = { namespace: 'demo', name: 'app' };
const subjects = [{ kind: 'ServiceAccount', name: 'app', namespace: 'demo' }];

/** The dangers of `rules` granted through a ClusterRole named `roleName`, in demo or cluster-wide. */
function dangers(rules: PolicyRule[], scope: GrantScope['kind'] = 'namespace', roleName = 'granted'): string[] {
  const binding: RoleBinding = { metadata: scope === 'namespace' ? { name: 'b', namespace: 'demo' } : { name: 'b' }, roleRef: { kind: 'ClusterRole', name: roleName }, subjects };
  const permissions = permissionsFromObjects(
    { clusterRoles: [{ metadata: { name: roleName }, rules }], roles: [], roleBindings: scope === 'namespace' ? [binding] : [], clusterRoleBindings: scope === 'namespace' ? [] : [binding] },
    app,
  );
  return dangersOf(permissions).map((danger) => `${danger.right.id}${danger.where.kind === 'namespace' ? ` in ${danger.where.namespace}` : ' cluster-wide'}`);
}

const rule = (verbs: string[], apiGroups: string[], resources: string[], resourceNames?: string[]): PolicyRule => ({ verbs, apiGroups, resources, ...(resourceNames ? { resourceNames } : {}) });

test('every entry has an id, a name and a reason, each id once', () => {
  assert.equal(new Set(dangerousRights.map((right) => right.id)).size, dangerousRights.length);
  for (const right of dangerousRights) {
    assert.ok(right.what.length > 3 && right.why.endsWith('.'), right.id);
  }
});

test('reading Secrets: get, list or watch on any Secret; one named Secret is not', () => {
  assert.deepEqual(dangers([rule(['get', 'list'], [''], ['secrets'])]), ['read-secrets in demo']);
  assert.deepEqual(dangers([rule(['watch'], [''], ['secrets'])]), ['read-secrets in demo']);
  assert.deepEqual(dangers([rule(['get'], [''], ['secrets'], ['app-config'])]), []);
  assert.deepEqual(dangers([rule(['get'], ['apps'], ['secrets'])]), [], 'not the core group');
  assert.deepEqual(dangers([rule(['create', 'delete'], [''], ['secrets'])]), []);
});

test('creating Pods or workloads, each kind that makes a Pod', () => {
  for (const [group, resource] of [['', 'pods'], ['', 'replicationcontrollers'], ['apps', 'deployments'], ['apps', 'daemonsets'], ['apps', 'statefulsets'], ['apps', 'replicasets'], ['batch', 'jobs'], ['batch', 'cronjobs']]) {
    assert.deepEqual(dangers([rule(['create'], [group], [resource])]), ['create-workloads in demo'], resource);
  }
  assert.deepEqual(dangers([rule(['get', 'list', 'delete'], [''], ['pods'])]), []);
  assert.deepEqual(dangers([rule(['create'], [''], ['configmaps'])]), []);
});

test('minting tokens, impersonation, escalate and bind, nodes/proxy', () => {
  assert.deepEqual(dangers([rule(['create'], [''], ['serviceaccounts/token'])]), ['create-tokens in demo']);
  assert.deepEqual(dangers([rule(['create'], [''], ['serviceaccounts'])]), [], 'creating a ServiceAccount mints nothing');
  assert.deepEqual(dangers([rule(['impersonate'], [''], ['serviceaccounts'])]), ['impersonate in demo']);
  assert.deepEqual(dangers([rule(['impersonate'], [''], ['users'])], 'cluster-wide'), ['impersonate cluster-wide']);
  assert.deepEqual(dangers([rule(['impersonate'], [''], ['users', 'groups'])]), [], 'users and groups are cluster-scoped: a RoleBinding grants nothing on them');
  assert.deepEqual(dangers([rule(['escalate'], ['rbac.authorization.k8s.io'], ['roles'])]), ['escalate-bind in demo']);
  assert.deepEqual(dangers([rule(['bind'], ['rbac.authorization.k8s.io'], ['clusterroles'])], 'cluster-wide'), ['escalate-bind cluster-wide']);
  assert.deepEqual(dangers([rule(['get'], [''], ['nodes/proxy'])], 'cluster-wide'), ['nodes-proxy cluster-wide']);
  assert.deepEqual(dangers([rule(['get'], [''], ['nodes/proxy'])]), [], 'nodes are cluster-scoped');
  assert.deepEqual(dangers([rule(['get'], [''], ['nodes'])], 'cluster-wide'), []);
});

test('* on * holds every danger there; cluster-admin is named as such, even with its rules hidden', () => {
  assert.deepEqual(dangers([rule(['*'], ['*'], ['*'])]).sort(), ['create-tokens', 'create-workloads', 'escalate-bind', 'impersonate', 'read-secrets', 'wildcard'].map((id) => `${id} in demo`));
  assert.deepEqual(dangers([rule(['*'], ['*'], ['*'])], 'cluster-wide').length, 8 - 1, 'all but the binding to cluster-admin');
  assert.deepEqual(dangers([rule(['*'], [''], ['*'])]).includes('wildcard in demo'), false, 'every core resource is not every resource');
  assert.deepEqual(dangers([rule(['get'], [''], ['pods'])], 'cluster-wide', 'cluster-admin'), ['cluster-admin cluster-wide']);
  assert.deepEqual(dangers([{ verbs: ['*'], nonResourceURLs: ['*'] }, rule(['*'], ['*'], ['*'])], 'cluster-wide', 'cluster-admin').filter((id) => id.startsWith('cluster-admin')), ['cluster-admin cluster-wide'], 'once per scope');
});

test('the README lists every entry of the table with its reason', () => {
  const readme = readFileSync('README.md', 'utf8');
  const section = readme.slice(readme.indexOf('## Dangerous rights'));
  assert.ok(section.length < readme.length, 'README has a "Dangerous rights" section');
  for (const right of dangerousRights) {
    assert.ok(section.includes(`| ${right.what} | ${right.why} |`), `README row for ${right.id}: | ${right.what} | ${right.why} |`);
  }
});
