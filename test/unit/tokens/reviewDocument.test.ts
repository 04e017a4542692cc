import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { TokenReviewOutcome } from '../../../src/cluster/types';
import { reviewDocument, type ReviewResult } from '../../../src/tokens/reviewDocument';
import { injections, jws } from '../../fixtures/tokens/hostile';

process.env.TZ = 'UTC';

const nowSeconds = 1_800_000_000;
const now = nowSeconds * 1000;
const claims = {
  aud: ['vault'],
  exp: nowSeconds + 14 * 60,
  iat: nowSeconds - 60,
  iss: 'https://kubernetes.default.svc.cluster.local',
  sub: 'system:serviceaccount:demo:vault-auth',
  'kubernetes.io': { namespace: 'demo', serviceaccount: { name: 'vault-auth', uid: 'u1' } },
};
const token = jws({ alg: 'RS256', kid: 'k1' }, claims);
const outcome: TokenReviewOutcome = {
  authenticated: true,
  username: 'system:serviceaccount:demo:vault-auth',
  uid: 'u1',
  groups: ['system:serviceaccounts', 'system:authenticated'],
  extra: { 'authentication.kubernetes.io/credential-id': ['JTI=abc'] },
  audiences: ['vault'],
  missingAudiences: [],
};
const result: ReviewResult = {
  token,
  source: { kind: 'document', uri: { path: '/work/links.env' } },
  contextName: 'kind-dev',
  server: 'https://127.0.0.1:6443',
  requestedAudiences: ['vault'],
  outcome,
  reviewedAt: now,
};
/** Only line breaks of our own: nothing invisible, nothing that reorders. */
const invisible = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}\u115F\u1160\u3164\uFFA0]/u;

test('a review reads as when, where, which token (masked), the outcome in words, and the outcome as JSON', () => {
  const document = reviewDocument(3, result);
  assert.equal(document.fileName, 'Token review 3.txt');
  assert.equal(
    document.render(now),
    [
      'Reviewed 2027-01-15 08:00:00 local time (UTC+00:00), 2027-01-15 08:00:00 UTC',
      'Cluster: context kind-dev, server https://127.0.0.1:6443',
      'Audiences asked for: vault',
      `Token: the token in links.env, ${token.slice(0, 8)}… (${token.length} characters, masked)`,
      'Decoded: Kubernetes ServiceAccount token: ServiceAccount demo/vault-auth, audiences vault, expires in 14 min',
      '',
      'Authenticated as system:serviceaccount:demo:vault-auth.',
      'Username: system:serviceaccount:demo:vault-auth',
      'UID: u1',
      'Groups: system:serviceaccounts, system:authenticated',
      'Credential ID: JTI=abc',
      'Audiences: vault',
      '',
      'The outcome as JSON (the TokenReview status fields the extension read):',
      JSON.stringify(outcome, null, 2),
      '',
    ].join('\n'),
  );
  assert.ok(!document.render(now).includes(token.split('.')[1]), 'no part of the token but its first characters');
});

test('the decoded line follows the clock; the rest is fixed', () => {
  const document = reviewDocument(1, result);
  const ms = document.msUntilChange(now)!;
  assert.match(document.render(now + ms), /expires in 13 min$/m);
  assert.equal(document.render(now + ms).replace('13 min', '14 min'), document.render(now));
});

test('a rejected token, with no audiences asked for', () => {
  const rejected = { authenticated: false, groups: [], extra: {}, audiences: [], missingAudiences: [], error: 'invalid bearer token' };
  const text = reviewDocument(2, { ...result, requestedAudiences: [], outcome: rejected }).render(now);
  assert.match(text, /^Audiences asked for: none \(the API server's own\)$/m);
  assert.match(text, /^Not authenticated: the API server rejects this token\.\nReason: invalid bearer token\n/m);
});

test('hostile usernames, groups, extra keys, errors, context names and claims cannot add, forge or reorder a line', () => {
  const lineCount = (text: string) => text.split('\n').length;
  for (const { name, raw } of injections) {
    const hostile: TokenReviewOutcome = { ...outcome, username: raw, uid: raw, groups: [raw, 'g'], extra: { [raw]: [raw] }, audiences: [raw], error: raw };
    const hostileToken = jws({ alg: 'RS256', kid: raw }, { ...claims, sub: raw, 'kubernetes.io': { namespace: raw, serviceaccount: { name: raw, uid: raw } } });
    const text = reviewDocument(1, { ...result, token: hostileToken, contextName: raw, server: raw, requestedAudiences: [raw], outcome: hostile }).render(now);
    const benign = reviewDocument(1, { ...result, outcome: { ...outcome, error: 'e' } }).render(now);
    assert.doesNotMatch(text.replace(/\n/g, ''), invisible, name);
    assert.equal(lineCount(text), lineCount(benign), `${name}: the same lines as a benign review`);
    assert.ok(!text.includes(hostileToken), name);
  }
});

test('a huge answer is bounded', () => {
  const long = 'x'.repeat(1000);
  const extra = Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`key-${i}`, [long]]));
  const text = reviewDocument(1, { ...result, outcome: { ...outcome, username: 'x'.repeat(200_000), groups: Array(5000).fill(long), extra } }).render(now);
  assert.ok(text.length < 250_000, `${text.length} characters`);
  assert.match(text, /^… and \d+ more lines, not shown$/m);
  assert.match(text, /characters in all; the rest is not shown\)$/m);
});
