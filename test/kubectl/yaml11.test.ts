// kubectl reads manifests with YAML 1.1 rules (sigs.k8s.io/yaml over go-yaml v2), so `yes` is true,
// `01000` is 512 and `1_000` is 1000. Against the local API server: what kubectl sends for such
// scalars is what the validator says it sends, and the server answers as the validator predicts.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { decodeJwt } from 'jose';
import { tokenManifests, validateManifests } from '../../src/manifests';
import { DocumentDecoder } from '../../src/manifests/decode';
import { parseDocuments } from '../../src/manifests/documents';
import { startLocalCluster, type LocalCluster } from '../cluster/server';
import { sentJson } from '../unit/manifests/sentJson';
import { runKubectl, type KubectlResult } from './runKubectl';

let cluster: LocalCluster;
let folder: string;
let admin: string;

const options = { defaultAudiences: [], now: Date.now() };
const installed = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' }).status === 0;
const kubectlTest = (name: string, body: () => Promise<void>) =>
  test(name, async (context) => {
    if (!installed) {
      context.skip('kubectl is not installed');
      return;
    }
    await body();
  });

function kubectl(...args: string[]): Promise<KubectlResult> {
  return runKubectl(admin, args);
}

function file(name: string, text: string): string {
  const path = join(folder, name);
  writeFileSync(path, text);
  return path;
}

/** What the validator says kubectl sends for the (one) document of a text. */
function predicted(text: string): unknown {
  const [document] = parseDocuments(text);
  return sentJson(new DocumentDecoder(document, () => []).decode());
}

/**
 * The JSON kubectl makes of a TokenRequest file. `kubectl create -f` cannot post to the token
 * subresource, so the file is read by `kubectl label --local`, which decodes files exactly as
 * `create -f` does (cli-runtime's resource builder), removing a label that is not there.
 */
async function kubectlJson(path: string): Promise<Record<string, unknown>> {
  const result = await kubectl('label', '--local', '-f', path, 'unused-', '-o', 'json');
  assert.equal(result.status, 0, result.stderr);
  const json = JSON.parse(result.stdout) as { metadata: Record<string, unknown> };
  delete json.metadata.labels;
  return json;
}

const request = (spec: string) => `apiVersion: authentication.k8s.io/v1\nkind: TokenRequest\nmetadata:\n  name: vault-auth\n  namespace: demo\nspec:\n${spec}`;

/** Posts kubectl's JSON for a TokenRequest file to the token subresource. */
async function requestToken(path: string): Promise<{ status: number; stdout: string; stderr: string }> {
  const json = file('converted.json', JSON.stringify(await kubectlJson(path)));
  return kubectl('create', '--raw', '/api/v1/namespaces/demo/serviceaccounts/vault-auth/token', '-f', json);
}

before(async () => {
  cluster = await startLocalCluster();
  folder = mkdtempSync(join(tmpdir(), 'kubectl-yaml11-'));
  admin = join(folder, 'admin');
  await cluster.writeKubeconfig(admin, 'admin');
});

after(async () => {
  await cluster?.close();
  rmSync(folder, { recursive: true, force: true });
});

kubectlTest('audiences yes, on and 1_000 are sent as true, true and 1000: the server refuses the review as the validator predicts', async () => {
  const text = 'apiVersion: authentication.k8s.io/v1\nkind: TokenReview\nspec:\n  token: abc\n  audiences: [yes, on, 1_000, "yes"]\n';
  const path = file('review.yaml', text);
  const json = await kubectlJson(path);
  assert.deepEqual(json.spec, { token: 'abc', audiences: [true, true, 1000, 'yes'] });
  assert.deepEqual((predicted(text) as { spec: unknown }).spec, json.spec);
  const findings = validateManifests(text, options).filter((finding) => finding.code === 'wrong-type');
  assert.deepEqual(
    findings.map((finding) => /kubectl reads `([^`]*)` as ([^(]*) \(YAML 1\.1\)/.exec(finding.message)?.slice(1)),
    [
      ['yes', 'the boolean true'],
      ['on', 'the boolean true'],
      ['1_000', 'the number 1000'],
    ],
  );
  const answer = /the server answers "([^"]*)"/.exec(findings[0].message)![1];
  const result = await kubectl('create', '-f', path);
  assert.notEqual(result.status, 0);
  assert.ok(result.stderr.includes(answer), `${result.stderr} does not say ${answer}`);
});

kubectlTest('expirationSeconds: 01000 is octal to kubectl: the server refuses 512, as the validator predicts', async () => {
  const text = request('  audiences: [vault]\n  expirationSeconds: 01000\n');
  const path = file('octal-short.yaml', text);
  const json = await kubectlJson(path);
  assert.deepEqual(json.spec, { audiences: ['vault'], expirationSeconds: 512 });
  assert.deepEqual((predicted(text) as { spec: unknown }).spec, json.spec);
  assert.equal(tokenManifests(text)[0].expirationSeconds, 512);
  const [finding] = validateManifests(text, options);
  assert.equal(finding.code, 'expiration-too-short');
  const answer = /the server answers "(.*)"$/.exec(finding.message)![1];
  const result = await requestToken(path);
  assert.notEqual(result.status, 0);
  assert.ok(result.stderr.includes(answer), `${result.stderr} does not say ${answer}`);
});

kubectlTest('expirationSeconds: 01750, 0o1750 and 1_000 all reach the server as 1000 seconds, which the lens would send too', async () => {
  for (const written of ['01750', '0o1750', '1_000']) {
    const text = request(`  audiences: [vault]\n  expirationSeconds: ${written}\n`);
    const path = file(`expiration-${written}.yaml`, text);
    assert.equal((await kubectlJson(path) as { spec: { expirationSeconds: number } }).spec.expirationSeconds, 1000, written);
    const [manifest] = tokenManifests(text);
    assert.deepEqual([manifest.expirationSeconds, manifest.errors], [1000, []], written);
    // Where YAML 1.2 tools read another value (1750, "1_000"), a warning says what kubectl sends.
    const warnings = validateManifests(text, options).map((finding) => finding.code);
    assert.deepEqual(warnings, written === '0o1750' ? [] : ['yaml11-value'], written);
    const result = await requestToken(path);
    assert.equal(result.status, 0, result.stderr);
    const claims = decodeJwt((JSON.parse(result.stdout) as { status: { token: string } }).status.token);
    assert.equal(claims.exp! - claims.iat!, 1000, written);
  }
});
