import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { after, test } from 'node:test';
import { ClusterError } from '../../../src/cluster/errors';
import { kubeconfigPaths, loadKubeconfig, setCurrentContextInFiles, summarizeKubeconfig, withContext } from '../../../src/cluster/kubeconfig';

const folder = mkdtempSync(join(tmpdir(), 'kubeconfig-test-'));
after(() => rmSync(folder, { recursive: true, force: true }));

function kubeconfigFile(name: string, body: string): string {
  const path = join(folder, name);
  writeFileSync(path, body);
  return path;
}

const first = kubeconfigFile(
  'first.yaml',
  `apiVersion: v1
kind: Config
current-context: dev
clusters:
- name: shared
  cluster: { server: https://first.example:6443, certificate-authority: ca.crt }
contexts:
- name: dev
  context: { cluster: shared, user: alice, namespace: team-a }
users:
- name: alice
  user: { token: first-secret }
`,
);
const second = kubeconfigFile(
  'second.yaml',
  `apiVersion: v1
kind: Config
current-context: prod
clusters:
- name: shared
  cluster: { server: https://second.example:6443 }
- name: prod-cluster
  cluster: { server: https://prod.example:6443 }
contexts:
- name: prod
  context: { cluster: prod-cluster, user: bob }
users:
- name: bob
  user: { token: second-secret }
`,
);

test('KUBECONFIG is a path list: missing entries are skipped and duplicates read once, as kubectl does', () => {
  const env = { KUBECONFIG: [first, join(folder, 'missing.yaml'), second, first].join(delimiter) };
  assert.deepEqual(kubeconfigPaths(undefined, env, folder), [first, second]);
});

test('an explicit path wins over KUBECONFIG; with neither, ~/.kube/config is used only if it exists', () => {
  assert.deepEqual(kubeconfigPaths('/chosen/config', { KUBECONFIG: first }, folder), ['/chosen/config']);
  assert.deepEqual(kubeconfigPaths(undefined, {}, folder), []);
});

test('merging keeps the first definition of every name and the first current-context', () => {
  const config = loadKubeconfig([first, second]);
  const summary = summarizeKubeconfig(config, [first, second]);
  assert.equal(summary.currentContext, 'dev');
  assert.deepEqual(
    summary.contexts.map((context) => [context.name, context.server, context.user, context.namespace]),
    [
      ['dev', 'https://first.example:6443', 'alice', 'team-a'],
      ['prod', 'https://prod.example:6443', 'bob', undefined],
    ],
  );
  assert.equal(config.getCluster('shared')?.caFile, join(folder, 'ca.crt'), 'relative paths resolve against the file that holds them');
});

test('summaries carry no credentials', () => {
  const summary = JSON.stringify(summarizeKubeconfig(loadKubeconfig([first, second]), [first, second]));
  assert.ok(!summary.includes('secret'), summary);
});

test('switching context leaves the loaded config untouched', () => {
  const config = loadKubeconfig([first, second]);
  assert.equal(withContext(config, 'prod').config.getCurrentContext(), 'prod');
  assert.equal(config.getCurrentContext(), 'dev');
  assert.throws(() => withContext(config, 'nope'), /Context nope is not in the kubeconfig/);
});

test('no kubeconfig and broken kubeconfigs give a ClusterError with a next step', () => {
  assert.throws(() => loadKubeconfig([]), (error: unknown) => error instanceof ClusterError && error.kind === 'config' && /set KUBECONFIG/.test(error.message));
  const broken = kubeconfigFile('broken.yaml', 'clusters: [\n  - {name: a, cluster: {server: x}\n');
  assert.throws(() => loadKubeconfig([broken]), (error: unknown) => error instanceof ClusterError && error.message.startsWith(`Cannot read kubeconfig ${broken}`));
});

test("making a context kubectl's changes the file that set current-context, keeping comments, mode and no temporary file", async () => {
  const withComment = kubeconfigFile('commented.yaml', '# my clusters\napiVersion: v1\nkind: Config\nclusters: []\ncontexts: []\nusers: []\n');
  const setter = kubeconfigFile('setter.yaml', 'apiVersion: v1\nkind: Config\ncurrent-context: dev # chosen by hand\nclusters: []\n');
  chmodSync(setter, 0o640);
  assert.equal(await setCurrentContextInFiles([withComment, setter], 'prod'), setter);
  assert.equal(readFileSync(setter, 'utf8'), 'apiVersion: v1\nkind: Config\ncurrent-context: prod # chosen by hand\nclusters: []\n');
  assert.equal(statSync(setter).mode & 0o777, 0o640);
  assert.equal(await setCurrentContextInFiles([withComment], 'prod'), withComment);
  assert.match(readFileSync(withComment, 'utf8'), /^# my clusters\n[\s\S]*current-context: prod\n$/);
  assert.deepEqual(readdirSync(dirname(setter)).filter((name) => name.endsWith('.tmp')), []);
});
