// Issued tokens' lifetimes as the local API server grants them (as a real v1.24 kube-apiserver was seen
// to: a Warning header when it shortens, a year for kubelet's 3607 s), read by src/tokens/lifetime.ts.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { ClusterSession } from '../../src/cluster';
import { describeLifetime } from '../../src/tokens/lifetime';
import { startLocalCluster, type LocalCluster } from './server';

let cluster: LocalCluster;
let session: ClusterSession;
let folder: string;

before(async () => {
  cluster = await startLocalCluster({ maxExpirationSeconds: 7200 });
  folder = mkdtempSync(join(tmpdir(), 'cluster-lifetime-'));
  await cluster.writeKubeconfig(join(folder, 'kubeconfig'), 'admin');
  session = ClusterSession.open({ kubeconfigPath: join(folder, 'kubeconfig'), timeoutMs: 10_000 });
});

after(async () => {
  await cluster.close();
  rmSync(folder, { recursive: true, force: true });
});

test("a lifetime over --service-account-max-token-expiration is shortened, and the server's Warning header says why", async () => {
  const issued = await session.requestToken({ namespace: 'demo', serviceAccount: 'vault-auth', audiences: ['vault'], expirationSeconds: 86400 });
  assert.deepEqual(issued.warnings, ['requested expiration of 86400 seconds shortened to 7200 seconds']);
  const lifetime = describeLifetime(issued);
  assert.equal(lifetime.outcome, 'shortened');
  assert.equal(lifetime.summary, 'valid for 2 h: asked 24 h, shortened by the API server');
});

test('a Pod-bound token asked for 3607 s with the API server audiences is valid for a year, with warnafter', async () => {
  const pod = cluster.store.get('pods', 'demo', 'web-0')!;
  const issued = await session.requestToken({ namespace: 'demo', serviceAccount: 'vault-auth', audiences: [], expirationSeconds: 3607, boundObject: { kind: 'Pod', name: 'web-0', uid: pod.metadata.uid } });
  const lifetime = describeLifetime(issued);
  assert.equal(lifetime.outcome, 'extended');
  assert.equal(lifetime.summary, 'valid for 1 year; clients should refresh after 1 h (warnafter)');
});

test('the server default is said as such, and a token asked as the server allows is as asked', async () => {
  assert.equal(describeLifetime(await session.requestToken({ namespace: 'demo', serviceAccount: 'vault-auth', audiences: ['vault'] })).summary, "valid for 1 h, the server's default");
  assert.equal(describeLifetime(await session.requestToken({ namespace: 'demo', serviceAccount: 'vault-auth', audiences: ['vault'], expirationSeconds: 600 })).summary, 'valid for 10 min, as asked');
});
