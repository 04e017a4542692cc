// The real kubectl taking tokens back on the local server: `kubectl delete` of what a token is bound to
// (at once, gracefully, forced), of its legacy Secret and of its ServiceAccount, then the token used as
// kubectl's own credential: accepted while kube-apiserver's 10 s authentication cache holds it, refused after.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startLocalCluster, type LocalCluster } from '../cluster/server';
import { kubectlMissing, runKubectl } from './runKubectl';


describe('kubectl delete takes a token back', { skip: kubectlMissing }, () => {
  let cluster: LocalCluster;
  let folder: string;
  let admin: string;

  const kubectl = (...args: string[]) => runKubectl(admin, args, join(folder, 'cache'));
  const ok = async (...args: string[]) => {
    const result = await kubectl(...args);
    assert.equal(result.status, 0, `kubectl ${args.join(' ')} failed: ${result.stderr}`);
    return result;
  };
  /** Who kubectl is with `token` as its credential, or its error. */
  const whoami = async (token: string) => {
    const result = await kubectl('--token', token, 'auth', 'whoami', '-o', 'jsonpath={.status.userInfo.username}');
    return result.status === 0 ? result.stdout : result.stderr.trim();
  };
  const unauthorized = 'error: You must be logged in to the server (Unauthorized)';

  /** A Pod of demo/vault-auth on node-1 and a token bound to it for the API server's audience. */
  async function podAndToken(name: string, spec: Record<string, unknown> = {}): Promise<string> {
    const pod = cluster.store.create('pods', { name, namespace: 'demo' }, { spec: { serviceAccountName: 'vault-auth', nodeName: 'node-1', ...spec }, status: { phase: 'Running' } });
    const account = cluster.store.get('serviceaccounts', 'demo', 'vault-auth')!;
    return (await cluster.tokens.issue(account, cluster.tokens.apiAudiences, 3600, { kind: 'Pod', object: pod }, cluster.store.get('nodes', undefined, 'node-1'))).token;
  }

  before(async () => {
    cluster = await startLocalCluster();
    folder = mkdtempSync(join(tmpdir(), 'kubectl-revocation-'));
    admin = join(folder, 'admin');
    await cluster.writeKubeconfig(admin, 'admin');
  });

  after(async () => {
    await cluster?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  test('kubectl delete pod: the Pod-bound token works until the cache runs out, then kubectl is refused', async () => {
    const token = await podAndToken('kubectl-revoke');
    assert.equal(await whoami(token), 'system:serviceaccount:demo:vault-auth');
    assert.equal((await ok('delete', 'pod', 'kubectl-revoke', '-n', 'demo')).stdout.trim(), 'pod "kubectl-revoke" deleted');
    assert.equal(await whoami(token), 'system:serviceaccount:demo:vault-auth', 'kube-apiserver caches a success for 10 s');
    cluster.advanceClock(11);
    assert.equal(await whoami(token), unauthorized);
    const again = await kubectl('delete', 'pod', 'kubectl-revoke', '-n', 'demo');
    assert.equal(again.stderr.trim(), 'Error from server (NotFound): pods "kubectl-revoke" not found');
  });

  test('a graceful delete leaves the token working until a minute after the grace period; --force ends the Pod at once', async () => {
    const token = await podAndToken('kubectl-graceful', { terminationGracePeriodSeconds: 30 });
    assert.equal((await ok('delete', 'pod', 'kubectl-graceful', '-n', 'demo', '--wait=false')).stdout.trim(), 'pod "kubectl-graceful" deleted');
    cluster.advanceClock(11);
    assert.equal(await whoami(token), 'system:serviceaccount:demo:vault-auth', 'the Pod is terminating, not gone');
    const forced = await ok('delete', 'pod', 'kubectl-graceful', '-n', 'demo', '--grace-period=0', '--force');
    assert.equal(forced.stdout.trim(), 'pod "kubectl-graceful" force deleted');
    assert.match(forced.stderr, /^Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated/);
    cluster.advanceClock(11);
    assert.equal(await whoami(token), unauthorized);
  });

  test('kubectl delete secret ends a legacy token; kubectl delete and create serviceaccount ends the bound ones', async () => {
    const secret = cluster.store.get('secrets', 'payments', 'ci-deployer-token-legacy')!;
    const legacy = Buffer.from((secret.data as { token: string }).token, 'base64').toString('utf8');
    assert.equal(await whoami(legacy), 'system:serviceaccount:payments:ci-deployer');
    assert.equal((await ok('delete', 'secret', 'ci-deployer-token-legacy', '-n', 'payments')).stdout.trim(), 'secret "ci-deployer-token-legacy" deleted');
    cluster.advanceClock(11);
    assert.equal(await whoami(legacy), unauthorized);

    const token = (await ok('create', 'token', 'web', '-n', 'demo')).stdout.trim();
    assert.equal(await whoami(token), 'system:serviceaccount:demo:web');
    assert.equal((await ok('delete', 'serviceaccount', 'web', '-n', 'demo')).stdout.trim(), 'serviceaccount "web" deleted');
    assert.equal((await ok('create', 'serviceaccount', 'web', '-n', 'demo')).stdout.trim(), 'serviceaccount/web created');
    cluster.advanceClock(11);
    assert.equal(await whoami(token), unauthorized);
    const fresh = (await ok('create', 'token', 'web', '-n', 'demo')).stdout.trim();
    assert.equal(await whoami(fresh), 'system:serviceaccount:demo:web', 'a token of the new ServiceAccount works');
  });
});
