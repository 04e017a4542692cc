import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { NamespaceListing } from '../../../src/cluster/types';
import { countServiceAccounts, filterListing, formatAge } from '../../../src/explorer/listing';

const account = (namespace: string, name: string) => ({ namespace, name, uid: `${namespace}-${name}`, createdAt: undefined, legacyTokenSecrets: [] });
const namespaces: NamespaceListing[] = [
  { name: 'demo', serviceAccounts: [account('demo', 'default'), account('demo', 'vault-auth')] },
  { name: 'payments', serviceAccounts: [account('payments', 'default'), account('payments', 'ci-deployer')] },
  { name: 'vault', serviceAccounts: [account('vault', 'default')] },
];
const names = (listing: NamespaceListing[]) => listing.map((namespace) => `${namespace.name}:${namespace.serviceAccounts.map((sa) => sa.name).join(',')}`);

test('a plain filter keeps whole namespaces that match, and matching accounts elsewhere', () => {
  assert.deepEqual(names(filterListing(namespaces, 'VAULT')), ['demo:vault-auth', 'vault:default']);
  assert.deepEqual(names(filterListing(namespaces, '  ')), ['demo:default,vault-auth', 'payments:default,ci-deployer', 'vault:default']);
  assert.deepEqual(filterListing(namespaces, 'nothing-like-this'), []);
});

test('namespace/account filters each part', () => {
  assert.deepEqual(names(filterListing(namespaces, 'pay/ci')), ['payments:ci-deployer']);
  assert.deepEqual(names(filterListing(namespaces, 'pay/')), ['payments:default,ci-deployer']);
  assert.deepEqual(names(filterListing(namespaces, '/default')), ['demo:default', 'payments:default', 'vault:default']);
});

test('ages read like kubectl', () => {
  const now = Date.UTC(2026, 0, 10);
  assert.equal(formatAge(new Date(now - 30_000), now), '30s');
  assert.equal(formatAge(new Date(now - 5 * 60_000), now), '5m');
  assert.equal(formatAge(new Date(now - 3 * 86_400_000), now), '3d');
  assert.equal(formatAge(undefined, now), '');
});

test('counts accounts', () => {
  assert.equal(countServiceAccounts({ strategy: 'cluster-wide', namespaces, requestCount: 2 }), 5);
});
