// "Can it…?" on the cluster side against the local API server: discovery of resources and their
// verbs, SubjectAccessReviews about a ServiceAccount, and the issuer the hover compares tokens with.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ClusterError } from '../../src/cluster';
import { subjectAccessReviewSpec } from '../../src/rbac/access';
import { localClusterPerFile } from './localClusterPerFile';
import type { LocalCluster, LocalUser } from './server';

const local = localClusterPerFile('access');
const session = (user?: LocalUser, target?: LocalCluster) => local.session(user, target);

test('discovery lists the core and every group with their verbs, subresources under the URL group, in 2 + groups requests', async () => {
  const active = await session();
  local.cluster.clearRequests();
  const discovery = await active.discoverResources();
  const secrets = discovery.resources.find((resource) => resource.group === '' && resource.resource === 'secrets' && !resource.subresource);
  assert.deepEqual(secrets, { group: '', version: 'v1', resource: 'secrets', kind: 'Secret', namespaced: true, verbs: ['create', 'delete', 'get', 'list'] });
  const token = discovery.resources.find((resource) => resource.resource === 'serviceaccounts' && resource.subresource === 'token');
  assert.equal(token?.group, '', 'RBAC matches serviceaccounts/token in the core group, not its kind’s authentication.k8s.io');
  assert.deepEqual(token?.verbs, ['create']);
  assert.ok(discovery.resources.some((resource) => resource.group === 'rbac.authorization.k8s.io' && resource.resource === 'roles' && resource.namespaced));
  assert.ok(discovery.resources.some((resource) => resource.resource === 'nodes' && !resource.namespaced));
  assert.deepEqual(discovery.unreadGroups, []);
  const paths = local.cluster.requests.map((request) => request.path).sort();
  assert.deepEqual(paths, ['/api/v1', '/apis', '/apis/apps/v1', '/apis/authentication.k8s.io/v1', '/apis/authorization.k8s.io/v1', '/apis/batch/v1', '/apis/rbac.authorization.k8s.io/v1']);
});

test('a group whose discovery fails is named, the rest still listed', async () => {
  local.cluster.injectFailures({ method: 'GET', pathPrefix: '/apis/rbac.authorization.k8s.io/v1', status: 503, times: 1 });
  const discovery = await (await session()).discoverResources();
  assert.deepEqual(discovery.unreadGroups, ['rbac.authorization.k8s.io']);
  assert.ok(discovery.resources.some((resource) => resource.resource === 'secrets'));
});

test('a SubjectAccessReview answers for the ServiceAccount with its groups, with the binding as reason', async () => {
  const active = await session();
  const vaultAuth = { namespace: 'demo', name: 'vault-auth' };
  const allowed = await active.reviewAccess(subjectAccessReviewSpec(vaultAuth, { verb: 'get', group: '', resource: 'secrets', namespace: 'demo' }));
  assert.equal(allowed.allowed, true);
  assert.match(allowed.reason ?? '', /RoleBinding "vault-auth-secret-reader\/demo" of Role "secret-reader"/);
  const web = await active.reviewAccess(subjectAccessReviewSpec({ namespace: 'demo', name: 'web' }, { verb: 'list', group: '', resource: 'secrets', namespace: 'demo' }));
  // web is also bound to Role deployer, which does not exist: a real RBAC authorizer names that in a denial's reason.
  assert.deepEqual(web, { allowed: false, denied: false, reason: 'RBAC: role.rbac.authorization.k8s.io "deployer" not found', evaluationError: undefined });
  const throughGroup = await active.reviewAccess(subjectAccessReviewSpec({ namespace: 'demo', name: 'web' }, { verb: 'list', group: '', resource: 'pods', namespace: 'demo' }));
  assert.equal(throughGroup.allowed, true, 'view, granted to the group system:serviceaccounts:demo');
});

test('a person without the right to create SubjectAccessReviews gets a forbidden ClusterError', async () => {
  const active = await session('restricted');
  await assert.rejects(
    active.reviewAccess(subjectAccessReviewSpec({ namespace: 'demo', name: 'web' }, { verb: 'get', group: '', resource: 'secrets', namespace: 'demo' })),
    (error: unknown) => error instanceof ClusterError && error.kind === 'forbidden' && /create subjectaccessreviews\.authorization\.k8s\.io/.test(error.message),
  );
});

test("the issuer is read from the discovery document alone, in one request", async () => {
  const active = await session();
  local.cluster.clearRequests();
  assert.equal(await active.issuer(), local.cluster.url);
  assert.deepEqual(local.cluster.requests.map((request) => request.path), ['/.well-known/openid-configuration']);
});
