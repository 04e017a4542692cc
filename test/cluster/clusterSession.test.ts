// The extension's cluster module (src/cluster) against the local API server, through the real client.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { ClusterSession } from '../../src/cluster';
import { startLocalCluster, type LocalCluster, type LocalUser } from './server';

let cluster: LocalCluster;
let folder: string;

before(async () => {
  cluster = await startLocalCluster();
  folder = mkdtempSync(join(tmpdir(), 'cluster-session-'));
});

after(async () => {
  await cluster.close();
  rmSync(folder, { recursive: true, force: true });
});

async function session(user: LocalUser = 'admin', target: LocalCluster = cluster, timeoutMs = 10_000): Promise<ClusterSession> {
  const path = join(folder, `${user}-${Math.random().toString(36).slice(2)}`);
  await target.writeKubeconfig(path, user);
  return ClusterSession.open({ kubeconfigPath: path, timeoutMs });
}

function sessionFor(kubeconfig: string, timeoutMs = 10_000): ClusterSession {
  const path = join(folder, `custom-${Math.random().toString(36).slice(2)}`);
  writeFileSync(path, kubeconfig);
  return ClusterSession.open({ kubeconfigPath: path, timeoutMs });
}

test('an admin lists everything cluster-wide in three calls, legacy token Secrets included', async () => {
  const listing = await (await session()).listServiceAccounts();
  assert.equal(listing.strategy, 'cluster-wide');
  assert.equal(listing.requestCount, 3);
  const demo = listing.namespaces.find((namespace) => namespace.name === 'demo')!;
  assert.deepEqual(
    demo.serviceAccounts.map((account) => [account.name, account.legacyTokenSecrets.map((secret) => secret.name)]),
    [['ci-deployer', []], ['default', []], ['vault-auth', ['vault-auth-token-legacy']], ['web', []]],
  );
});

test('a user who may not list namespaces sees the context namespace', async () => {
  const listing = await (await session('restricted')).listServiceAccounts();
  assert.equal(listing.strategy, 'context-namespace');
  assert.deepEqual(listing.namespaces.map((namespace) => namespace.name), ['demo']);
});

test('10,000 ServiceAccounts in 500 namespaces load in 22 paged requests', async () => {
  const large = await startLocalCluster({ namespaces: 500, serviceAccountsPerNamespace: 20 });
  try {
    const started = performance.now();
    const listing = await (await session('admin', large, 60_000)).listServiceAccounts();
    const milliseconds = performance.now() - started;
    const total = listing.namespaces.reduce((sum, namespace) => sum + namespace.serviceAccounts.length, 0);
    assert.equal(total, 10_000);
    assert.equal(listing.namespaces.length, 500);
    // 1 namespace page + 20 ServiceAccount pages of 500 + 1 legacy-secret page.
    assert.equal(listing.requestCount, 22);
    assert.equal(large.requests.length, 22);
    console.log(`10,000 ServiceAccounts: ${listing.requestCount} requests, ${milliseconds.toFixed(0)} ms`);
    large.injectFailures({ status: 410, pathPrefix: '/api/v1/serviceaccounts' });
    const restarted = await (await session('admin', large, 60_000)).listServiceAccounts();
    assert.equal(restarted.namespaces.reduce((sum, namespace) => sum + namespace.serviceAccounts.length, 0), 10_000, 'a stale continue token restarts the list');
    // The first page, then 410 on the second, then all 20 pages again.
    assert.equal(restarted.requestCount, 1 + 2 + 20 + 1);
  } finally {
    await large.close();
  }
});

test('a session keeps its TLS connection alive: ten requests one after another open one connection', async () => {
  const admin = await session();
  await admin.serverVersion();
  const before = cluster.tlsConnections;
  for (let request = 0; request < 10; request += 1) {
    await admin.requestToken({ namespace: 'demo', serviceAccount: 'vault-auth', audiences: ['vault'] });
  }
  assert.equal(cluster.tlsConnections - before, 0, 'the connection of the first request is reused');
  const other = await session();
  await other.serverVersion();
  assert.equal(cluster.tlsConnections - before, 1, 'another session (another window or context) has its own');
});

/** Waits up to 5 s for the server to see its open TLS connections come to `count`. */
async function openConnectionsReach(count: number): Promise<number> {
  for (let i = 0; i < 100 && cluster.openTlsConnections !== count; i++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return cluster.openTlsConnections;
}

test('a closed session lets its connections go: idle ones at once, one in use when its call is done, later calls keep none', async () => {
  const baseline = await openConnectionsReach(cluster.openTlsConnections);
  const idle = await session();
  await idle.serverVersion();
  assert.equal(cluster.openTlsConnections, baseline + 1, 'a session keeps its connection open between calls');
  idle.close();
  assert.equal(await openConnectionsReach(baseline), baseline, 'closing it closes the idle connection');

  const busy = await session();
  await busy.serverVersion();
  cluster.setLatency(300);
  try {
    const underway = busy.requestToken({ namespace: 'demo', serviceAccount: 'vault-auth', audiences: ['vault'] });
    await new Promise((resolve) => setTimeout(resolve, 100));
    busy.close();
    const issued = await underway;
    assert.ok(issued.token.length > 0, 'the call under way when the session closed still completes');
  } finally {
    cluster.setLatency(0);
  }
  assert.equal(await openConnectionsReach(baseline), baseline, 'its connection closes once the call is done');
  await busy.serverVersion();
  assert.equal(await openConnectionsReach(baseline), baseline, 'a call after closing keeps no connection open');
});

test('TokenRequest with every option, and the JWT exp as the expiry', async () => {
  const admin = await session();
  const pod = cluster.store.get('pods', 'demo', 'web-0')!;
  const issued = await admin.requestToken({ namespace: 'demo', serviceAccount: 'vault-auth', audiences: ['vault', 'other'], expirationSeconds: 900, boundObject: { kind: 'Pod', name: 'web-0', uid: pod.metadata.uid } });
  assert.deepEqual(issued.audiences, ['vault', 'other']);
  assert.equal(Math.round((issued.expiresAt.getTime() - issued.issuedAt.getTime()) / 1000), 900);
  const review = await admin.reviewToken(issued.token, ['vault', 'missing']);
  assert.equal(review.authenticated, true);
  assert.deepEqual(review.missingAudiences, ['missing']);
  assert.deepEqual(review.extra['authentication.kubernetes.io/pod-name'], ['web-0']);
  cluster.setMaxExpiration(3600);
  try {
    const shortened = await admin.requestToken({ namespace: 'demo', serviceAccount: 'vault-auth', audiences: [], expirationSeconds: 7200 });
    assert.deepEqual(shortened.warnings, ['requested expiration of 7200 seconds shortened to 3600 seconds']);
    assert.equal(Math.round((shortened.expiresAt.getTime() - shortened.issuedAt.getTime()) / 1000), 3600);
  } finally {
    cluster.setMaxExpiration(undefined);
  }
  assert.deepEqual((await admin.listBindableObjects('Pod', 'demo', 'vault-auth')).map((object) => object.name), ['web-0']);
  assert.deepEqual((await admin.listBindableObjects('Node', 'demo', 'vault-auth')).map((object) => object.name), ['node-1', 'node-2']);
});

test('every failure becomes one message with a next step', async () => {
  const admin = await session();
  const request = (target: ClusterSession, namespace = 'demo', expirationSeconds?: number) => target.requestToken({ namespace, serviceAccount: 'vault-auth', audiences: ['vault'], expirationSeconds });
  await assert.rejects(request(await session('restricted'), 'payments'), { kind: 'forbidden', message: /^Forbidden: you cannot create serviceaccounts\/token in namespace payments; ask for RBAC verb create on serviceaccounts\/token\./ });
  await assert.rejects(request(admin, 'demo', 100), { kind: 'invalid', message: /spec\.expirationSeconds: Invalid value: 100: may not specify a duration less than 10 minutes/ });
  await assert.rejects(admin.requestToken({ namespace: 'demo', serviceAccount: 'nope', audiences: [] }), { kind: 'not-found', message: /serviceaccounts "nope" not found\. Refresh/ });
  cluster.injectFailures({ status: 429, retryAfterSeconds: 3 });
  await assert.rejects(request(admin), { kind: 'throttled', message: /Retry after 3 s/ });
  cluster.injectFailures({ status: 503 });
  await assert.rejects(request(admin), { kind: 'server', message: /HTTP 503 ServiceUnavailable/ });
  const badToken = cluster.kubeconfigYaml('admin').replace(/token: .*/, 'token: wrong');
  await assert.rejects(request(sessionFor(badToken)), { kind: 'unauthorized', message: /user admin/ });
  const other = await startLocalCluster();
  await other.close();
  const wrongCa = cluster.kubeconfigYaml('admin').replace(/certificate-authority-data: .*/, `certificate-authority-data: ${Buffer.from(other.caPem).toString('base64')}`);
  await assert.rejects(request(sessionFor(wrongCa)), { kind: 'tls' });
  const refused = cluster.kubeconfigYaml('admin').replace(cluster.url, 'https://127.0.0.1:1');
  await assert.rejects(request(sessionFor(refused)), { kind: 'network', message: /^Connection refused by https:\/\/127\.0\.0\.1:1/ });
  cluster.setLatency(1500);
  try {
    await assert.rejects(request(await session('admin', cluster, 300)), { kind: 'timeout' });
  } finally {
    cluster.setLatency(0);
  }
  const missingPlugin = cluster.kubeconfigYaml('admin').replace(/token: .*/, 'exec: { apiVersion: client.authentication.k8s.io/v1, command: no-such-credential-plugin, interactiveMode: Never }');
  await assert.rejects(request(sessionFor(missingPlugin)), { kind: 'config', message: /credential plugin no-such-credential-plugin of user admin is not installed/ });
  const failingPlugin = cluster.kubeconfigYaml('admin').replace(/token: .*/, "exec: { apiVersion: client.authentication.k8s.io/v1, command: sh, args: ['-c', 'echo login expired >&2; exit 1'], interactiveMode: Never }");
  await assert.rejects(request(sessionFor(failingPlugin)), { kind: 'unauthorized', message: /credential plugin sh of user admin failed: login expired\. Log in again/ });
  const hangingPlugin = cluster.kubeconfigYaml('admin').replace(/token: .*/, "exec: { apiVersion: client.authentication.k8s.io/v1, command: sleep, args: ['2'], interactiveMode: Never }");
  await assert.rejects(request(sessionFor(hangingPlugin, 500)), { kind: 'timeout', message: /or the credential plugin sleep/ });
});

test('a hung credential plugin is killed when the request times out, not left running', async () => {
  const pidFile = join(folder, 'plugin.pid');
  const hung = cluster.kubeconfigYaml('admin').replace(/token: .*/, `exec: { apiVersion: client.authentication.k8s.io/v1, command: sh, args: ['-c', 'echo $$ > ${pidFile}; exec sleep 600'], interactiveMode: Never }`);
  await assert.rejects((await sessionFor(hung, 500)).listServiceAccounts(), { kind: 'timeout' });
  const pid = Number(readFileSync(pidFile, 'utf8'));
  const alive = () => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  for (const deadline = Date.now() + 3000; alive() && Date.now() < deadline; ) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  assert.equal(alive(), false, `plugin process ${pid} still running`);
});
