// The hand-offs of an issued token, run as a person would run them against the local API server.
import assert from 'node:assert/strict';
import { execFile, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { after, before, test } from 'node:test';
import { ClusterSession } from '../../src/cluster';
import { curlCommand, exportCommand, tokenVariable } from '../../src/tokens/handoffFormats';
import { startLocalCluster, type LocalCluster } from './server';

// Asynchronous: the server answers from this same process, so a synchronous child would block it.
const run = promisify(execFile);
const shell = (command: string, token: string) => run('sh', ['-c', command], { env: { PATH: process.env.PATH, [tokenVariable]: token }, encoding: 'utf8', timeout: 20_000 });

// CI installs curl (.ci/run); elsewhere these tests say they skip rather than fail on a missing tool.
const curlMissing = spawnSync('curl', ['--version']).error ? 'curl is not installed (apt-get install curl)' : false;
const bashMissing = spawnSync('bash', ['--version']).error ? 'bash is not installed' : false;

/** What an interactive bash prints when `script` is typed into it; its history goes to `historyFile`. */
function interactiveBash(script: string, historyFile: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const env = { PATH: process.env.PATH, HISTCONTROL: 'ignorespace', HISTFILE: historyFile };
    const child = spawn('bash', ['--norc', '--noprofile', '-i'], { env, stdio: ['pipe', 'pipe', 'ignore'], timeout: 20_000 });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', () => resolve(output));
    child.stdin.end(script);
  });
}

let cluster: LocalCluster;
let folder: string;
let session: ClusterSession;

before(async () => {
  cluster = await startLocalCluster();
  folder = mkdtempSync(join(tmpdir(), 'handoff-'));
  await cluster.writeKubeconfig(join(folder, 'kubeconfig'), 'admin');
  session = ClusterSession.open({ kubeconfigPath: join(folder, 'kubeconfig'), timeoutMs: 10_000 });
});

after(async () => {
  await cluster.close();
  rmSync(folder, { recursive: true, force: true });
});

test('the curl command, with the CA written to a file and the token in the environment, asks the server who the token is', { skip: curlMissing }, async () => {
  const issued = await session.requestToken({ namespace: 'demo', serviceAccount: 'vault-auth', audiences: [] });
  const authority = session.certificateAuthority();
  assert.ok(authority && 'pem' in authority, 'the local kubeconfig carries inline CA data');
  const caFile = join(folder, 'ca.crt');
  writeFileSync(caFile, authority.pem);
  const command = curlCommand(session.context.server, caFile);
  assert.ok(!command.includes(issued.token));
  const { stdout } = await shell(command, issued.token);
  assert.equal(JSON.parse(stdout).status.userInfo.username, 'system:serviceaccount:demo:vault-auth');
});

test('the export line sets the token for the curl command, and bash set to ignore lines starting with a space keeps it out of its history', { skip: curlMissing || bashMissing }, async () => {
  const issued = await session.requestToken({ namespace: 'demo', serviceAccount: 'vault-auth', audiences: [] });
  const authority = session.certificateAuthority();
  assert.ok(authority && 'pem' in authority);
  const caFile = join(folder, 'ca-export.crt');
  writeFileSync(caFile, authority.pem);
  const historyFile = join(folder, 'bash_history');
  const output = await interactiveBash(`${exportCommand(issued.token)}\n${curlCommand(session.context.server, caFile)}\necho\nhistory\n`, historyFile);
  assert.match(output, /"username":\s*"system:serviceaccount:demo:vault-auth"/);
  assert.match(output, /curl -sS --cacert/, 'history lists the curl command');
  assert.ok(!output.includes(issued.token), 'the history holds no token');
  assert.ok(!readFileSync(historyFile, 'utf8').includes(issued.token), 'the history file holds no token');
});

test('without the CA file curl refuses the server, so the hand-off must name one', { skip: curlMissing }, async () => {
  await assert.rejects(shell(curlCommand(session.context.server), 'x'), (error: { code?: number; stderr?: string }) => error.code !== 0 && /certificate/i.test(error.stderr ?? ''));
});

test('the ServiceAccount kubeconfig says it holds a live token before anything else', async () => {
  const issued = await session.requestToken({ namespace: 'demo', serviceAccount: 'web', audiences: [] });
  const kubeconfig = session.serviceAccountKubeconfig(issued);
  assert.match(kubeconfig, /^# Kubeconfig for ServiceAccount demo\/web\. It holds a live token until \d{4}-.*\n# anyone who can read this file acts as the ServiceAccount/);
  const path = join(folder, 'web.kubeconfig');
  writeFileSync(path, kubeconfig);
  const asServiceAccount = ClusterSession.open({ kubeconfigPath: path, timeoutMs: 10_000 });
  // The ServiceAccount may not review tokens: the server's refusal names who the kubeconfig authenticated as.
  await assert.rejects(asServiceAccount.reviewToken(issued.token, []), { kind: 'forbidden', message: /User "system:serviceaccount:demo:web" cannot create/ });
});
