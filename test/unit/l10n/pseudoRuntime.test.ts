import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import * as l10n from '../../../src/text/l10n';
import { pseudoEnd, pseudoLocale, pseudoLocalise, pseudoStart, readJson, type Messages } from '../../../scripts/l10n';
import { toClusterError } from '../../../src/cluster/errors';
import { decodeJwt } from '../../../src/jwt/decode';
import { describeJwt } from '../../../src/jwt/describe';
import { fetchJwks } from '../../../src/jwt/remoteKeys';
import { keySourceFromText, verifyJwt } from '../../../src/jwt/verify';
import { presentPermissions } from '../../../src/explorer/permissionNodes';
import { completionsAt, hoverAt, validateManifests } from '../../../src/manifests';
import { combinedSchema } from '../../../src/manifests/yamlExtensionSchema';
import { findingRow, summaryDetails, summaryText } from '../../../src/scan/findingRows';
import { finding, now as scanNow } from '../scan/findings';
import { dangerousRights } from '../../../src/rbac/dangers';
import { parseDuration } from '../../../src/tokens/duration';
import { describeReview } from '../../../src/tokens/review';
import { expiryMoment, revocableTokenOf, revocationPlan } from '../../../src/tokens/revocation';
import { decodedDocument } from '../../../src/tokens/decodedDocument';
import { plaintextServiceAccountTokens } from '../../../src/jwt/credentials';
import { serviceAccountFolder } from '../../../src/kubernetesExtension/clusterExplorer';
import { ApiException } from '@kubernetes/client-node';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { presentNode } from '../../../src/explorer/treeNodes';
import { accessHeadline, describeRequest, resourceChoices } from '../../../src/rbac/access';
import { permissionsFromObjects } from '../../../src/rbac/permissions';
import { describeDanger, describeGrant, describeOrigin, describeRule, describeScope, groupByScope } from '../../../src/rbac/ruleText';
import { describeIssued } from '../../../src/tokens/handoffFormats';
import type { IssuedToken } from '../../../src/cluster/types';
import { repoRoot } from '../packageManifest';

// As the extension does in activate with the bundle VS Code loaded: here the pseudo-localised one, so
// any English word left in what the core says was never translated. (Each test file runs in its own process.)
l10n.configureLocalisation({ contents: readJson<Messages>(join(repoRoot, 'l10n', `bundle.l10n.${pseudoLocale}.json`)) });

const now = Date.parse('2026-11-27T10:00:00Z');
const nowSeconds = now / 1000;
const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const kubernetesToken = `${base64url({ alg: 'RS256', kid: 'key-1' })}.${base64url({
  iss: 'https://kubernetes.default.svc.cluster.local',
  sub: 'system:serviceaccount:demo:vault-auth',
  aud: ['vault'],
  exp: nowSeconds + 3600,
  iat: nowSeconds - 60,
  nbf: nowSeconds - 60,
  'kubernetes.io': { namespace: 'demo', serviceaccount: { name: 'vault-auth', uid: 'uid-1' }, pod: { name: 'vault-0', uid: 'uid-2' } },
})}.c2lnbmF0dXJl`;

/** Text from the input (names, claims, numbers, times) and code spans are not ours to translate; everything else must be pseudo-localised. */
function assertPseudoLocalised(text: string, inputs: readonly string[] = []): void {
  assert.ok(text.includes(pseudoStart) && text.includes(pseudoEnd), `"${text}" is pseudo-localised`);
  let rest = text.replace(/`[^`]*`/g, ' ');
  for (const input of [...inputs].sort((a, b) => b.length - a.length)) {
    rest = rest.split(input).join(' ');
  }
  assert.doesNotMatch(rest, /[A-Za-z]{2,}/, `"${text}": English left in "${rest}"`);
}

/**
 * One translated message, values in its placeholders: bracketed from its first character to its last.
 * A message glued from pieces (`t('unknown field {0}:') + t(' Did you mean…?')`) reads `［…］［…］`,
 * and its word order is then English, whatever the translation.
 */
function assertWholeMessage(text: string): void {
  let depth = 0;
  [...text].forEach((character, index) => {
    depth += character === pseudoStart ? 1 : character === pseudoEnd ? -1 : 0;
    assert.ok(index === 0 || index === text.length - 1 || depth > 0, `"${text}" is one message, not pieces glued together`);
  });
  assert.ok(text.startsWith(pseudoStart) && text.endsWith(pseudoEnd), `"${text}" is one message`);
}

/**
 * `text` is one whole message holding exactly `nested` whole messages in its placeholders (a key's
 * name, a duration). A piece glued into one of its placeholders (`［Forbidden … ［ in namespace demo］］`)
 * counts as one more, so a message whose values are all the input's has `nested` 0.
 */
function assertMessages(text: string, nested: number): void {
  assertWholeMessage(text);
  assert.equal([...text].filter((character) => character === pseudoStart).length, 1 + nested, `"${text}" is one message with ${nested} whole messages in its placeholders`);
}

/** Each of `pieces` sits in the same message (the innermost one around it): the translation, not the code, orders them. */
function assertSameMessage(text: string, ...pieces: readonly string[]): void {
  const owner = (at: number) => {
    const open: number[] = [];
    [...text.slice(0, at)].forEach((character, index) => (character === pseudoStart ? open.push(index) : character === pseudoEnd ? open.pop() : undefined));
    return open.at(-1);
  };
  const owners = pieces.map((piece) => {
    const at = text.indexOf(piece);
    assert.ok(at >= 0, `"${piece}" in "${text}"`);
    return owner(at);
  });
  assert.ok(owners[0] !== undefined && owners.every((each) => each === owners[0]), `"${text}": ${pieces.map((piece) => `"${piece}"`).join(', ')} are in one message`);
}

/** Our words as the pseudo bundle writes them, without its brackets. */
const pseudo = (words: string) => pseudoLocalise(words).slice(1, -1);

test('a token description: its title, summary, times and claim meanings', () => {
  const description = describeJwt(decodeJwt(kubernetesToken), now);
  const inputs = ['demo', 'vault-auth', 'vault-0', 'vault', 'https://kubernetes.default.svc.cluster.local', '2026-11-27T11:00:00Z', '2026-11-27T09:59:00Z'];
  assertPseudoLocalised(description.title);
  assertPseudoLocalised(description.summary.plain(), inputs);
  for (const line of description.times) {
    assertPseudoLocalised(line.plain(), inputs);
  }
  const meanings = [...description.header, ...description.claims].map((line) => line.meaning).filter((meaning) => meaning !== undefined);
  assert.ok(meanings.length >= 8);
  meanings.forEach((meaning) => assertPseudoLocalised(meaning));
});

test('a token that cannot be decoded: why, in the words of the core', () => {
  const decoded = decodeJwt('e30.e30.e30.e30');
  assert.equal(decoded.form, 'malformed');
  const description = describeJwt(decoded, now);
  assertPseudoLocalised(description.title);
  assertPseudoLocalised(description.summary.plain());
});

test('a ServiceAccount row and its Permissions row in the tree', () => {
  const account = { namespace: 'demo', name: 'web', uid: 'uid-web', createdAt: new Date(now - 3 * 86400_000), legacyTokenSecrets: [] };
  const row = presentNode({ kind: 'serviceAccount', account } as Parameters<typeof presentNode>[0], { forServiceAccount: () => [] }, now);
  assertPseudoLocalised(row.tooltip ?? '', ['demo', 'web', 'uid-web']);
  const namespaceRow = presentNode({ kind: 'namespace', namespace: { name: 'demo', serviceAccounts: [account, { ...account, name: 'db' }] } } as Parameters<typeof presentNode>[0], { forServiceAccount: () => [] }, now);
  assertPseudoLocalised(namespaceRow.description ?? '');
  const permissions = presentPermissions(account as Parameters<typeof presentPermissions>[0], undefined);
  assertPseudoLocalised(permissions.tooltip ?? '');
});

test('error messages of the core', async () => {
  assert.throws(() => keySourceFromText('not a key', 'key.pem'), (error: Error) => (assertPseudoLocalised(error.message, ['key.pem', 'PEM', 'JSON', 'JWKS', 'JWK']), true));
  const refused = toClusterError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:6443'), { code: 'ECONNREFUSED' }), { verb: 'list', resource: 'serviceaccounts' }, { server: 'https://127.0.0.1:6443' });
  assertPseudoLocalised(refused.message, ['https://127.0.0.1:6443']);
  await assert.rejects(fetchJwks('ftp://keys.example', AbortSignal.timeout(1000)), (error: Error) => (assertPseudoLocalised(error.message, ['ftp://keys.example', 'HTTPS', 'HTTP']), true));
});

test('a TokenRequest with errors: every diagnostic and the title of every fix', () => {
  const text = 'apiVersion: authentication.k8s.io/v1beta1\nkind: TokenRequest\nmetadata:\n  name: vault-auth\nspec:\n  audiences: [" vault "]\n  expirationSeconds: 60\n  boundObjectRef:\n    kind: Deployment\n';
  const findings = validateManifests(text, { defaultAudiences: [], now: 0 });
  assert.ok(findings.length >= 4, findings.map((finding) => finding.message).join('\n'));
  const inputs = ['/, Kind=Deployment', 'Pod', 'Secret', 'Node', 'authentication.k8s.io/v1beta1', 'authentication.k8s.io/v1', 'TokenRequest', 'vault-auth', 'vault', 'Deployment', 'v1', '60', '600'];
  // A message that is the API server's own answer (`field: Invalid value: …`) stays in its words, as kubectl prints it.
  const serverAnswer = /^[\w.[\]]+: (Invalid value|Required value|Not found): /;
  assert.ok(findings.some((finding) => serverAnswer.test(finding.message)));
  for (const finding of findings) {
    if (!serverAnswer.test(finding.message)) {
      assertPseudoLocalised(finding.message, inputs);
      assertWholeMessage(finding.message);
    }
    finding.fixes.forEach((fix) => (assertPseudoLocalised(fix.title, inputs), assertWholeMessage(fix.title)));
  }
});

test('RBAC dangers, a TokenReview answer and a lifetime the person typed', () => {
  for (const right of dangerousRights) {
    assertPseudoLocalised(right.what, ['Secrets', 'Pods', 'serviceaccounts/token', 'cluster-admin', 'roles', 'clusterroles', 'users', 'groups', 'serviceaccounts', 'create', 'impersonate', 'escalate', 'bind', 'nodes/proxy']);
  }
  const review = describeReview({ authenticated: true, username: 'system:serviceaccount:demo:web', groups: [], extra: {}, audiences: ['vault'], missingAudiences: ['db'] }, ['vault', 'db']);
  assertPseudoLocalised(review.headline, ['system:serviceaccount:demo:web']);
  review.details.forEach((line) => assertPseudoLocalised(line, ['system:serviceaccount:demo:web', 'vault', 'db', 'status.audiences']));
  const typed = parseDuration('soon');
  assert.ok('error' in typed);
  assertPseudoLocalised(typed.error, ['soon', '10m', '1h', '2h30m', '86400s']);
});

/** Applies one fix's edits to the text, last first. */
const applied = (text: string, edits: readonly { start: number; end: number; newText: string }[]) => [...edits].sort((a, b) => b.start - a.start).reduce((result, edit) => result.slice(0, edit.start) + edit.newText + result.slice(edit.end), text);

test('manifest completion: field docs, their details, and what binding to each kind means', () => {
  const request = 'apiVersion: authentication.k8s.io/v1\nkind: TokenRequest\nspec:\n  \n';
  const fields = completionsAt(request, request.length - 1);
  assert.ok(fields.length >= 3, fields.map((item) => item.label).join());
  for (const item of fields) {
    assertPseudoLocalised(item.documentation, ['TokenRequest', 'TokenRequestSpec']);
    if (item.detail?.includes(',')) {
      assertPseudoLocalised(item.detail, ['[]string']);
    }
  }
  const bound = 'apiVersion: authentication.k8s.io/v1\nkind: TokenRequest\nspec:\n  boundObjectRef:\n    kind: ';
  const kinds = completionsAt(bound, bound.length);
  assert.deepEqual(kinds.map((item) => item.label), ['Pod', 'Secret', 'Node']);
  kinds.forEach((item) => assertPseudoLocalised(item.documentation, ['Pod', 'Secret', 'Node', 'ServiceAccount', 'Kubernetes', '1.31']));
  const pod = 'kind: Pod\nspec:\n  volumes:\n    - projected:\n        sources:\n          - \n';
  const projected = completionsAt(pod, pod.length - 1);
  assert.ok(projected.length > 0);
  projected.forEach((item) => assertPseudoLocalised(item.documentation));
});

test('manifest hover: a field, its type and whether it is required', () => {
  const text = 'apiVersion: authentication.k8s.io/v1\nkind: TokenRequest\nspec:\n  audiences: [vault]\n';
  const hover = hoverAt(text, text.indexOf('audiences') + 2);
  assert.ok(hover);
  // The title (`TokenRequest.spec.audiences`) names the field, as the API does.
  assertPseudoLocalised(hover.markdown.replace(/^\*\*[\w.]+\*\*/, ''));
});

test("the schema offered to the YAML extension: its title and the fields' descriptions", () => {
  const schema = combinedSchema({ TokenRequest: { description: 'TokenRequest requests a token for a given service account.', properties: { spec: { description: 'TokenRequestSpec contains client provided parameters of a token request.' } } } });
  assertPseudoLocalised(String(schema.title), ['TokenRequest', 'TokenReview']);
  const then = (schema.allOf as { then: { description: string; properties: { spec: { description: string } } } }[])[0].then;
  assertPseudoLocalised(then.description, ['TokenRequest']);
  assertPseudoLocalised(then.properties.spec.description, ['TokenRequestSpec']);
});

test('a legacy token Secret: the warning, its fixes and the note written in its place', () => {
  const text = 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: ci-token\n  annotations:\n    kubernetes.io/service-account.name: ci\ntype: kubernetes.io/service-account-token\n';
  const warning = validateManifests(text, { defaultAudiences: [], now: 0 }).find((finding) => finding.code === 'legacy-token-secret');
  assert.ok(warning);
  const inputs = ['"ci"', '"ci-token"', 'ci', 'TokenRequest', 'Secret', 'ServiceAccount', 'serviceAccountToken', 'Pod'];
  assertPseudoLocalised(warning.message, inputs);
  assertWholeMessage(warning.message);
  warning.fixes.forEach((fix) => (assertPseudoLocalised(fix.title, inputs), assertWholeMessage(fix.title)));
  const note = applied(text, warning.fixes[1].edits).split('\n');
  // The prose lines of the note, and the comment on the audience; the rest is YAML to copy.
  [...note.slice(0, 3), note.find((line) => line.includes('# audience:'))!.replace(/^#\s+# audience:/, '')].forEach((line) => assertPseudoLocalised(line.replace(/^#/, ''), inputs));
});

test("the validator's messages: a misspelt field with its did-you-mean, a value kubectl reads otherwise", () => {
  const text = 'apiVersion: authentication.k8s.io/v1\nkind: TokenRequest\nspec:\n  audiences: [vault]\n  expirationSecond: 3600\n  boundObjectRef:\n    kind: Pod\n    name: yes\n';
  const findings = validateManifests(text, { defaultAudiences: [], now: 0 });
  const unknown = findings.find((finding) => finding.code === 'unknown-field');
  assert.ok(unknown?.message.includes('expirationSeconds'), unknown?.message);
  const inputs = ['Pod', '"spec.expirationSecond"', '"expirationSecond"', 'expirationSeconds', 'fieldValidation=Strict', 'true', '"yes"', 'yes', 'spec.boundObjectRef.name', 'kubectl', 'YAML', '1.1', 'json', 'BoundObjectReference', 'string', 'bool'];
  for (const finding of findings) {
    // The server's own answer (`json: cannot unmarshal …`) is quoted in its words.
    assertPseudoLocalised(finding.message.replace(/"json: [^"]*"/, ' '), inputs);
    assertWholeMessage(finding.message);
    finding.fixes.forEach((fix) => (assertPseudoLocalised(fix.title, inputs), assertWholeMessage(fix.title)));
  }
});

test('Tokens in Workspace: a finding, the summary and why a file was skipped', () => {
  const row = findingRow(finding(), scanNow, { kind: 'rejected', cluster: 'kind-dev', reason: 'gone' });
  const inputs = ['demo', 'vault-auth', 'Pod', 'web-0', 'kind-dev', 'gone', '0123456789abcdef', 'SHA-256', 'TokenReview'];
  assertPseudoLocalised(row.description, inputs);
  row.tooltip.split('\n\n').forEach((paragraph) => assertPseudoLocalised(paragraph, inputs));
  assertPseudoLocalised(findingRow(finding({ kind: 'legacy', boundObject: undefined, audiences: [], expiresAt: undefined }), scanNow).description);
  const summary = { findings: [finding()], otherJwts: 1, durationMs: 1500, cancelled: true, filesScanned: 10, bytesScanned: 1024, filesSkipped: 3 };
  summaryText({ ...summary, unreadable: [] })
    .split(' · ')
    .forEach((part) => assertPseudoLocalised(part));
  const unreadable = [
    { file: '/r/locked', reason: { kind: 'permission-denied' as const } },
    { file: '/r/gone', reason: { kind: 'removed' as const } },
    { file: '/r/dir', reason: { kind: 'other' as const, code: 'EISDIR' } },
    { file: '/r/odd', reason: { kind: 'other' as const } },
  ];
  const details = summaryDetails({ ...summary, unreadable }, []).split('\n');
  assert.equal(details.length, 5);
  details.forEach((line) => assertPseudoLocalised(line, ['/r/locked', '/r/gone', '/r/dir', '/r/odd', 'EISDIR']));
});

test("a StatefulSet's Pod template: the finding and when the server reports it, as one message", () => {
  const text = 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: db\nspec:\n  template:\n    spec:\n      containers:\n        - name: db\n          volumeMounts:\n            - name: missing\n              mountPath: /data\n      volumes:\n        - name: token\n          projected:\n            sources:\n              - serviceAccountToken:\n                  path: token\n';
  const finding = validateManifests(text, { defaultAudiences: [], now: 0 }).find((each) => each.code === 'volume-mount-unknown');
  assert.ok(finding);
  assertWholeMessage(finding.message);
  assertPseudoLocalised(finding.message, ['spec.containers[0].volumeMounts[0]', '"missing"', 'StatefulSet', 'Pod', 'pkg/apis/apps/validation', 'ValidatePodTemplateSpecForStatefulSet']);
});

test('an issued token in the tree and in a hand-off title: what it is for, until when, and when it was issued', () => {
  const issued = { token: 'x', namespace: 'demo', serviceAccount: 'vault-auth', audiences: ['vault'], boundObject: { kind: 'Pod', name: 'web-0', uid: 'u' }, issuedAt: new Date(now - 600_000), expiresAt: new Date(now + 3000_000), warnings: [] } as unknown as IssuedToken;
  const row = presentNode({ kind: 'issuedToken', issued }, { forServiceAccount: () => [] }, now);
  const inputs = ['vault', 'Pod', 'web-0', 'exp'];
  assertPseudoLocalised(row.label, inputs);
  assertWholeMessage(row.label);
  assertPseudoLocalised(row.description ?? '');
  assertPseudoLocalised(describeIssued(issued, now), ['demo/vault-auth', ...inputs]);
  assertPseudoLocalised(describeIssued({ ...issued, audiences: [], boundObject: undefined }, now), ['demo/vault-auth', ...inputs]);
});

test('a rule, where it comes from, and a can-it answer', () => {
  const permissions = permissionsFromObjects(
    {
      clusterRoles: [],
      clusterRoleBindings: [],
      roles: [{ metadata: { name: 'reader', namespace: 'demo' }, rules: [{ verbs: ['get'], apiGroups: [''], resources: ['secrets'], resourceNames: ['a', 'b', 'c', 'd', 'e', 'f', 'g'] }] }],
      roleBindings: [{ metadata: { name: 'web-reader', namespace: 'demo' }, roleRef: { kind: 'Role', name: 'reader' }, subjects: [{ kind: 'ServiceAccount', name: 'web' }] }],
    },
    { namespace: 'demo', name: 'web' },
  );
  const [grant] = permissions.grants;
  const inputs = ['get', 'secrets', 'a, b, c, d, e, f', 'demo', 'RoleBinding', 'demo/web-reader', 'Role', 'reader', 'ServiceAccount', 'demo/web', '→'];
  assertPseudoLocalised(describeGrant(grant), inputs);
  assertPseudoLocalised(describeOrigin(grant.via), inputs);
  const question = { account: { namespace: 'demo', name: 'web' }, request: { verb: 'get', resource: 'secrets', namespace: 'demo', name: 'a' }, namespaced: true, context: { name: 'kind', server: 'https://x' }, askedAt: new Date(now) };
  const headline = accessHeadline(question as Parameters<typeof accessHeadline>[0], { kind: 'computed', permissions, reviewRefused: 'no' } as Parameters<typeof accessHeadline>[1]);
  assertPseudoLocalised(headline, ['demo/web', 'get', 'secrets', 'a', 'demo']);
  assertWholeMessage(headline);
});

test('a can-it request: the verb, the resource, its name and the namespace in one message, whichever are given', () => {
  const request = { verb: 'watch', group: 'apps', resource: 'deployments', name: 'app-config', namespace: 'demo-ns' };
  const inputs = ['watch', 'deployments.apps', 'app-config', 'demo-ns'];
  for (const [asked, namespaced] of [
    [request, true],
    [{ ...request, name: undefined }, true],
    [{ ...request, namespace: undefined }, true],
    [{ ...request, name: undefined, namespace: undefined }, true],
    [request, false],
    [{ ...request, name: undefined }, false],
  ] as const) {
    const text = describeRequest(asked, namespaced);
    assertPseudoLocalised(text, inputs);
    assertMessages(text, 0);
  }
  const [choice] = resourceChoices([{ group: '', version: 'v1', resource: 'secrets', kind: 'Secret', namespaced: true, verbs: ['get'] } as unknown as Parameters<typeof resourceChoices>[0][number]]);
  choice.description.split(' · ').filter((part) => part !== 'Secret' && part !== 'v1').forEach((part) => assertPseudoLocalised(part));
});

test('a rule with its names and where it holds, a rule on every verb, a dangerous right: each one message', () => {
  const grant = { rule: { verbs: ['get'], apiGroups: [''], resources: ['secrets'], resourceNames: ['alpha'] }, scope: { kind: 'namespace', namespace: 'demo' } } as Parameters<typeof describeGrant>[0];
  assertSameMessage(describeGrant(grant), 'get', 'alpha');
  assertMessages(describeGrant(grant), 1);
  assertMessages(describeGrant({ ...grant, scope: { kind: 'cluster-wide' } } as Parameters<typeof describeGrant>[0]), 1);
  for (const rule of [
    { verbs: ['*'], apiGroups: ['*'], resources: ['*'] },
    { verbs: ['*'], apiGroups: [''], resources: ['secrets'], resourceNames: ['alpha'] },
    { verbs: ['*'], nonResourceURLs: ['/healthz'] },
    { verbs: ['*'], nonResourceURLs: ['*'] },
    { verbs: ['get'], nonResourceURLs: ['*'] },
  ]) {
    assertPseudoLocalised(describeRule(rule), ['secrets', 'alpha', '/healthz', 'get']);
    assertMessages(describeRule(rule), 0);
  }
  assertMessages(describeScope('WHAT', { kind: 'namespace', namespace: 'demo' }), 0);
  assertMessages(describeDanger('WHAT', { kind: 'namespace', namespace: 'demo' }, 'WHY'), 0);
  assertMessages(describeDanger('WHAT', { kind: 'cluster-wide' }, 'WHY'), 0);
  const permissions = { grants: [{ rule: grant.rule, scope: { kind: 'cluster-wide' } }], notes: [], missingRoles: [], incomplete: false, source: 'rbac-objects' } as unknown as Parameters<typeof groupByScope>[0];
  assertPseudoLocalised(groupByScope(permissions)[0].title);
});

test("the API server's refusals: the namespace, the server's words and the wait in the one sentence", () => {
  const status = (code: number, message?: string) => JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', code, ...(message ? { message } : {}), reason: 'InternalError' });
  const action = { verb: 'list', resource: 'pods', namespace: 'demo' };
  const refusals = [
    toClusterError(new ApiException(403, 'x', status(403, 'pods is forbidden'), {}), action),
    toClusterError(new ApiException(403, 'x', status(403), {}), action),
    toClusterError(new ApiException(403, 'x', status(403, 'pods is forbidden'), {}), { verb: 'list', resource: 'nodes' }),
    toClusterError(new ApiException(429, 'x', status(429), { 'retry-after': '30' }), action),
    toClusterError(new ApiException(429, 'x', status(429), {}), action),
    toClusterError(new ApiException(500, 'x', status(500, 'etcd is down'), {}), action),
    toClusterError(new ApiException(500, 'x', status(500), {}), action),
    toClusterError(new ApiException(418, 'x', status(418, 'teapot'), {}), action),
    toClusterError(Object.assign(new Error('plugin said no'), { name: 'Error' }), action, { server: 'https://x', execCommand: 'aws' }),
  ];
  for (const refusal of refusals) {
    assertPseudoLocalised(refusal.message, ['list', 'pods', 'nodes', 'demo', 'pods is forbidden', 'etcd is down', 'teapot', '500 InternalError', '30', 'aws', 'plugin said no', 'RBAC', 'HTTP', 'API']);
    assertMessages(refusal.message, refusal.message.includes(pseudo('(unknown)')) ? 1 : 0);
  }
  assertSameMessage(refusals[0].message, 'list', 'demo', 'pods is forbidden');
});

test('a key set in rotation and a signature no key of it verified: one sentence each', async () => {
  const pairs = await Promise.all([1, 2, 3].map(() => generateKeyPair('RS256')));
  const keys = await Promise.all(pairs.map(async ({ publicKey }) => ({ ...(await exportJWK(publicKey)), alg: 'RS256', kid: 'k' })));
  const sign = (privateKey: CryptoKey) => new SignJWT({ sub: 'x' }).setProtectedHeader({ alg: 'RS256', kid: 'k' }).sign(privateKey);
  const source = { kind: 'jwks' as const, label: 'keys.json', jwks: { keys } };
  const inRotation = await verifyJwt(await sign(pairs[2].privateKey), source, { now });
  assert.equal(inRotation.signatureValid, true);
  assertWholeMessage(inRotation.signature);
  assertSameMessage(inRotation.signature, 'keys.json', pseudo('other keys of the set'));
  const { privateKey } = await generateKeyPair('RS256');
  for (const set of [keys, keys.slice(0, 1)]) {
    const mismatch = await verifyJwt(await sign(privateKey), { ...source, jwks: { keys: set } }, { now });
    assertPseudoLocalised(mismatch.signature, ['keys.json']);
    assertMessages(mismatch.signature, 0);
  }
});

test('revoking: the Pods that run as a ServiceAccount, the other tokens, and when it expires, each one sentence', () => {
  const result = revocableTokenOf({ exp: now / 1000 + 42 * 60, 'kubernetes.io': { namespace: 'demo', serviceaccount: { name: 'vault-auth', uid: 'u' } } });
  assert.ok('token' in result);
  const pods = Array.from({ length: 14 }, (_, i) => `web-${i}`);
  const inputs = ['demo/vault-auth', ...pods];
  for (const [known, others] of [
    [{ pods: ['web-0'], morePods: false }, 1],
    [{ pods: ['web-0'], morePods: true }, 2],
    [{ pods: ['web-0', 'web-1'], morePods: false }, 0],
    [{ pods, morePods: false }, 0],
    [{ pods, morePods: true }, 0],
  ] as const) {
    const account = revocationPlan(result.token, { now, serviceAccount: { ...known, legacySecrets: [] }, otherIssuedTokens: others }).routes.find((route) => route.kind === 'recreate-service-account');
    assert.ok(account);
    account.effects.slice(0, 2).forEach((effect) => (assertPseudoLocalised(effect, inputs), assertMessages(effect, 0)));
  }
  const soon = expiryMoment(now / 1000 + 42 * 60, now);
  assertPseudoLocalised(soon, ['2026-11-27 10:42:00']);
  assertMessages(soon, 1);
  assertPseudoLocalised(expiryMoment(now / 1000 - 60, now), ['2026-11-27 09:59:00']);
});

test("a plain-text token's diagnostic and the decoded document's times: the time inside the sentence that names it", () => {
  const [found] = plaintextServiceAccountTokens(`token: ${kubernetesToken}\n`, now).tokens;
  assertSameMessage(found.message, pseudo('valid until'), '2026-11-27T11:00:00Z');
  const times = decodedDocument(kubernetesToken, false, now)
    .split('\n')
    .filter((line) => /"(exp|iat|nbf)":/.test(line))
    .map((line) => line.replace(/^.*\/\/ /, ''));
  assert.equal(times.length, 3);
  times.forEach((line) => (assertPseudoLocalised(line, ['2026-11-27 11:00:00', '2026-11-27 09:59:00']), assertMessages(line, 1)));
});

test("a finding's tooltip: the bound object and its uid in one sentence; the Kubernetes extension's folder names", () => {
  const bound = findingRow(finding(), scanNow).tooltip.split('\n\n').find((paragraph) => paragraph.includes('web-0'));
  assert.ok(bound);
  assertSameMessage(bound, 'web-0', 'pod-uid');
  const [singular, plural] = serviceAccountFolder();
  assertPseudoLocalised(singular);
  assertPseudoLocalised(plural);
});
