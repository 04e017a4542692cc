import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeReview } from '../../../src/tokens/review';

const podBound = {
  authenticated: true,
  username: 'system:serviceaccount:demo:vault-auth',
  uid: 'u-1',
  groups: ['system:serviceaccounts', 'system:serviceaccounts:demo', 'system:authenticated'],
  extra: { 'authentication.kubernetes.io/pod-name': ['web-0'], 'authentication.kubernetes.io/credential-id': ['JTI=abc'] },
  audiences: ['vault'],
  missingAudiences: [],
};

test('an authenticated review lists who, groups, extra and audiences', () => {
  assert.deepEqual(describeReview(podBound, ['vault']), {
    headline: 'Authenticated as system:serviceaccount:demo:vault-auth.',
    details: [
      'Username: system:serviceaccount:demo:vault-auth',
      'UID: u-1',
      'Groups: system:serviceaccounts, system:serviceaccounts:demo, system:authenticated',
      'Pod: web-0',
      'Credential ID: JTI=abc',
      'Audiences: vault',
    ],
  });
});

test('missing requested audiences are a warning, and the headline says so when none matched', () => {
  const review = describeReview({ ...podBound, audiences: [], missingAudiences: ['other'] }, ['other']);
  assert.equal(review.headline, 'Authenticated as system:serviceaccount:demo:vault-auth, but not for the requested audiences.');
  assert.match(review.details.at(-1) ?? '', /^Warning: requested audiences other are not in status\.audiences/);
  assert.ok(review.details.includes("Audiences: the API server's own"));
});

test('a rejected token shows the server reason', () => {
  assert.deepEqual(describeReview({ authenticated: false, groups: [], extra: {}, audiences: [], missingAudiences: [], error: '[invalid bearer token, serviceaccounts "sa1" not found]' }, []), {
    headline: 'Not authenticated: the API server rejects this token.',
    details: ['Reason: [invalid bearer token, serviceaccounts "sa1" not found]'],
  });
});
