// Rules as people read them, and the same texts made of hostile names: visible and bounded.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { permissionsFromObjects, type GrantedRule } from '../../../src/rbac/permissions';
import { describeGrant, describeMissingRole, describeOrigin, describeRule, groupByScope } from '../../../src/rbac/ruleText';
import type { PolicyRule } from '../../../src/rbac/types';

const inDemo = (rule: PolicyRule): GrantedRule => ({ rule, scope: { kind: 'namespace', namespace: 'demo' } });
const clusterWide = (rule: PolicyRule): GrantedRule => ({ rule, scope: { kind: 'cluster-wide' } });

test('the readable forms', () => {
  assert.equal(describeGrant(inDemo({ verbs: ['get', 'list'], apiGroups: [''], resources: ['secrets'] })), 'get, list secrets in demo');
  assert.equal(describeGrant(inDemo({ verbs: ['get'], apiGroups: [''], resources: ['secrets'], resourceNames: ['app-config'] })), 'get secrets named app-config in demo');
  assert.equal(describeGrant(clusterWide({ verbs: ['*'], apiGroups: ['*'], resources: ['*'] })), '* on * cluster-wide');
  assert.equal(describeGrant(clusterWide({ verbs: ['get'], nonResourceURLs: ['/healthz'] })), 'get /healthz');
  assert.equal(describeGrant(clusterWide({ verbs: ['*'], nonResourceURLs: ['*'] })), '* on every non-resource URL');
  assert.equal(describeGrant(inDemo({ verbs: ['create'], apiGroups: ['apps'], resources: ['deployments', 'deployments/scale'] })), 'create deployments.apps, deployments/scale.apps in demo');
  assert.equal(describeGrant(inDemo({ verbs: ['get'], apiGroups: ['', 'apps'], resources: ['pods'] })), 'get pods in API groups core, apps in demo');
  assert.equal(describeGrant(inDemo({ verbs: ['get'], apiGroups: ['*'], resources: ['pods'] })), 'get pods in API groups any in demo');
  assert.equal(describeRule({ verbs: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'], apiGroups: [''], resources: ['pods'] }), 'a, b, c, d, e, f and 2 more pods');
});

test('where a rule comes from, and a binding to a missing role', () => {
  const permissions = permissionsFromObjects(
    {
      clusterRoles: [],
      clusterRoleBindings: [],
      roles: [{ metadata: { name: 'secret-reader', namespace: 'demo' }, rules: [{ verbs: ['get'], apiGroups: [''], resources: ['secrets'] }] }],
      roleBindings: [
        { metadata: { name: 'app-secrets', namespace: 'demo' }, roleRef: { kind: 'Role', name: 'secret-reader' }, subjects: [{ kind: 'ServiceAccount', name: 'app' }] },
        { metadata: { name: 'app-deployer', namespace: 'demo' }, roleRef: { kind: 'Role', name: 'deployer' }, subjects: [{ kind: 'Group', name: 'system:serviceaccounts' }] },
      ],
    },
    { namespace: 'demo', name: 'app' },
  );
  assert.equal(describeOrigin(permissions.grants[0].via), 'RoleBinding demo/app-secrets → Role secret-reader, as ServiceAccount demo/app');
  assert.equal(describeOrigin(undefined), 'from a SelfSubjectRulesReview (the server names no binding)');
  assert.equal(describeMissingRole(permissions.missingRoles[0]), 'RoleBinding demo/app-deployer names Role deployer, which does not exist: it grants nothing until the role is created.');
});

test('grouped per scope: cluster-wide first, then each namespace once', () => {
  const rule: PolicyRule = { verbs: ['get'], apiGroups: [''], resources: ['pods'] };
  const grants = [inDemo(rule), clusterWide(rule), { rule, scope: { kind: 'namespace', namespace: 'alpha' } } as GrantedRule, inDemo(rule)];
  const groups = groupByScope({ serviceAccount: { namespace: 'demo', name: 'app' }, grants, missingRoles: [], source: 'rbac-objects', incomplete: false, notes: [] });
  assert.deepEqual(groups.map((group) => `${group.title}: ${group.grants.length}`), ['Cluster-wide: 1', 'alpha: 1', 'demo: 2']);
});

test('hostile names: bidi and control characters shown as escapes, 100,000 characters cut, 100,000 items summed up', () => {
  const long = 'x'.repeat(100_000);
  const text = describeGrant({ rule: { verbs: ['get\u202e'], apiGroups: [''], resources: [long, 'a\nb'], resourceNames: Array.from({ length: 100_000 }, (_, i) => `n${i}`) }, scope: { kind: 'namespace', namespace: `demo\u2066[x](command:evil)` } });
  assert.ok(text.length < 1500, `${text.length} characters`);
  assert.match(text, /^get\\u202E x{100,}… \(100000 characters\), a\\nb named n0, n1, n2, n3, n4, n5 and 99994 more in demo\\u2066\[x\] \(command:evil\)$/);
  assert.doesNotMatch(text, /[\u202e\u2066\n]/u);
  const origin = describeOrigin({ binding: { kind: 'RoleBinding', name: long, namespace: 'demo' }, role: { kind: 'Role', name: '\u202eevil' }, subject: `ServiceAccount demo/${long}` });
  assert.ok(origin.length < 600, `${origin.length} characters`);
  assert.match(origin, /Role \\u202Eevil/);
});
