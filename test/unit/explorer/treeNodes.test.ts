import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { IssuedToken, ServiceAccountListing } from '../../../src/cluster/types';
import { presentNode } from '../../../src/explorer/treeNodes';

const now = Date.parse('2026-11-27T10:00:00Z');
const noTokens = { forServiceAccount: () => [] };
const account = (name: string, legacy = 0) => ({ namespace: 'demo', name, uid: `uid-${name}`, createdAt: new Date(now - 3 * 86400_000), legacyTokenSecrets: Array.from({ length: legacy }, (_, i) => ({ name: `s${i}`, createdAt: undefined })) });
const listing: ServiceAccountListing = {
  strategy: 'cluster-wide',
  requestCount: 3,
  namespaces: [
    { name: 'demo', serviceAccounts: [account('vault-auth', 1), account('web')] },
    { name: 'payments', serviceAccounts: [account('payments-api')] },
  ],
} as unknown as ServiceAccountListing;
const context = { name: 'local', cluster: 'local', server: 'https://127.0.0.1:6443', user: 'admin', namespace: undefined };

test('counts read as words, in the singular for one, the most useful first', () => {
  assert.equal(presentNode({ kind: 'context', context, listing }, noTokens, now).description, '3 ServiceAccounts · https://127.0.0.1:6443');
  assert.equal(presentNode({ kind: 'namespace', namespace: listing.namespaces[1] }, noTokens, now).description, '1 ServiceAccount');
  const legacy = presentNode({ kind: 'serviceAccount', account: account('vault-auth', 1) }, noTokens, now);
  assert.equal(legacy.description, '1 legacy token Secret · 3d');
  assert.match(legacy.tooltip ?? '', /Has 1 legacy token Secret: credentials that never expire\./);
  assert.equal(presentNode({ kind: 'serviceAccount', account: account('old', 2) }, noTokens, now).description, '2 legacy token Secrets · 3d');
});

test('an active filter shows on the context row: what matches, of how many', () => {
  assert.equal(presentNode({ kind: 'context', context, listing }, noTokens, now, 'pay').description, '1 match of 3 (filter "pay") · https://127.0.0.1:6443');
});

test('issued tokens: told apart by when they were issued, with readable times in the tooltip', () => {
  const issued = (minutesAgo: number): IssuedToken => ({
    token: 'x',
    namespace: 'demo',
    serviceAccount: 'vault-auth',
    audiences: ['vault'],
    issuedAt: new Date(now - minutesAgo * 60_000),
    expiresAt: new Date(now + (60 - minutesAgo) * 60_000),
    warnings: [],
  }) as unknown as IssuedToken;
  const first = presentNode({ kind: 'issuedToken', issued: issued(20) }, noTokens, now);
  const second = presentNode({ kind: 'issuedToken', issued: issued(5) }, noTokens, now);
  assert.notEqual(`${first.label} ${first.description}`, `${second.label} ${second.description}`);
  assert.match(first.description ?? '', /^issued \d\d:\d\d:\d\d$/);
  assert.match(
    first.tooltip ?? '',
    /^Issued \d{4}-\d\d-\d\d \d\d:\d\d \(20 min ago\)\nExpires \d{4}-\d\d-\d\d \d\d:\d\d \(in 40 min\), by the token's exp claim\nLifetime asked: the server's default, 1 h \(3600 s\)\nLifetime granted: 1 h \(3600 s\), by the token's exp claim$/,
  );
  assert.doesNotMatch(first.tooltip ?? '', /T\d\d:\d\d:\d\d(\.\d+)?Z/, 'no raw ISO time');
});
