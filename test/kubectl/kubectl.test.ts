// The real kubectl, an independent client, against the local API server.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { startLocalCluster, type LocalCluster } from '../cluster/server';
import { runKubectl, type KubectlResult } from './runKubectl';

let cluster: LocalCluster;
let folder: string;
let admin: string;
let restricted: string;

/** kubectl's client version, or why this machine cannot run these tests. */
function kubectlSupport(): { ok: true } | { ok: false; reason: string } {
  const result = spawnSync('kubectl', ['version', '--client', '-o', 'json'], { encoding: 'utf8' });
  if (result.error || result.status !== 0) {
    return { ok: false, reason: 'kubectl is not installed' };
  }
  const minor = Number((JSON.parse(result.stdout) as { clientVersion: { minor: string } }).clientVersion.minor.replace(/\D/g, ''));
  return minor >= 24 ? { ok: true } : { ok: false, reason: `needs kubectl 1.24 or later for \`kubectl create token\`; this one is 1.${minor}` };
}

const support = kubectlSupport();
const kubectlTest = (name: string, body: () => Promise<void> | void) =>
  test(name, async (context) => {
    if (!support.ok) {
      context.skip(support.reason);
      return;
    }
    await body();
  });

function kubectl(kubeconfig: string, ...args: string[]): Promise<KubectlResult> {
  return runKubectl(kubeconfig, args);
}

async function ok(kubeconfig: string, ...args: string[]): Promise<string> {
  const result = await kubectl(kubeconfig, ...args);
  assert.equal(result.status, 0, `kubectl ${args.join(' ')} failed: ${result.stderr}`);
  return result.stdout;
}

before(async () => {
  cluster = await startLocalCluster();
  folder = mkdtempSync(join(tmpdir(), 'kubectl-test-'));
  admin = join(folder, 'admin');
  restricted = join(folder, 'restricted');
  await cluster.writeKubeconfig(admin, 'admin');
  await cluster.writeKubeconfig(restricted, 'restricted');
});

after(async () => {
  await cluster?.close();
  rmSync(folder, { recursive: true, force: true });
});

kubectlTest('kubectl get ns prints the namespaces with status and age', async () => {
  const lines = (await ok(admin, 'get', 'ns')).trim().split('\n');
  assert.match(lines[0], /^NAME\s+STATUS\s+AGE$/);
  assert.deepEqual(
    lines.slice(1).map((line) => line.split(/\s+/).slice(0, 2).join(' ')),
    ['default Active', 'demo Active', 'kube-system Active', 'monitoring Active', 'payments Active'],
  );
});

kubectlTest('kubectl get sa -A lists every ServiceAccount, also as JSON', async () => {
  const table = await ok(admin, 'get', 'sa', '-A');
  assert.match(table, /^NAMESPACE\s+NAME\s+SECRETS\s+AGE/);
  assert.match(table, /\ndemo\s+vault-auth\s+0\s+\d+d/);
  const list = JSON.parse(await ok(admin, 'get', 'sa', '-A', '-o', 'json')) as { items: { metadata: { namespace: string; name: string; uid: string } }[] };
  assert.equal(list.items.length, 14, "every seeded ServiceAccount");
  assert.ok(list.items.every((item) => item.metadata.uid.length === 36));
});

kubectlTest('kubectl create token mints a JWT with the reference claims that TokenReview authenticates', async () => {
  const token = (await ok(admin, 'create', 'token', 'vault-auth', '-n', 'demo', '--audience', 'vault', '--duration', '15m')).trim();
  const header = decodeProtectedHeader(token);
  assert.equal(header.alg, 'RS256');
  assert.match(header.kid ?? '', /^[\w-]{43}$/);
  const claims = decodeJwt(token);
  assert.deepEqual(Object.keys(claims), ['aud', 'exp', 'iat', 'iss', 'jti', 'kubernetes.io', 'nbf', 'sub']);
  assert.deepEqual(claims.aud, ['vault']);
  assert.equal(claims.exp! - claims.iat!, 900);
  assert.equal(claims.nbf, claims.iat);
  assert.equal(claims.iss, cluster.url);
  assert.equal(claims.sub, 'system:serviceaccount:demo:vault-auth');
  const account = cluster.store.get('serviceaccounts', 'demo', 'vault-auth')!;
  assert.deepEqual(claims['kubernetes.io'], { namespace: 'demo', serviceaccount: { name: 'vault-auth', uid: account.metadata.uid } });
  const review = await cluster.tokens.review(token, ['vault']);
  assert.ok('user' in review, JSON.stringify(review));
  assert.equal(review.user.username, 'system:serviceaccount:demo:vault-auth');
  assert.deepEqual(review.user.groups, ['system:serviceaccounts', 'system:serviceaccounts:demo', 'system:authenticated']);
  assert.deepEqual(review.audiences, ['vault']);
});

kubectlTest('kubectl create token bound to a Pod carries pod and node claims', async () => {
  const token = (await ok(admin, 'create', 'token', 'vault-auth', '-n', 'demo', '--audience', 'vault', '--bound-object-kind', 'Pod', '--bound-object-name', 'web-0')).trim();
  const claims = decodeJwt(token)['kubernetes.io'] as { pod: { name: string; uid: string }; node: { name: string } };
  assert.equal(claims.pod.name, 'web-0');
  assert.equal(claims.pod.uid, cluster.store.get('pods', 'demo', 'web-0')!.metadata.uid);
  assert.equal(claims.node.name, 'node-1');
  const review = await cluster.tokens.review(token, ['vault']);
  assert.ok('user' in review);
  assert.deepEqual(review.user.extra?.['authentication.kubernetes.io/pod-name'], ['web-0']);
});

kubectlTest('kubectl create token reports the server rules in its words', async () => {
  const short = await kubectl(admin, 'create', 'token', 'vault-auth', '-n', 'demo', '--duration', '5m');
  assert.notEqual(short.status, 0);
  assert.match(short.stderr, /may not specify a duration less than 10 minutes/);
  const wrongPod = await kubectl(admin, 'create', 'token', 'web', '-n', 'demo', '--bound-object-kind', 'Pod', '--bound-object-name', 'web-0');
  assert.match(wrongPod.stderr, /cannot bind token for serviceaccount "web" to pod running with different serviceaccount name\./);
});

kubectlTest('kubectl create -f tokenreview.yaml -o yaml shows the review', async () => {
  const token = (await ok(admin, 'create', 'token', 'vault-auth', '-n', 'demo', '--audience', 'vault')).trim();
  const manifest = join(folder, 'tokenreview.yaml');
  writeFileSync(manifest, `apiVersion: authentication.k8s.io/v1\nkind: TokenReview\nspec:\n  token: ${token}\n  audiences: [vault]\n`);
  const output = await ok(admin, 'create', '-f', manifest, '-o', 'yaml');
  assert.match(output, /authenticated: true/);
  assert.match(output, /username: system:serviceaccount:demo:vault-auth/);
  assert.match(output, /audiences:\n {2}- vault\n {2}authenticated/);
});

kubectlTest('kubectl get --raw /openid/v1/jwks returns the signing keys', async () => {
  const jwks = JSON.parse(await ok(admin, 'get', '--raw', '/openid/v1/jwks')) as { keys: { kty: string; use: string; alg: string; kid: string }[] };
  assert.equal(jwks.keys.length, 1);
  assert.deepEqual({ kty: jwks.keys[0].kty, use: jwks.keys[0].use, alg: jwks.keys[0].alg }, { kty: 'RSA', use: 'sig', alg: 'RS256' });
});

kubectlTest('the restricted user gets Forbidden in the API server words', async () => {
  const namespaces = await kubectl(restricted, 'get', 'ns');
  assert.match(namespaces.stderr, /Error from server \(Forbidden\): namespaces is forbidden: User "restricted" cannot list resource "namespaces" in API group "" at the cluster scope/);
  const token = await kubectl(restricted, 'create', 'token', 'vault-auth', '-n', 'payments');
  assert.match(token.stderr, /serviceaccounts "vault-auth" is forbidden: User "restricted" cannot create resource "serviceaccounts\/token" in API group "" in the namespace "payments"/);
  assert.equal((await kubectl(restricted, 'create', 'token', 'vault-auth', '-n', 'demo')).status, 0);
});
