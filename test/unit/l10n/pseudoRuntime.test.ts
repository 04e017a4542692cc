import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import * as l10n from '../../../src/text/l10n';
import { pseudoEnd, pseudoLocale, pseudoStart, readJson, type Messages } from '../../../scripts/l10n';
import { toClusterError } from '../../../src/cluster/errors';
import { decodeJwt } from '../../../src/jwt/decode';
import { describeJwt } from '../../../src/jwt/describe';
import { fetchJwks } from '../../../src/jwt/remoteKeys';
import { keySourceFromText } from '../../../src/jwt/verify';
import { presentPermissions } from '../../../src/explorer/permissionNodes';
import { validateManifests } from '../../../src/manifests';
import { dangerousRights } from '../../../src/rbac/dangers';
import { parseDuration } from '../../../src/tokens/duration';
import { describeReview } from '../../../src/tokens/review';
import { presentNode } from '../../../src/explorer/treeNodes';
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
    }
    finding.fixes.forEach((fix) => assertPseudoLocalised(fix.title, inputs));
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
