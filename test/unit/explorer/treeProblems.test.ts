import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ClusterError, type ConfigProblem } from '../../../src/cluster/errors';
import { CommandIds } from '../../../src/commandIds';
import { treeProblemOf, treeProblems, type TreeProblem } from '../../../src/explorer/treeProblems';
import { packageManifest } from '../packageManifest';

interface Manifest {
  contributes: { viewsWelcome: { view: string; when: string; contents: string }[] };
}

const manifest = packageManifest<Manifest>();
const viewId = 'kubeSaTokens.serviceAccounts';

const configError = (problem: ConfigProblem) => new ClusterError('whatever the message says', 'config', undefined, problem);

test('each kind of failure picks its own problem, from typed fields only', () => {
  const cases: [unknown, TreeProblem][] = [
    [configError({ reason: 'kubeconfig-missing', source: 'setting' }), 'kubeconfig-missing-setting'],
    [configError({ reason: 'kubeconfig-missing', source: 'kubernetes-extension' }), 'kubeconfig-missing-kubernetes-extension'],
    [configError({ reason: 'kubeconfig-missing', source: 'env' }), 'kubeconfig-missing-env'],
    [configError({ reason: 'kubeconfig-missing', source: 'default' }), 'kubeconfig-missing-default'],
    [configError({ reason: 'kubeconfig-unreadable', source: 'setting', path: '/x' }), 'kubeconfig-unreadable-setting'],
    [configError({ reason: 'kubeconfig-unreadable', source: 'kubernetes-extension', path: '/x' }), 'kubeconfig-unreadable-kubernetes-extension'],
    [configError({ reason: 'kubeconfig-unreadable', source: 'env', path: '/x' }), 'kubeconfig-unreadable-env'],
    [configError({ reason: 'kubeconfig-unreadable', source: 'default', path: '/x' }), 'kubeconfig-unreadable-default'],
    [configError({ reason: 'no-current-context' }), 'no-current-context'],
    [configError({ reason: 'context-missing', context: 'gone', chosen: true }), 'stale-context-chosen'],
    [configError({ reason: 'context-missing', context: 'gone', chosen: false }), 'stale-context-current'],
    [new ClusterError('Connection refused', 'network'), 'unreachable'],
    [new ClusterError('TLS error', 'tls'), 'unreachable'],
    [new ClusterError('Timed out', 'timeout'), 'unreachable'],
    [new ClusterError('Unauthorized', 'unauthorized', 401), 'unauthorized'],
    [new ClusterError('Forbidden', 'forbidden', 403), 'forbidden'],
    [new ClusterError('The API server failed', 'server', 500), 'error'],
    // A credential plugin that is not installed is a kubeconfig matter, but not a missing or unreadable kubeconfig.
    [new ClusterError('The credential plugin aws is not installed', 'config'), 'error'],
    [new Error('No kubeconfig found: set KUBECONFIG'), 'error'],
    ['not even an Error', 'error'],
  ];
  for (const [error, expected] of cases) {
    assert.equal(treeProblemOf(error), expected, String(error));
  }
});

test('an error from the other bundle (its own ClusterError class) is read by its fields', () => {
  const foreign = Object.assign(new Error('elsewhere'), { name: 'ClusterError', kind: 'config', configProblem: { reason: 'kubeconfig-missing', source: 'env' } });
  assert.equal(treeProblemOf(foreign), 'kubeconfig-missing-env');
});

/** The buttons each problem's welcome view offers, in order: the fixes that fit it. */
const expectedButtons: Record<TreeProblem, readonly string[]> = {
  'kubeconfig-missing-setting': [CommandIds.chooseKubeconfig, CommandIds.openSettings, CommandIds.refresh, CommandIds.showLog],
  'kubeconfig-missing-kubernetes-extension': [CommandIds.chooseKubeconfig, CommandIds.refresh, CommandIds.showLog],
  'kubeconfig-missing-env': [CommandIds.chooseKubeconfig, CommandIds.refresh, CommandIds.showLog],
  'kubeconfig-missing-default': [CommandIds.chooseKubeconfig, CommandIds.refresh, CommandIds.showLog],
  'kubeconfig-unreadable-setting': [CommandIds.chooseKubeconfig, CommandIds.openSettings, CommandIds.refresh, CommandIds.showLog],
  'kubeconfig-unreadable-kubernetes-extension': [CommandIds.chooseKubeconfig, CommandIds.refresh, CommandIds.showLog],
  'kubeconfig-unreadable-env': [CommandIds.chooseKubeconfig, CommandIds.refresh, CommandIds.showLog],
  'kubeconfig-unreadable-default': [CommandIds.chooseKubeconfig, CommandIds.refresh, CommandIds.showLog],
  'no-current-context': [CommandIds.switchContext, CommandIds.refresh, CommandIds.showLog],
  'stale-context-chosen': [CommandIds.switchContext, CommandIds.refresh, CommandIds.showLog],
  'stale-context-current': [CommandIds.switchContext, CommandIds.refresh, CommandIds.showLog],
  unreachable: [CommandIds.refresh, CommandIds.switchContext, CommandIds.showLog],
  unauthorized: [CommandIds.refresh, CommandIds.switchContext, CommandIds.showLog],
  forbidden: [CommandIds.switchContext, CommandIds.refresh, CommandIds.showLog],
  error: [CommandIds.refresh, CommandIds.showLog, CommandIds.switchContext],
};

function welcomeViewOf(problem: TreeProblem): { contents: string } | undefined {
  return manifest.contributes.viewsWelcome.find((entry) => entry.view === viewId && entry.when === `kubeSaTokens.treeProblem == ${problem}`);
}

test('every problem has a welcome view with the buttons that fix it, and each button is a command the extension declares', () => {
  const declared = new Set<string>(Object.values(CommandIds));
  for (const problem of treeProblems) {
    const welcome = welcomeViewOf(problem);
    assert.ok(welcome, `no welcome view for ${problem}`);
    const buttons = [...welcome.contents.matchAll(/^\[[^\]]+\]\(command:([^)?]+)\)$/gm)].map((match) => match[1]);
    assert.deepEqual(buttons, expectedButtons[problem], problem);
    for (const command of welcome.contents.matchAll(/\(command:([^)?]+)/g)) {
      assert.ok(declared.has(command[1]), `${problem} links to ${command[1]}, which the extension does not declare`);
    }
    assert.ok(welcome.contents.split('\n')[0].length > 40, `${problem}: the text names the cause`);
  }
});

test('the view has no welcome view for a problem the code never sets', () => {
  const known = new Set<string>(treeProblems.map((problem) => `kubeSaTokens.treeProblem == ${problem}`));
  for (const entry of manifest.contributes.viewsWelcome.filter((welcome) => welcome.view === viewId)) {
    assert.ok(known.has(entry.when), `welcome view for an unknown condition: ${entry.when}`);
  }
});
