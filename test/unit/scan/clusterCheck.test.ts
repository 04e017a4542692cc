import assert from 'node:assert/strict';
import { test } from 'node:test';
import { legacyIssuer } from '../../../src/jwt/kubernetes';
import { legacyAccountsToLookUp, planClusterCheck, runPaced, textAtPlace } from '../../../src/scan/clusterCheck';
import { scanText } from '../../../src/scan/scanText';
import { finding } from './findings';

const issuer = 'https://kubernetes.default.svc.cluster.local';
const legacy = (overrides = {}) => finding({ kind: 'legacy', issuer: legacyIssuer, boundObject: undefined, expiresAt: undefined, fingerprint: 'legacy0000000000', ...overrides });

test("only bound tokens of the cluster's issuer, and legacy tokens of its ServiceAccounts (by UID), are sent; each token once", () => {
  const findings = [
    finding({ fingerprint: 'a' }),
    finding({ fingerprint: 'a', line: 20 }),
    finding({ fingerprint: 'b', issuer: 'https://oidc.eks.amazonaws.com/id/X' }),
    legacy({ fingerprint: 'c', serviceAccountUid: 'here' }),
    legacy({ fingerprint: 'd', serviceAccountUid: 'gone' }),
    legacy({ fingerprint: 'e', serviceAccountUid: undefined }),
    // A bound token cannot borrow the legacy route by naming a ServiceAccount UID.
    finding({ fingerprint: 'f', issuer: legacyIssuer, serviceAccountUid: 'here' }),
  ];
  const plan = planClusterCheck(findings, issuer, new Set(['here']));
  assert.deepEqual(plan.toReview.map((f) => f.fingerprint), ['a', 'c']);
  assert.equal(plan.otherIssuer, 2);
  assert.equal(plan.legacyElsewhere, 2);
});

test('a legacy token is never sent on its issuer alone, even to a cluster whose issuer reads the same', () => {
  assert.deepEqual(planClusterCheck([legacy({ serviceAccountUid: 'x' })], legacyIssuer, new Set()).toReview, []);
});

test("legacy tokens' ServiceAccounts are looked up once each, and only those with a UID", () => {
  const keys = legacyAccountsToLookUp([legacy({ serviceAccountUid: 'u' }), legacy({ serviceAccountUid: 'u', line: 9 }), legacy({ serviceAccount: 'web', serviceAccountUid: undefined }), finding()]);
  assert.deepEqual(keys, [{ namespace: 'demo', name: 'vault-auth' }]);
});

test('runPaced keeps to the pace: at most 2 at once and 5 starts a second', async () => {
  const starts: number[] = [];
  let running = 0;
  let most = 0;
  const started = await runPaced(
    Array.from({ length: 8 }, (_, i) => i),
    async () => {
      starts.push(Date.now());
      running++;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, 30));
      running--;
    },
    { perSecond: 5, inFlight: 2 },
  );
  assert.equal(started, 8);
  assert.ok(most <= 2, `${most} at once`);
  for (let i = 5; i < starts.length; i++) {
    assert.ok(starts[i] - starts[i - 5] >= 990, `starts ${i - 5} and ${i} ${starts[i] - starts[i - 5]} ms apart`);
  }
});

test('runPaced starts nothing more once cancelled', async () => {
  const abort = new AbortController();
  let calls = 0;
  const started = await runPaced(
    Array.from({ length: 10 }, (_, i) => i),
    async () => {
      calls++;
      if (calls === 2) {
        abort.abort();
      }
    },
    { perSecond: 20, inFlight: 2 },
    abort.signal,
  );
  assert.equal(calls, 2);
  assert.equal(started, 2);
});

test('the text at a place is found with \\n, \\r\\n and lone \\r line ends, as the scan counts them', () => {
  const text = 'a\r\nbb\rccc\nxx TOKEN yy\n';
  assert.equal(textAtPlace(text, { line: 3, character: 3, length: 5 }), 'TOKEN');
  assert.equal(textAtPlace(text, { line: 1, character: 0, length: 2 }), 'bb');
  assert.equal(textAtPlace(text, { line: 2, character: 0, length: 3 }), 'ccc');
});

test('a place the file no longer reaches, or that would run into the next line, has no text', () => {
  assert.equal(textAtPlace('one\ntwo', { line: 5, character: 0, length: 1 }), undefined);
  assert.equal(textAtPlace('one\ntwo', { line: 0, character: 2, length: 3 }), undefined);
  assert.equal(textAtPlace('one\ntwo', { line: 1, character: 1, length: 2 }), 'wo');
});

test('the text at the place the scan reports holds the token it fingerprinted', () => {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const claims = { iss: 'https://k', sub: 'system:serviceaccount:demo:vault-auth', aud: ['vault'], iat: 1, exp: 2, 'kubernetes.io': { namespace: 'demo', serviceaccount: { name: 'vault-auth', uid: 'u' } } };
  const token = `${part({ alg: 'RS256' })}.${part(claims)}.c2lnbmF0dXJl`;
  const text = `x\r\n\r  key: ${token}\n`;
  const [found] = scanText(text, '/f').findings;
  assert.deepEqual([found.line, found.character], [2, 7]);
  assert.equal(textAtPlace(text, found), token);
});
