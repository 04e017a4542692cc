import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { after, test } from 'node:test';
import { ClusterError, type ConfigProblem } from '../../../src/cluster/errors';
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

/** Files found in KUBECONFIG, as kubeconfigPaths would report them. */
const fromEnv = (...paths: string[]) => ({ source: 'env' as const, lookedAt: paths, existing: paths });

test('KUBECONFIG is a path list: missing entries are skipped and duplicates read once, as kubectl does', () => {
  const missing = join(folder, 'missing.yaml');
  const env = { KUBECONFIG: [first, missing, second, first].join(delimiter) };
  assert.deepEqual(kubeconfigPaths(undefined, env, folder), { source: 'env', lookedAt: [first, missing, second], existing: [first, second] });
});

test('an explicit path wins over KUBECONFIG; with neither, ~/.kube/config is used only if it exists; each says where it came from', () => {
  assert.deepEqual(kubeconfigPaths(first, { KUBECONFIG: second }, folder), { source: 'setting', lookedAt: [first], existing: [first] });
  assert.deepEqual(kubeconfigPaths('/chosen/config', { KUBECONFIG: first }, folder), { source: 'setting', lookedAt: ['/chosen/config'], existing: [] });
  assert.deepEqual(kubeconfigPaths(undefined, { KUBECONFIG: delimiter }, folder), { source: 'default', lookedAt: [join(folder, '.kube', 'config')], existing: [] });
});

test('merging keeps the first definition of every name and the first current-context', () => {
  const config = loadKubeconfig(fromEnv(first, second));
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
  const summary = JSON.stringify(summarizeKubeconfig(loadKubeconfig(fromEnv(first, second)), [first, second]));
  assert.ok(!summary.includes('secret'), summary);
});

test('switching context leaves the loaded config untouched', () => {
  const config = loadKubeconfig(fromEnv(first, second));
  assert.equal(withContext(config, 'prod', true).config.getCurrentContext(), 'prod');
  assert.equal(config.getCurrentContext(), 'dev');
});

/** Runs `load`, which must throw a 'config' ClusterError, and returns its message and typed problem. */
function configFailure(load: () => unknown): { message: string; problem: ConfigProblem | undefined } {
  try {
    load();
  } catch (error) {
    assert.ok(error instanceof ClusterError && error.kind === 'config', String(error));
    return { message: error.message, problem: error.configProblem };
  }
  assert.fail('expected a ClusterError');
}

test('a context that is not in the kubeconfig is stale, typed by whether it was picked in the editor or is the current-context', () => {
  const config = loadKubeconfig(fromEnv(first, second));
  const picked = configFailure(() => withContext(config, 'gone', true));
  assert.deepEqual(picked.problem, { reason: 'context-missing', context: 'gone', chosen: true });
  assert.match(picked.message, /^Context gone, picked in this window, is no longer in the kubeconfig\. Switch/);
  const current = configFailure(() => withContext(config, 'gone', false));
  assert.deepEqual(current.problem, { reason: 'context-missing', context: 'gone', chosen: false });
  assert.match(current.message, /^The kubeconfig's current-context gone is not one of its contexts/);
});

test('no kubeconfig: the message says where it looked, and the next step fits where the path came from', () => {
  const fromSetting = configFailure(() => loadKubeconfig(kubeconfigPaths('/chosen/config', { KUBECONFIG: first }, folder)));
  assert.deepEqual(fromSetting.problem, { reason: 'kubeconfig-missing', source: 'setting' });
  assert.match(fromSetting.message, /^The kubeconfig \/chosen\/config, set in the kubeSaTokens\.kubeconfigPath setting, does not exist\. Choose another file, or clear the setting/);
  assert.doesNotMatch(fromSetting.message, /Fix KUBECONFIG|set KUBECONFIG/, 'KUBECONFIG is not why');
  const missing = [join(folder, 'a.yaml'), join(folder, 'b.yaml')];
  const fromEnvList = configFailure(() => loadKubeconfig(kubeconfigPaths(undefined, { KUBECONFIG: missing.join(delimiter) }, folder)));
  assert.deepEqual(fromEnvList.problem, { reason: 'kubeconfig-missing', source: 'env' });
  assert.ok(fromEnvList.message.startsWith(`None of the kubeconfig files listed in KUBECONFIG exist: ${missing.join(', ')}. Fix KUBECONFIG`), fromEnvList.message);
  const byDefault = configFailure(() => loadKubeconfig(kubeconfigPaths(undefined, {}, folder)));
  assert.deepEqual(byDefault.problem, { reason: 'kubeconfig-missing', source: 'default' });
  assert.ok(byDefault.message.startsWith(`No kubeconfig found: KUBECONFIG is not set and ${join(folder, '.kube', 'config')} does not exist.`), byDefault.message);
});

test("the Kubernetes extension's kubeconfig setting, followed while ours is unset, is named as the source with its own next step", () => {
  assert.deepEqual(kubeconfigPaths(first, { KUBECONFIG: second }, folder, 'kubernetes-extension'), { source: 'kubernetes-extension', lookedAt: [first], existing: [first] });
  const missing = configFailure(() => loadKubeconfig(kubeconfigPaths('/its/config', { KUBECONFIG: first }, folder, 'kubernetes-extension')));
  assert.deepEqual(missing.problem, { reason: 'kubeconfig-missing', source: 'kubernetes-extension' });
  assert.match(missing.message, /^The kubeconfig \/its\/config, from the Kubernetes extension's kubeconfig setting \(followed while kubeSaTokens\.kubeconfigPath is unset\), does not exist\./);
  const broken = kubeconfigFile('broken-for-kubernetes-extension.yaml', 'clusters: [\n');
  const unreadable = configFailure(() => loadKubeconfig(kubeconfigPaths(broken, {}, folder, 'kubernetes-extension')));
  assert.deepEqual(unreadable.problem, { reason: 'kubeconfig-unreadable', source: 'kubernetes-extension', path: broken });
  assert.ok(unreadable.message.startsWith(`Cannot read the kubeconfig ${broken} (the Kubernetes extension's kubeconfig setting, followed while kubeSaTokens.kubeconfigPath is unset): `), unreadable.message);
});

test('a kubeconfig that cannot be parsed is named, with where it came from', () => {
  const broken = kubeconfigFile('broken.yaml', 'clusters: [\n  - {name: a, cluster: {server: x}\n');
  const fromSetting = configFailure(() => loadKubeconfig(kubeconfigPaths(broken, {}, folder)));
  assert.deepEqual(fromSetting.problem, { reason: 'kubeconfig-unreadable', source: 'setting', path: broken });
  assert.ok(fromSetting.message.startsWith(`Cannot read the kubeconfig ${broken} (set in the kubeSaTokens.kubeconfigPath setting): `), fromSetting.message);
  assert.match(fromSetting.message, /Fix it, or choose another file/);
  const fromEnvList = configFailure(() => loadKubeconfig(fromEnv(first, broken)));
  assert.deepEqual(fromEnvList.problem, { reason: 'kubeconfig-unreadable', source: 'env', path: broken });
  assert.match(fromEnvList.message, /\(listed in KUBECONFIG\): .*take it out of KUBECONFIG/);
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
