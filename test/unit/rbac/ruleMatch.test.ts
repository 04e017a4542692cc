// ruleAllows against the cases of kube-apiserver's own tests (pkg/apis/rbac/v1/evaluation_helpers.go,
// plugin/pkg/auth/authorizer/rbac/rbac_test.go): wildcards, subresources, names, non-resource URLs.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ruleAllows } from '../../../src/rbac/ruleMatch';
import type { AccessRequest, PolicyRule } from '../../../src/rbac/types';

const rule = (verbs: string[], apiGroups: string[], resources: string[], resourceNames?: string[]): PolicyRule => ({ verbs, apiGroups, resources, resourceNames });
const get = (resource: string, extra: Partial<Extract<AccessRequest, { resource: string }>> = {}): AccessRequest => ({ verb: 'get', group: '', resource, ...extra });

test('verbs: exact or *', () => {
  assert.ok(ruleAllows(rule(['get', 'list'], [''], ['pods']), get('pods')));
  assert.ok(ruleAllows(rule(['*'], [''], ['pods']), { verb: 'deletecollection', group: '', resource: 'pods' }));
  assert.ok(!ruleAllows(rule(['list'], [''], ['pods']), get('pods')));
  assert.ok(!ruleAllows(rule([], [''], ['pods']), get('pods')));
  assert.ok(!ruleAllows(rule(['GET'], [''], ['pods']), get('pods')), 'case matters');
});

test('API groups: "" is the core group and matches only it; * matches every group; none matches nothing', () => {
  assert.ok(ruleAllows(rule(['get'], [''], ['pods']), get('pods')));
  assert.ok(!ruleAllows(rule(['get'], [''], ['deployments']), get('deployments', { group: 'apps' })));
  assert.ok(!ruleAllows(rule(['get'], ['apps'], ['pods']), get('pods')));
  assert.ok(ruleAllows(rule(['get'], ['*'], ['deployments']), get('deployments', { group: 'apps' })));
  assert.ok(ruleAllows(rule(['get'], ['*'], ['pods']), get('pods')));
  assert.ok(!ruleAllows({ verbs: ['get'], resources: ['pods'] }, get('pods')), 'a rule without apiGroups matches no resource');
});

test('resources: exact, *, resource/subresource, */subresource; resource/* is no wildcard', () => {
  assert.ok(ruleAllows(rule(['get'], [''], ['*']), get('pods', { subresource: 'log' })), '* covers subresources too');
  assert.ok(!ruleAllows(rule(['get'], [''], ['pods']), get('pods', { subresource: 'log' })), 'pods does not cover pods/log');
  assert.ok(ruleAllows(rule(['get'], [''], ['pods/log']), get('pods', { subresource: 'log' })));
  assert.ok(!ruleAllows(rule(['get'], [''], ['pods/log']), get('pods')));
  assert.ok(ruleAllows(rule(['get'], [''], ['*/log']), get('pods', { subresource: 'log' })));
  assert.ok(ruleAllows(rule(['get'], [''], ['*/log']), get('nodes', { subresource: 'log' })));
  assert.ok(!ruleAllows(rule(['get'], [''], ['*/log']), get('pods', { subresource: 'status' })));
  assert.ok(!ruleAllows(rule(['get'], [''], ['*/log']), get('pods')), '*/log needs a subresource');
  assert.ok(!ruleAllows(rule(['get'], [''], ['*/og']), get('pods', { subresource: 'log' })), 'the whole subresource, not a suffix of it');
  assert.ok(!ruleAllows(rule(['get'], [''], ['pods/*']), get('pods', { subresource: 'log' })), 'pods/* matches only a subresource named *');
  assert.ok(ruleAllows(rule(['get'], [''], ['pods/*']), get('pods', { subresource: '*' })));
  assert.ok(!ruleAllows(rule(['get'], [''], ['*/*']), get('pods', { subresource: 'log' })));
  assert.ok(!ruleAllows(rule(['get'], [''], ['Pods']), get('pods')));
});

test('resourceNames: none means every name (and none); otherwise only those, never a request without a name', () => {
  assert.ok(ruleAllows(rule(['get'], [''], ['secrets']), get('secrets', { name: 'x' })));
  assert.ok(ruleAllows(rule(['get'], [''], ['secrets'], []), get('secrets')));
  assert.ok(ruleAllows(rule(['get'], [''], ['secrets'], ['app-config']), get('secrets', { name: 'app-config' })));
  assert.ok(!ruleAllows(rule(['get'], [''], ['secrets'], ['app-config']), get('secrets', { name: 'other' })));
  assert.ok(!ruleAllows(rule(['list'], [''], ['secrets'], ['app-config']), { verb: 'list', group: '', resource: 'secrets' }), 'a list names nothing');
  assert.ok(!ruleAllows(rule(['get'], [''], ['secrets'], ['*']), get('secrets', { name: 'x' })), 'no wildcard in names');
});

test('non-resource URLs: exact, *, and a trailing * as a prefix (every trailing * trimmed)', () => {
  const urls = (...nonResourceURLs: string[]): PolicyRule => ({ verbs: ['get'], nonResourceURLs });
  assert.ok(ruleAllows(urls('/healthz'), { verb: 'get', path: '/healthz' }));
  assert.ok(!ruleAllows(urls('/healthz'), { verb: 'get', path: '/healthz/etcd' }));
  assert.ok(ruleAllows(urls('/healthz/*'), { verb: 'get', path: '/healthz/etcd' }));
  assert.ok(!ruleAllows(urls('/healthz/*'), { verb: 'get', path: '/healthz' }));
  assert.ok(ruleAllows(urls('/api*'), { verb: 'get', path: '/apis/apps' }));
  assert.ok(ruleAllows(urls('/api**'), { verb: 'get', path: '/api' }));
  assert.ok(ruleAllows(urls('*'), { verb: 'get', path: '/anything' }));
  assert.ok(!ruleAllows(urls('/healthz'), { verb: 'post', path: '/healthz' }));
  assert.ok(!ruleAllows(urls('/he*z'), { verb: 'get', path: '/healthz' }), 'a * inside is literal');
  assert.ok(!ruleAllows(rule(['get'], ['*'], ['*']), { verb: 'get', path: '/healthz' }), 'resource rules never match a path');
  assert.ok(!ruleAllows(urls('*'), get('pods')), 'URL rules never match a resource');
});
