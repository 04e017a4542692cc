// The RBAC authorizer on its own, over a store holding the bootstrap policy and the objects each test
// adds: how rules match (plugin/pkg/auth/authorizer/rbac/rbac.go, pkg/apis/rbac/v1/evaluation_helpers.go),
// which bindings apply to whom (pkg/registry/rbac/validation/rule.go), aggregation and escalation.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { User } from './api/authentication';
import { authorize, type Attributes } from './api/authorization';
import { aggregateClusterRoles, selectorMatches } from './api/rbacAggregation';
import { rbacAuthorize, ruleAllows, rulesFor, type PolicyRule } from './api/rbacAuthorizer';
import { bootstrapPolicy, clusterRoleRef, group, resourceRule, roleRef, serviceAccount, urlRule, user } from './api/rbacBootstrap';
import { breakdownRule, confirmNoEscalation, covers } from './api/rbacEscalation';
import { Store } from './store';
import { behaviourOf, newestVersion } from './version';

const newest = behaviourOf(newestVersion);

function bootstrapped(aggregate = true): Store {
  const store = new Store();
  for (const name of ['demo', 'payments']) {
    store.create('namespaces', { name });
  }
  bootstrapPolicy(store, newest, { aggregate });
  return store;
}

/** A ServiceAccount's user as its tokens authenticate it. */
const account = (namespace: string, name: string): User => ({
  name: `system:serviceaccount:${namespace}:${name}`,
  groups: ['system:serviceaccounts', `system:serviceaccounts:${namespace}`, 'system:authenticated'],
});
const person = (name: string, ...groups: string[]): User => ({ name, groups: [...groups, 'system:authenticated'] });

const can = (store: Store, who: User, attributes: Attributes) => authorize(store, who, attributes).allowed;

test('verbs, groups and resources: exact, "*", and a subresource only where the rule names it', () => {
  const get = (resource: string, group = ''): Attributes => ({ verb: 'get', resource, group, namespace: 'demo' });
  const pods: PolicyRule = resourceRule(['get'], [''], ['pods']);
  assert.equal(ruleAllows(get('pods'), pods), true);
  assert.equal(ruleAllows(get('pods/log'), pods), false, 'pods does not cover pods/log');
  assert.equal(ruleAllows(get('pods/log'), resourceRule(['get'], [''], ['pods/log'])), true);
  assert.equal(ruleAllows(get('pods/log'), resourceRule(['get'], [''], ['*/log'])), true, '*/log covers the log of every resource');
  assert.equal(ruleAllows(get('pods/exec'), resourceRule(['get'], [''], ['*/log'])), false);
  assert.equal(ruleAllows(get('pods'), resourceRule(['get'], [''], ['pods/*'])), false, 'pods/* is not a wildcard');
  assert.equal(ruleAllows(get('pods/log'), resourceRule(['get'], [''], ['*'])), true);
  assert.equal(ruleAllows(get('deployments', 'apps'), pods), false, 'the group must match');
  assert.equal(ruleAllows(get('deployments', 'apps'), resourceRule(['get'], ['*'], ['deployments'])), true);
  assert.equal(ruleAllows({ ...get('pods'), verb: 'delete' }, pods), false);
  assert.equal(ruleAllows({ ...get('pods'), verb: 'impersonate' }, resourceRule(['*'], [''], ['pods'])), true);
  assert.equal(ruleAllows({ verb: 'get', path: '/version' }, pods), false, 'a resource rule never allows a path');
});

test('resourceNames: only the named objects; a list or a create (no name) is not covered', () => {
  const rule = resourceRule(['get', 'list', 'create'], [''], ['secrets'], ['app-config']);
  assert.equal(ruleAllows({ verb: 'get', resource: 'secrets', group: '', namespace: 'demo', name: 'app-config' }, rule), true);
  assert.equal(ruleAllows({ verb: 'get', resource: 'secrets', group: '', namespace: 'demo', name: 'other' }, rule), false);
  assert.equal(ruleAllows({ verb: 'list', resource: 'secrets', group: '', namespace: 'demo' }, rule), false);
  assert.equal(ruleAllows({ verb: 'create', resource: 'secrets', group: '', namespace: 'demo' }, rule), false);
});

test('non-resource URLs: exact, a trailing "*" as a prefix, "*" for every path', () => {
  const rule = urlRule(['get'], ['/healthz', '/apis/*', '/logs*']);
  for (const [path, expected] of [
    ['/healthz', true],
    ['/healthz/ping', false],
    ['/apis/rbac.authorization.k8s.io/v1', true],
    ['/apis', false],
    ['/logs', true],
    ['/logs/kube-apiserver.log', true],
    ['/version', false],
  ] as const) {
    assert.equal(ruleAllows({ verb: 'get', path }, rule), expected, path);
  }
  assert.equal(ruleAllows({ verb: 'post', path: '/healthz' }, rule), false);
  assert.equal(ruleAllows({ verb: 'get', path: '/anything' }, urlRule(['*'], ['*'])), true);
  assert.equal(ruleAllows({ verb: 'get', resource: 'pods', group: '' }, urlRule(['*'], ['*'])), false, 'a URL rule never allows a resource');
});

test('the bootstrap policy: system:masters can do anything, the authenticated discover, ServiceAccounts read the issuer documents', () => {
  const store = bootstrapped();
  const masters = person('admin', 'system:masters');
  assert.equal(authorize(store, masters, { verb: 'delete', resource: 'nodes', group: '' }).reason, '', 'the superuser authorizer gives no reason');
  const alice = person('alice');
  assert.equal(can(store, alice, { verb: 'get', path: '/apis/rbac.authorization.k8s.io/v1' }), true);
  assert.equal(can(store, alice, { verb: 'create', resource: 'selfsubjectrulesreviews', group: 'authorization.k8s.io' }), true);
  assert.equal(can(store, alice, { verb: 'create', resource: 'selfsubjectreviews', group: 'authentication.k8s.io' }), true);
  assert.equal(can(store, alice, { verb: 'get', path: '/openid/v1/jwks' }), false);
  assert.equal(can(store, account('demo', 'app'), { verb: 'get', path: '/openid/v1/jwks' }), true);
  const anonymous: User = { name: 'system:anonymous', groups: ['system:unauthenticated'] };
  assert.equal(can(store, anonymous, { verb: 'get', path: '/version' }), true);
  assert.equal(can(store, anonymous, { verb: 'get', path: '/api' }), false);
  assert.equal(can(store, alice, { verb: 'list', resource: 'namespaces', group: '' }), false);
  const old = new Store();
  bootstrapPolicy(old, behaviourOf('1.26'), { aggregate: true });
  assert.equal(can(old, alice, { verb: 'create', resource: 'selfsubjectreviews', group: 'authentication.k8s.io' }), false, 'basic-user gained selfsubjectreviews with the 1.27 beta');
});

test('subjects: a user by name, a group, a ServiceAccount in the binding\'s namespace unless it names one', () => {
  const store = bootstrapped();
  store.create('roles', { name: 'secret-reader', namespace: 'demo' }, { rules: [resourceRule(['get'], [''], ['secrets'])] });
  store.create('rolebindings', { name: 'readers', namespace: 'demo' }, {
    subjects: [user('alice'), group('auditors'), { kind: 'ServiceAccount', name: 'local' }, serviceAccount('payments', 'remote')],
    roleRef: roleRef('secret-reader'),
  });
  const secret: Attributes = { verb: 'get', resource: 'secrets', group: '', namespace: 'demo', name: 'x' };
  assert.equal(can(store, person('alice'), secret), true);
  assert.equal(can(store, person('bob'), secret), false);
  assert.equal(can(store, person('bob', 'auditors'), secret), true);
  assert.equal(can(store, account('demo', 'local'), secret), true, 'a ServiceAccount subject without a namespace is one of the binding\'s');
  assert.equal(can(store, account('payments', 'local'), secret), false);
  assert.equal(can(store, account('payments', 'remote'), secret), true);
  assert.equal(can(store, person('alice'), { ...secret, namespace: 'payments' }), false, 'a RoleBinding grants in its namespace only');
  assert.equal(can(store, person('alice'), { verb: 'get', resource: 'secrets', group: '' }), false, 'nor at cluster scope');
});

test('a group a ServiceAccount token carries grants, and the allowed reason names the binding as kube-apiserver words it', () => {
  const store = bootstrapped();
  store.create('clusterrolebindings', { name: 'all-sa-discovery-extra' }, { subjects: [group('system:serviceaccounts:demo')], roleRef: clusterRoleRef('system:service-account-issuer-discovery') });
  store.create('rolebindings', { name: 'demo-view', namespace: 'demo' }, { subjects: [group('system:serviceaccounts:demo')], roleRef: clusterRoleRef('view') });
  store.create('roles', { name: 'secret-reader', namespace: 'demo' }, { rules: [resourceRule(['get', 'list'], [''], ['secrets'])] });
  store.create('rolebindings', { name: 'app-secret-reader', namespace: 'demo' }, { subjects: [serviceAccount('demo', 'app')], roleRef: roleRef('secret-reader') });
  const app = account('demo', 'app');
  assert.deepEqual(rbacAuthorize(store, app, { verb: 'list', resource: 'secrets', group: '', namespace: 'demo' }), {
    allowed: true,
    reason: 'RBAC: allowed by RoleBinding "app-secret-reader/demo" of Role "secret-reader" to ServiceAccount "app/demo"',
  });
  assert.deepEqual(rbacAuthorize(store, app, { verb: 'get', resource: 'pods', group: '', namespace: 'demo' }), {
    allowed: true,
    reason: 'RBAC: allowed by RoleBinding "demo-view/demo" of ClusterRole "view" to Group "system:serviceaccounts:demo"',
  });
  const withoutGroups: User = { name: app.name, groups: [] };
  assert.deepEqual(rbacAuthorize(store, withoutGroups, { verb: 'get', resource: 'pods', group: '', namespace: 'demo' }), { allowed: false, reason: '' }, 'groups are not implied by the user name');
  const issuer = rulesFor(store, app, 'demo').rules.filter((rule) => rule.nonResourceURLs?.includes('/openid/v1/jwks'));
  assert.equal(issuer.length, 2, 'the rules of two bindings are listed twice');
});

test('a binding to a missing role grants nothing and says so, in the listers\' words; other bindings still apply', () => {
  const store = bootstrapped();
  store.create('rolebindings', { name: 'web-deployer', namespace: 'demo' }, { subjects: [serviceAccount('demo', 'web')], roleRef: roleRef('deployer') });
  store.create('rolebindings', { name: 'web-ghost', namespace: 'demo' }, { subjects: [serviceAccount('demo', 'web')], roleRef: clusterRoleRef('ghost') });
  store.create('rolebindings', { name: 'web-view', namespace: 'demo' }, { subjects: [serviceAccount('demo', 'web')], roleRef: clusterRoleRef('view') });
  const web = account('demo', 'web');
  assert.deepEqual(rbacAuthorize(store, web, { verb: 'delete', resource: 'pods', group: '', namespace: 'demo' }), {
    allowed: false,
    reason: 'RBAC: [role.rbac.authorization.k8s.io "deployer" not found, clusterrole.rbac.authorization.k8s.io "ghost" not found]',
  });
  assert.equal(rbacAuthorize(store, web, { verb: 'get', resource: 'pods', group: '', namespace: 'demo' }).allowed, true);
  const { errors } = rulesFor(store, web, 'demo');
  assert.deepEqual(errors, ['role.rbac.authorization.k8s.io "deployer" not found', 'clusterrole.rbac.authorization.k8s.io "ghost" not found']);
  assert.deepEqual(rbacAuthorize(store, web, { verb: 'delete', resource: 'nodes', group: '' }), { allowed: false, reason: '' }, 'RoleBindings are not visited at cluster scope');
});

test('aggregation: admin ⊇ edit ⊇ view, a labelled ClusterRole joins them when written and leaves when deleted', () => {
  const store = bootstrapped();
  const rules = (name: string) => store.get('clusterroles', undefined, name)!.rules as PolicyRule[];
  const holds = (name: string, rule: PolicyRule) => rules(name).some((candidate) => JSON.stringify(candidate) === JSON.stringify(rule));
  const podLog = resourceRule(['get', 'list', 'watch'], [''], ['limitranges', 'resourcequotas', 'bindings', 'events', 'pods/status', 'resourcequotas/status', 'namespaces/status', 'replicationcontrollers/status', 'pods/log']);
  assert.ok(holds('view', podLog));
  assert.ok(holds('edit', podLog) && holds('admin', podLog));
  assert.ok(holds('edit', resourceRule(['create'], [''], ['serviceaccounts/token'])) && !holds('view', resourceRule(['create'], [''], ['serviceaccounts/token'])));
  assert.ok(holds('admin', resourceRule(['create'], ['authorization.k8s.io'], ['localsubjectaccessreviews'])) && !holds('edit', resourceRule(['create'], ['authorization.k8s.io'], ['localsubjectaccessreviews'])));
  const extra = resourceRule(['get'], ['example.com'], ['widgets']);
  store.create('clusterroles', { name: 'widget-viewer', labels: { 'rbac.authorization.k8s.io/aggregate-to-view': 'true' } }, { rules: [extra] });
  aggregateClusterRoles(store);
  assert.ok(holds('view', extra) && holds('edit', extra) && holds('admin', extra), 'through view into edit and admin');
  store.delete('clusterroles', undefined, 'widget-viewer');
  aggregateClusterRoles(store);
  assert.ok(!holds('view', extra) && !holds('admin', extra));
  assert.equal(new Set(rules('admin').map((rule) => JSON.stringify(rule))).size, rules('admin').length, 'each rule once');
});

test('aggregation: without the controller, aggregated roles have no rules and grant nothing', () => {
  const store = bootstrapped(false);
  assert.equal(store.get('clusterroles', undefined, 'edit')!.rules, null);
  store.create('rolebindings', { name: 'alice-edit', namespace: 'demo' }, { subjects: [user('alice')], roleRef: clusterRoleRef('edit') });
  assert.equal(can(store, person('alice'), { verb: 'get', resource: 'pods', group: '', namespace: 'demo' }), false);
});

test('label selectors: matchLabels and every matchExpressions operator', () => {
  const labels = { tier: 'web', env: 'prod' };
  assert.equal(selectorMatches({}, labels), true, 'an empty selector matches everything');
  assert.equal(selectorMatches({ matchLabels: { tier: 'web' } }, labels), true);
  assert.equal(selectorMatches({ matchLabels: { tier: 'db' } }, labels), false);
  assert.equal(selectorMatches({ matchExpressions: [{ key: 'env', operator: 'In', values: ['prod', 'stage'] }] }, labels), true);
  assert.equal(selectorMatches({ matchExpressions: [{ key: 'env', operator: 'NotIn', values: ['prod'] }] }, labels), false);
  assert.equal(selectorMatches({ matchExpressions: [{ key: 'team', operator: 'NotIn', values: ['x'] }] }, labels), true);
  assert.equal(selectorMatches({ matchExpressions: [{ key: 'team', operator: 'Exists' }] }, labels), false);
  assert.equal(selectorMatches({ matchExpressions: [{ key: 'team', operator: 'DoesNotExist' }] }, labels), true);
});

test('escalation: covering rules broken down, and the refusal worded as ConfirmNoEscalation', () => {
  assert.deepEqual(breakdownRule(resourceRule(['get', 'list'], [''], ['pods'])), [resourceRule(['get'], [''], ['pods']), resourceRule(['list'], [''], ['pods'])]);
  assert.equal(covers([resourceRule(['*'], ['*'], ['*'])], [resourceRule(['get'], ['apps'], ['deployments/scale'])]).covered, true);
  assert.equal(covers([resourceRule(['get'], [''], ['*/log'])], [resourceRule(['get'], [''], ['pods/log'])]).covered, true);
  assert.equal(covers([resourceRule(['get'], [''], ['secrets'], ['a'])], [resourceRule(['get'], [''], ['secrets'])]).covered, false, 'a named grant does not cover all');
  assert.equal(covers([urlRule(['get'], ['/apis/*'])], [urlRule(['get'], ['/apis/v1'])]).covered, true);
  const store = bootstrapped();
  store.create('roles', { name: 'pod-reader', namespace: 'demo' }, { rules: [resourceRule(['get'], [''], ['pods'])] });
  store.create('rolebindings', { name: 'bob-pods', namespace: 'demo' }, { subjects: [user('bob')], roleRef: roleRef('pod-reader') });
  const bob = person('bob');
  assert.equal(confirmNoEscalation(store, bob, 'demo', [resourceRule(['get'], [''], ['pods'])]), undefined);
  assert.equal(
    confirmNoEscalation(store, bob, 'demo', [resourceRule(['get', 'list', 'delete'], [''], ['pods', 'secrets'])]),
    'user "bob" (groups=["system:authenticated"]) is attempting to grant RBAC permissions not currently held:\n{APIGroups:[""], Resources:["pods"], Verbs:["delete" "list"]}\n{APIGroups:[""], Resources:["secrets"], Verbs:["delete" "get" "list"]}',
  );
});
