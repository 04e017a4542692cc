// Creating Pods, legacy token Secrets and workload controllers on the local server: the exact Status
// objects of kube-apiserver's validation and admission (texts from pkg/apis/core/validation
// validateProjectionSources, ValidateVolumes, validateVolumeMounts, ValidateSecret; the ServiceAccount
// admission plugin; pkg/apis/apps/validation ValidateDeploymentSpec), dry runs, generated names, what
// the tokens controller does to a legacy token Secret, and RBAC on the create.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ServerState } from './api/context';
import { dispatch } from './api/routes';
import { createWorkload, getWorkload } from './api/workloadWrites';
import { jsonBody, requestContext, restricted, standaloneState } from './handlerTesting';
import type { KubernetesVersion } from './version';

type Json = Record<string, unknown>;

const pod = (name: string, volume: Json, extra: Json = {}) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name },
  spec: { serviceAccountName: 'vault-auth', containers: [{ name: 'app', image: 'busybox', volumeMounts: [{ name: 'token', mountPath: '/var/run/secrets/tokens' }] }], volumes: [{ name: 'token', ...volume }], ...extra },
});
const tokenVolume = (source: Json) => ({ projected: { sources: [{ serviceAccountToken: source }] } });

async function create(state: ServerState, resource: string, body: unknown, query = '', group = ''): Promise<{ status: number; body: Json; headers?: Record<string, string | string[]> }> {
  const path = group ? `/apis/${group}/v1/namespaces/demo/${resource}` : `/api/v1/namespaces/demo/${resource}`;
  const reply = await createWorkload(requestContext(state, 'POST', path, { params: { namespace: 'demo', resource }, query: new URLSearchParams(query), body: jsonBody(body) }));
  return reply as { status: number; body: Json };
}

const failure = (code: number, reason: string, message: string, details?: Json) => ({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, ...(details ? { details } : {}), code });

test('a projected token out of range, without a path, and the mount of that volume: one 422 listing every field', async () => {
  const state = await standaloneState();
  const answer = await create(state, 'pods', pod('too-short', tokenVolume({ audience: 'vault', expirationSeconds: 300 })));
  const causes = [
    { reason: 'FieldValueInvalid', message: 'Invalid value: 300: may not specify a duration less than 10 minutes', field: 'spec.volumes[0].projected.sources[0].serviceAccountToken.expirationSeconds' },
    { reason: 'FieldValueRequired', message: 'Required value', field: 'spec.volumes[0].projected.path' },
    { reason: 'FieldValueNotFound', message: 'Not found: "token"', field: 'spec.containers[0].volumeMounts[0].name' },
  ];
  assert.deepEqual(answer, {
    status: 422,
    body: failure(
      422,
      'Invalid',
      'Pod "too-short" is invalid: [spec.volumes[0].projected.sources[0].serviceAccountToken.expirationSeconds: Invalid value: 300: may not specify a duration less than 10 minutes, spec.volumes[0].projected.path: Required value, spec.containers[0].volumeMounts[0].name: Not found: "token"]',
      { name: 'too-short', kind: 'Pod', causes },
    ),
    headers: {},
  });
  assert.equal(state.store.get('pods', 'demo', 'too-short'), undefined);
});

test('2^32 seconds is the longest lifetime; one more is refused', async () => {
  const state = await standaloneState();
  assert.equal((await create(state, 'pods', pod('longest', tokenVolume({ expirationSeconds: 2 ** 32, path: 'token' })), 'dryRun=All')).status, 201);
  const longer = await create(state, 'pods', pod('longer', tokenVolume({ expirationSeconds: 2 ** 32 + 1, path: 'token' })));
  // An invalid volume cannot be mounted, so its mount is "Not found" in the same answer (seen on the real v1.24).
  assert.equal(
    (longer.body as { message: string }).message,
    'Pod "longer" is invalid: [spec.volumes[0].projected.sources[0].serviceAccountToken.expirationSeconds: Invalid value: 4294967297: may not specify a duration larger than 2^32 seconds, spec.containers[0].volumeMounts[0].name: Not found: "token"]',
  );
});

test('a token path outside the volume is refused from 1.30 and stored as written before', async () => {
  for (const [version, expected] of [['1.33', 422], ['1.29', 201]] as [KubernetesVersion, number][]) {
    const state = await standaloneState(version);
    const answer = await create(state, 'pods', pod('outside', { projected: { sources: [{ serviceAccountToken: { path: '/abs' } }, { serviceAccountToken: { path: '../up' } }, { serviceAccountToken: { path: '..data' } }] } }));
    assert.equal(answer.status, expected, version);
    if (expected === 422) {
      assert.deepEqual((answer.body.details as { causes: unknown[] }).causes.slice(0, 3), [
        { reason: 'FieldValueInvalid', message: 'Invalid value: "/abs": must be a relative path', field: 'spec.volumes[0].projected.path' },
        { reason: 'FieldValueInvalid', message: `Invalid value: "../up": must not contain '..'`, field: 'spec.volumes[0].projected.path' },
        { reason: 'FieldValueInvalid', message: `Invalid value: "..data": must not start with '..'`, field: 'spec.volumes[0].projected.path' },
      ]);
    }
  }
});

test('what the server leaves to the kubelet and to us: duplicate token paths, an unmounted token volume, automount off', async () => {
  const state = await standaloneState();
  const duplicate = pod('twice', { projected: { sources: [{ serviceAccountToken: { audience: 'a', path: 'token' } }, { serviceAccountToken: { audience: 'b', path: 'token' } }] } }, { automountServiceAccountToken: false });
  const answer = await create(state, 'pods', { ...duplicate, spec: { ...duplicate.spec, containers: [{ name: 'app', image: 'busybox' }] } });
  assert.equal(answer.status, 201, JSON.stringify(answer.body));
  const spec = answer.body.spec as { volumes: { name: string; projected: { defaultMode: number; sources: { serviceAccountToken: Json }[] } }[] };
  assert.deepEqual(spec.volumes.map((volume) => volume.name), ['token'], 'automountServiceAccountToken: false adds no kube-api-access volume');
  assert.deepEqual(spec.volumes[0].projected.sources[0].serviceAccountToken, { expirationSeconds: 3600, audience: 'a', path: 'token' }, 'expirationSeconds defaults to 3600');
  assert.equal(spec.volumes[0].projected.defaultMode, 420);
});

test('volume names: required, a DNS-1123 label, unique; a mount needs a mountPath', async () => {
  const state = await standaloneState();
  const body = pod('names', tokenVolume({ path: 'token' }));
  body.spec.volumes = [{ name: 'Token.A', ...tokenVolume({ path: 'a' }) }, { name: 'b', ...tokenVolume({ path: 'b' }) }, { name: 'b', ...tokenVolume({ path: 'c' }) }];
  body.spec.containers[0].volumeMounts = [{ name: 'b', mountPath: '' }];
  const causes = (await create(state, 'pods', body)).body.details as { causes: Json[] };
  assert.deepEqual(causes.causes, [
    {
      reason: 'FieldValueInvalid',
      message:
        "Invalid value: \"Token.A\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
      field: 'spec.volumes[0].name',
    },
    { reason: 'FieldValueDuplicate', message: 'Duplicate value: "b"', field: 'spec.volumes[2].name' },
    { reason: 'FieldValueRequired', message: 'Required value', field: 'spec.containers[0].volumeMounts[0].mountPath' },
  ]);
});

test('a Pod whose ServiceAccount does not exist is refused by the ServiceAccount admission plugin, before validation', async () => {
  const state = await standaloneState();
  const answer = await create(state, 'pods', pod('lost', tokenVolume({ expirationSeconds: 1 }), { serviceAccountName: 'nobody' }), 'dryRun=All');
  assert.deepEqual(answer.body, failure(403, 'Forbidden', 'pods "lost" is forbidden: error looking up service account demo/nobody: serviceaccount "nobody" not found', { name: 'lost', kind: 'pods' }));
  const invalidName = await create(state, 'pods', pod('bad-account', tokenVolume({ path: 'token' }), { serviceAccountName: 'Not_A_Name' }));
  assert.equal(invalidName.status, 403, 'the lookup of an invalid name fails first, as admission runs before validation');
});

test('a created Pod: generated name, namespace from the URL, uid, resourceVersion, the default token volume; GET and DELETE', async () => {
  const state = await standaloneState();
  const body = pod('', tokenVolume({ audience: 'vault', path: 'token' }));
  const answer = await create(state, 'pods', { ...body, metadata: { generateName: 'client-' } });
  assert.equal(answer.status, 201);
  const metadata = answer.body.metadata as { name: string; generateName: string; namespace: string; uid: string; resourceVersion: string; creationTimestamp: string };
  assert.match(metadata.name, /^client-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  assert.equal(metadata.generateName, 'client-');
  assert.equal(metadata.namespace, 'demo');
  assert.match(metadata.uid, /^[0-9a-f-]{36}$/);
  assert.match(metadata.resourceVersion, /^\d+$/);
  const spec = answer.body.spec as { serviceAccount: string; volumes: { name: string; projected: { sources: Json[] } }[]; containers: { volumeMounts: Json[] }[] };
  assert.equal(spec.serviceAccount, 'vault-auth');
  const added = spec.volumes[1];
  assert.match(added.name, /^kube-api-access-/);
  assert.deepEqual(added.projected.sources[0], { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } });
  assert.deepEqual(spec.containers[0].volumeMounts[1], { name: added.name, readOnly: true, mountPath: '/var/run/secrets/kubernetes.io/serviceaccount' });
  const read = await dispatch({ ...requestContext(state, 'GET', `/api/v1/namespaces/demo/pods/${metadata.name}`), body: jsonBody({}) });
  assert.deepEqual(read.body, answer.body);
  const deleted = await dispatch({ ...requestContext(state, 'DELETE', `/api/v1/namespaces/demo/pods/${metadata.name}`), body: () => Promise.resolve(Buffer.alloc(0)) });
  assert.equal(deleted.status, 200);
  assert.equal(state.store.get('pods', 'demo', metadata.name), undefined);
});

test('dryRun=All answers the object and stores nothing; any other dryRun value is refused before the body is read', async () => {
  const state = await standaloneState();
  const answer = await create(state, 'pods', pod('dry', tokenVolume({ path: 'token' })), 'dryRun=All');
  assert.equal(answer.status, 201);
  assert.equal((answer.body.metadata as Json).resourceVersion, undefined);
  assert.equal(state.store.get('pods', 'demo', 'dry'), undefined);
  const bogus = await createWorkload(requestContext(state, 'POST', '/api/v1/namespaces/demo/pods', { params: { namespace: 'demo', resource: 'pods' }, query: new URLSearchParams('dryRun=Some'), body: () => assert.fail('the body was read') }));
  assert.deepEqual(bogus.body, failure(422, 'Invalid', 'CreateOptions.meta.k8s.io "" is invalid: dryRun: Unsupported value: []string{"Some"}: supported values: "All"', {
    group: 'meta.k8s.io',
    kind: 'CreateOptions',
    causes: [{ reason: 'FieldValueNotSupported', message: 'Unsupported value: []string{"Some"}: supported values: "All"', field: 'dryRun' }],
  }));
});

test('audiences (plural) is an unknown field: refused under fieldValidation=Strict, a Warning and dropped by default', async () => {
  const state = await standaloneState();
  const body = pod('plural', tokenVolume({ audiences: ['vault'], path: 'token' }));
  const strict = await create(state, 'pods', body, 'fieldValidation=Strict');
  assert.deepEqual(strict.body, failure(400, 'BadRequest', 'Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.volumes[0].projected.sources[0].serviceAccountToken.audiences"'));
  const warned = await create(state, 'pods', body);
  assert.equal(warned.status, 201);
  assert.deepEqual(warned.headers, { Warning: ['299 - "unknown field \\"spec.volumes[0].projected.sources[0].serviceAccountToken.audiences\\""'] });
  assert.deepEqual((warned.body.spec as { volumes: { projected: { sources: Json[] } }[] }).volumes[0].projected.sources[0], { serviceAccountToken: { expirationSeconds: 3600, path: 'token' } });
});

test('a legacy token Secret: the annotation is required; the tokens controller fills one of an existing ServiceAccount and deletes one of a missing one', async () => {
  const state = await standaloneState();
  const secret = (name: string, annotations?: Json) => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name, ...(annotations ? { annotations } : {}) }, type: 'kubernetes.io/service-account-token' });
  assert.deepEqual(
    (await create(state, 'secrets', secret('orphan'))).body,
    failure(422, 'Invalid', 'Secret "orphan" is invalid: metadata.annotations[kubernetes.io/service-account.name]: Required value', {
      name: 'orphan',
      kind: 'Secret',
      causes: [{ reason: 'FieldValueRequired', message: 'Required value', field: 'metadata.annotations[kubernetes.io/service-account.name]' }],
    }),
  );
  const created = await create(state, 'secrets', secret('vault-auth-token', { 'kubernetes.io/service-account.name': 'vault-auth' }));
  assert.equal(created.status, 201);
  assert.equal(created.body.data, undefined, 'the reply is the Secret as stored, before the controller');
  const filled = state.store.get('secrets', 'demo', 'vault-auth-token')!;
  const data = filled.data as Record<string, string>;
  assert.equal(filled.metadata.annotations?.['kubernetes.io/service-account.uid'], state.store.get('serviceaccounts', 'demo', 'vault-auth')!.metadata.uid);
  assert.equal(Buffer.from(data.namespace, 'base64').toString(), 'demo');
  const token = Buffer.from(data.token, 'base64').toString();
  const review = await state.tokens.review(token, []);
  assert.ok('user' in review && review.user.username === 'system:serviceaccount:demo:vault-auth', JSON.stringify(review));
  state.store.delete('secrets', 'demo', 'vault-auth-token');
  assert.deepEqual(await state.tokens.review(token, []), { error: '[invalid bearer token, Token has been invalidated]' });
  assert.equal((await create(state, 'secrets', secret('nobody-token', { 'kubernetes.io/service-account.name': 'nobody' }))).status, 201);
  assert.equal(state.store.get('secrets', 'demo', 'nobody-token'), undefined, 'the tokens controller deletes the token Secret of a missing ServiceAccount');
});

test('a Deployment without a selector, its Pod template checked like a Pod; AlreadyExists and NotFound name apps', async () => {
  const state = await standaloneState();
  const template = pod('', tokenVolume({ expirationSeconds: 60, path: 'token' }));
  const deployment = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { template: { spec: template.spec } } };
  const refused = await create(state, 'deployments', deployment, '', 'apps');
  assert.equal(
    (refused.body as { message: string }).message,
    'Deployment.apps "web" is invalid: [spec.selector: Required value, spec.template.metadata.labels: Invalid value: map[string]string(nil): `selector` does not match template `labels`, spec.template.spec.volumes[0].projected.sources[0].serviceAccountToken.expirationSeconds: Invalid value: 60: may not specify a duration less than 10 minutes, spec.template.spec.containers[0].volumeMounts[0].name: Not found: "token"]',
  );
  assert.deepEqual((refused.body.details as Json).group, 'apps');
  const valid = { ...deployment, spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: pod('', tokenVolume({ path: 'token' })).spec } } };
  assert.equal((await create(state, 'deployments', valid, '', 'apps')).status, 201);
  assert.deepEqual((await create(state, 'deployments', valid, '', 'apps')).body, failure(409, 'AlreadyExists', 'deployments.apps "web" already exists', { name: 'web', group: 'apps', kind: 'deployments' }));
  const renamed = { ...valid, metadata: { name: 'renamed' }, spec: { ...valid.spec, template: { ...valid.spec.template, spec: { ...valid.spec.template.spec, serviceAccountName: 'Not_A_Name' } } } };
  assert.deepEqual(((await create(state, 'deployments', renamed, 'dryRun=All', 'apps')).body.details as { causes: Json[] }).causes, [
    {
      reason: 'FieldValueInvalid',
      message:
        "Invalid value: \"Not_A_Name\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
      field: 'spec.template.spec.serviceAccountName',
    },
  ]);
  const missing = getWorkload(requestContext(state, 'GET', '/apis/apps/v1/namespaces/demo/deployments/nope', { params: { namespace: 'demo', resource: 'deployments', name: 'nope' } }));
  assert.deepEqual(missing.body, failure(404, 'NotFound', 'deployments.apps "nope" not found', { name: 'nope', group: 'apps', kind: 'deployments' }));
});

test("a StatefulSet's Pod template is not validated (its controller's Pods are); a Job needs OnFailure or Never", async () => {
  const state = await standaloneState();
  const template = { metadata: { labels: { app: 'db' } }, spec: pod('', tokenVolume({ expirationSeconds: 60 })).spec };
  const statefulSet = { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'db' }, spec: { serviceName: 'db', selector: { matchLabels: { app: 'db' } }, template } };
  assert.equal((await create(state, 'statefulsets', statefulSet, 'dryRun=All', 'apps')).status, 201);
  const daemonSet = { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'agent' }, spec: { template: { ...template, spec: pod('', tokenVolume({ path: 'token' })).spec } } };
  assert.equal(
    ((await create(state, 'daemonsets', daemonSet, 'dryRun=All', 'apps')).body as { message: string }).message,
    'DaemonSet.apps "agent" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"db"}: `selector` does not match template `labels`',
    'a DaemonSet without a selector fails only the label match (ValidateDaemonSetSpec)',
  );
  const job = { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'migrate' }, spec: { template: { spec: pod('', tokenVolume({ path: 'token' })).spec } } };
  assert.equal(
    ((await create(state, 'jobs', job, '', 'batch')).body as { message: string }).message,
    'Job.batch "migrate" is invalid: spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"',
  );
});

test('creates are authorized by RBAC like other writes: restricted may not create Pods', async () => {
  const state = await standaloneState();
  const reply = await dispatch({ ...requestContext(state, 'POST', '/api/v1/namespaces/demo/pods', { user: restricted, body: () => assert.fail('a refused request body is never read') }) });
  assert.equal(reply.status, 403);
  assert.equal((reply.body as { message: string }).message, 'pods is forbidden: User "restricted" cannot create resource "pods" in API group "" in the namespace "demo"');
});

test('hostile input: a name that is no DNS subdomain, a protobuf body, and a Pod kind posted as a Deployment', async () => {
  const state = await standaloneState();
  const named = await create(state, 'pods', { ...pod('x', tokenVolume({ path: 'token' })), metadata: { name: '../../etc' } });
  assert.equal((named.body.details as { causes: Json[] }).causes[0].field, 'metadata.name');
  const protobuf = await createWorkload(requestContext(state, 'POST', '/api/v1/namespaces/demo/pods', { params: { namespace: 'demo', resource: 'pods' }, contentType: 'application/vnd.kubernetes.protobuf', body: jsonBody({}) }));
  assert.equal(protobuf.status, 415);
  const crossed = await create(state, 'deployments', pod('x', tokenVolume({ path: 'token' })), '', 'apps');
  assert.equal((crossed.body as { message: string }).message, 'Pod in version "v1" cannot be handled as a Deployment: converting (v1.Pod) to (apps.Deployment): unknown conversion');
});
