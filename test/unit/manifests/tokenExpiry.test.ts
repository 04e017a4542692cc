import assert from 'node:assert/strict';
import { test } from 'node:test';
import { nextTokenExpiry, validateManifests } from '../../../src/manifests';

const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const token = (claims: Record<string, unknown>) => `${part({ alg: 'RS256' })}.${part(claims)}.c2ln`;
const review = (value: string) => `apiVersion: authentication.k8s.io/v1\nkind: TokenReview\nspec:\n  token: ${value}\n`;

test('the next expiry is the soonest exp after now among TokenReviews, in ms; expired, missing and other kinds count for nothing', () => {
  const now = 1_800_000_000_000;
  const manifests = [
    { kind: 'TokenReview' as const, token: token({ exp: 1_800_000_090 }) },
    { kind: 'TokenReview' as const, token: token({ exp: 1_800_000_030 }) },
    { kind: 'TokenReview' as const, token: token({ exp: 1_799_999_000 }) },
    { kind: 'TokenReview' as const, token: token({ sub: 'no exp' }) },
    { kind: 'TokenReview' as const, token: 'not a jwt' },
    { kind: 'TokenRequest' as const, token: token({ exp: 1_800_000_010 }) },
  ];
  assert.equal(nextTokenExpiry(manifests, now), 1_800_000_030_000);
  assert.equal(nextTokenExpiry(manifests.slice(2), now), undefined);
});

test('the expired-token finding states the moment, not a distance that goes stale while the file is open', () => {
  const [finding] = validateManifests(review(token({ exp: 1_700_000_000 })), { defaultAudiences: [], now: 1_800_000_000_000 }).filter((f) => f.code === 'token-expired');
  assert.equal(finding.message, 'This token expired at 2023-11-14T22:13:20Z: the review will answer authenticated: false.');
});

test('a hostile exp (a huge number, a string, a negative) gives no expiry and no crash', () => {
  for (const exp of [1e308, '1800000030', -5, Number.MAX_SAFE_INTEGER]) {
    const at = nextTokenExpiry([{ kind: 'TokenReview', token: token({ exp }) }], 1_800_000_000_000);
    assert.ok(at === undefined || Number.isFinite(at), String(exp));
  }
});
