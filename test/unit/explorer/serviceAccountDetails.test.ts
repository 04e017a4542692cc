import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { V1Pod, V1Secret } from '@kubernetes/client-node';
import { parseAllDocuments } from 'yaml';
import type { ServiceAccountDetails } from '../../../src/cluster/serviceAccountDetails';
import { detailsFileName, renderServiceAccountDetails } from '../../../src/explorer/serviceAccountDetails';

const created = new Date('2026-11-20T08:00:00Z');

const serviceAccount = {
  kind: 'ServiceAccount',
  apiVersion: 'v1',
  metadata: {
    name: 'vault-auth',
    namespace: 'demo',
    uid: '5f2c',
    creationTimestamp: '2026-10-01T00:00:00Z',
    labels: { app: 'yes', 'evil\u202Egnp.': 'on' },
    annotations: {
      note: 'line one\n---\nkind: Secret\ndata: {token: c3RvbGVu}',
      hidden: 'a\u200Bb # not a comment',
      'kubectl.kubernetes.io/last-applied-configuration': '{"apiVersion":"v1"}\n',
    },
    managedFields: [{ manager: 'kubectl', operation: 'Update' }],
    futureField: { kept: true },
  },
  secrets: [{ name: 'vault-auth-token-legacy' }],
};

const pod = (name: string, account: string | undefined): V1Pod => ({ metadata: { name, creationTimestamp: created }, spec: { containers: [], serviceAccountName: account, nodeName: 'node-1' }, status: { phase: 'Running' } });
const secret = (name: string, account: string, extra: Partial<V1Secret> = {}): V1Secret => ({ metadata: { name, creationTimestamp: created, annotations: { 'kubernetes.io/service-account.name': account } }, ...extra });

const details: ServiceAccountDetails = {
  namespace: 'demo',
  name: 'vault-auth',
  serviceAccount,
  pods: { listed: true, items: [pod('web-0', 'vault-auth'), pod('other-0', 'web'), pod('default-0', undefined)], more: false },
  tokenSecrets: {
    listed: true,
    more: false,
    items: [
      // A server that ignored the metadata-only request sends the data too: it must not be shown.
      secret('vault-auth-token-legacy', 'vault-auth', { type: 'kubernetes.io/service-account-token', data: { token: 'c2VjcmV0LXRva2Vu' }, stringData: { token: 'plain-secret-token' } }),
      secret('web-token', 'web'),
      secret('look-alike', 'vault-auth', { type: 'Opaque' }),
    ],
  },
};

function documentsOf(text: string): unknown[] {
  const documents = parseAllDocuments(text);
  assert.ok(Array.isArray(documents), 'a YAML stream');
  for (const document of documents) {
    assert.deepEqual(document.errors, [], text);
  }
  return documents.map((document) => document.toJS());
}

test('the ServiceAccount as the server sent it, then the Pods that run as it and its legacy token Secrets, as valid YAML', () => {
  const text = renderServiceAccountDetails(details, 'local-cluster');
  const [account, related, ...rest] = documentsOf(text);
  const metadata: Partial<typeof serviceAccount.metadata> = { ...serviceAccount.metadata };
  delete metadata.managedFields;
  assert.deepEqual(account, { ...serviceAccount, metadata }, 'everything but managedFields, unknown fields included');
  assert.deepEqual(related, {
    pods: [{ name: 'web-0', phase: 'Running', node: 'node-1', created: '2026-11-20T08:00:00Z' }],
    legacyTokenSecrets: [{ name: 'vault-auth-token-legacy', created: '2026-11-20T08:00:00Z' }],
  });
  assert.deepEqual(rest, []);
  assert.match(text, /^# ServiceAccount demo\/vault-auth in context local-cluster, as the API server sent it \(managedFields left out\)\.\n/);
  assert.doesNotMatch(text, /managedFields:/);
});

test('no Secret data ever appears, even when the answer carried it', () => {
  const text = renderServiceAccountDetails(details, 'local-cluster');
  for (const leaked of ['c2VjcmV0LXRva2Vu', 'plain-secret-token', 'stringData']) {
    assert.ok(!text.includes(leaked), `${leaked} in\n${text}`);
  }
});

test('hostile names, labels and annotations stay data: quoted, escaped, on their own lines', () => {
  const text = renderServiceAccountDetails(
    { ...details, name: 'x\n# injected: true\u202E', namespace: 'demo\r\n---', pods: { listed: true, items: [], more: false } },
    'ctx\nkind: Secret',
  );
  const [account, related] = documentsOf(text);
  assert.equal((account as typeof serviceAccount).metadata.annotations.note, serviceAccount.metadata.annotations.note);
  assert.equal((account as typeof serviceAccount).metadata.annotations.hidden, serviceAccount.metadata.annotations.hidden);
  assert.equal((account as typeof serviceAccount).metadata.labels['evil\u202Egnp.'], 'on');
  assert.equal((account as typeof serviceAccount).metadata.labels.app, 'yes', 'a YAML 1.1 boolean word stays a string');
  assert.deepEqual(related, { pods: [], legacyTokenSecrets: [] }, 'no Secret belongs to the odd name');
  assert.ok(!/[\u202E\u200B\r]/.test(text), 'invisible and reordering characters are written as escapes');
  assert.match(text, /^# ServiceAccount demo\\r\\n---\/x\\n# injected: true\\u202E in context ctx\\nkind: Secret, /);
  assert.equal(text.split('\n').filter((line) => line === '---').length, 1, 'one document separator: no name adds one');
});

test('a list the person may not read is stated, not fatal; a cut list says so', () => {
  const text = renderServiceAccountDetails(
    {
      ...details,
      pods: { listed: false, forbidden: true, message: 'Forbidden: you cannot list pods in namespace demo' },
      tokenSecrets: { listed: true, items: [secret('vault-auth-token-legacy', 'vault-auth')], more: true },
    },
    'local-cluster',
  );
  assert.match(text, /^# Pods: not allowed to list pods in demo\.$/m);
  assert.match(text, /^# Only the first 1 secrets of demo were looked at: there are more\.$/m);
  assert.deepEqual(documentsOf(text)[1], { legacyTokenSecrets: [{ name: 'vault-auth-token-legacy', created: '2026-11-20T08:00:00Z' }] });
  const failed = renderServiceAccountDetails({ ...details, tokenSecrets: { listed: false, forbidden: false, message: 'The API server failed (HTTP 500)\n[link](command:x)' } }, 'c');
  assert.match(failed, /^# Legacy token Secrets: not listed\. The API server failed \(HTTP 500\)\\n\[link\] \(command:x\)$/m);
});

test('the tab name is safe: no slashes or controls, short, always .yaml', () => {
  assert.equal(detailsFileName('demo', 'vault-auth'), 'serviceaccount demo-vault-auth.yaml');
  const hostile = detailsFileName('../../etc', `a/b\\c\u202E${'x'.repeat(500)}`);
  assert.match(hostile, /^serviceaccount [A-Za-z0-9._-]{1,80}\.yaml$/);
  assert.ok(!hostile.includes('/') && !hostile.includes('\\'));
});
