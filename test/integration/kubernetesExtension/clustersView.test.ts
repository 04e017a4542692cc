// Runs beside a stand-in for Microsoft's Kubernetes extension (test/standins/vscode-kubernetes-tools),
// which implements the published API contract from the npm package vscode-kubernetes-tools-api's
// type definitions: the real extension cannot be downloaded here.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { parse, stringify } from 'yaml';
import type { ExtensionApi } from '../../../src/extension';
import type { StandInExports } from '../../standins/vscode-kubernetes-tools/src/extension';
import { activateExtension, answering, eventually, reportedErrors, useLocalCluster } from '../helpers';

type ClustersView = StandInExports['clustersView'];

async function labelOf(view: ClustersView, node: object): Promise<string> {
  const item = await view.getTreeItem(node);
  return typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
}

async function childrenNamed(view: ClustersView, parent: object | undefined, label: string): Promise<object | undefined> {
  for (const child of (await view.getChildren(parent as never)) ?? []) {
    if ((await labelOf(view, child)) === label) {
      return child;
    }
  }
  return undefined;
}

/** The ServiceAccount nodes of our folder under the active context, by name. */
async function serviceAccountNodes(view: ClustersView): Promise<Map<string, object>> {
  return eventually(async () => {
    const [context] = (await view.getChildren()) ?? [];
    const folder = context ? await childrenNamed(view, context, 'Service Accounts') : undefined;
    const nodes = folder ? ((await view.getChildren(folder as never)) ?? []) : [];
    const byName = new Map<string, object>();
    for (const node of nodes) {
      byName.set(await labelOf(view, node), node);
    }
    return byName.size > 0 ? byName : undefined;
  }, 'the Service Accounts folder in the Clusters view');
}

function setStandInKubeconfig(path: string | undefined): Thenable<void> {
  return vscode.workspace.getConfiguration().update('vs-kubernetes', path === undefined ? undefined : { 'vs-kubernetes.kubeconfig': path }, vscode.ConfigurationTarget.Global);
}

suite('Beside the Kubernetes extension (stand-in)', () => {
  let api: ExtensionApi;
  let view: ClustersView;
  let local: Awaited<ReturnType<typeof useLocalCluster>>;
  suiteSetup(async () => {
    api = await activateExtension();
    local = await useLocalCluster();
    const standIn = vscode.extensions.getExtension<StandInExports>('ms-kubernetes-tools.vscode-kubernetes-tools');
    assert.ok(standIn, 'the stand-in is loaded in this run');
    view = (await standIn.activate()).clustersView;
  });
  suiteTeardown(async () => {
    await setStandInKubeconfig(undefined);
    await local.dispose();
  });

  test("its Clusters view has our Service Accounts folder, listing the namespace's ServiceAccounts with the view's resource context", async () => {
    const nodes = await serviceAccountNodes(view);
    assert.deepEqual([...nodes.keys()].sort(), ['ci-deployer', 'default', 'vault-auth', 'web']);
    for (const node of nodes.values()) {
      assert.match(String((await view.getTreeItem(node)).contextValue), /vsKubernetes\.resource\.serviceaccount/i);
    }
  });

  test('Request Token on its demo/default node issues a token there, through our Request Token flow', async () => {
    const node = (await serviceAccountNodes(view)).get('default')!;
    local.cluster.clearRequests();
    const issued = await answering(vscode.commands.executeCommand<{ namespace: string; serviceAccount: string; token: string } | undefined>('kubeSaTokens.clusters.requestToken', node), 'workbench.action.acceptSelectedQuickOpenItem');
    assert.equal(`${issued?.namespace}/${issued?.serviceAccount}`, 'demo/default');
    assert.deepEqual(local.cluster.requests.filter((request) => request.path.endsWith('/token')).map((request) => `${request.method} ${request.path}`), ['POST /api/v1/namespaces/demo/serviceaccounts/default/token']);
    const claims = JSON.parse(Buffer.from(issued!.token.split('.')[1], 'base64url').toString('utf8')) as { sub?: string };
    assert.equal(claims.sub, 'system:serviceaccount:demo:default', 'a token of that ServiceAccount');
  });

  test('Show Permissions on its demo/vault-auth node opens what vault-auth may do', async () => {
    const node = (await serviceAccountNodes(view)).get('vault-auth')!;
    await vscode.commands.executeCommand('kubeSaTokens.clusters.showPermissions', node);
    const document = await eventually(() => vscode.window.activeTextEditor?.document, 'the permissions document');
    assert.match(document.getText(), /vault-auth/);
    assert.match(document.getText(), /secrets/);
  });

  test("our kubeconfig follows its vs-kubernetes.kubeconfig while ours is unset, and says so when that file is missing", async () => {
    const folder = mkdtempSync(join(tmpdir(), 'kube-sa-tokens-standin-'));
    const previous = process.env.KUBECONFIG;
    try {
      const followed = join(folder, 'its-kubeconfig');
      writeFileSync(followed, local.cluster.kubeconfigYaml('admin', 'from-kubernetes-extension'));
      process.env.KUBECONFIG = join(folder, 'nothing-here');
      await setStandInKubeconfig(followed);
      await eventually(async () => {
        await vscode.commands.executeCommand('kubeSaTokens.refresh');
        const [root] = await api.serviceAccounts.getChildren();
        return root?.kind === 'context' && root.context.name === 'from-kubernetes-extension' ? true : undefined;
      }, 'our tree on the context of its kubeconfig');
      await setStandInKubeconfig(join(folder, 'missing-kubeconfig'));
      await eventually(async () => {
        await vscode.commands.executeCommand('kubeSaTokens.refresh');
        await api.serviceAccounts.getChildren();
        return api.serviceAccounts.problem?.kind === 'kubeconfig-missing-kubernetes-extension' ? true : undefined;
      }, 'the problem naming its kubeconfig setting');
      assert.match(api.serviceAccounts.problem?.message ?? '', /the Kubernetes extension's kubeconfig setting/);
    } finally {
      process.env.KUBECONFIG = previous;
      await setStandInKubeconfig(undefined);
      rmSync(folder, { recursive: true, force: true });
    }
  });

  test('a node forged by another caller (not from its Clusters view) is refused, and nothing reaches the cluster', async () => {
    const forged: unknown[] = [
      { nodeType: 'resource', namespace: 'demo', name: 'ci-deployer', resourceKind: { manifestKind: 'ServiceAccount', abbreviation: 'serviceaccount' } },
      { nodeCategory: 'kubernetes-explorer-node', nodeType: 'resource', kind: { manifestKind: 'ServiceAccount', abbreviation: 'serviceaccount' }, name: 'ci-deployer', metadata: { namespace: 'demo' } },
      { type: 'resource', kind: { manifestKind: 'ServiceAccount', abbreviation: 'serviceaccount' }, name: 'ci-deployer', namespace: 'demo' },
      { namespace: 'demo', name: 'ci-deployer' },
      undefined,
    ];
    local.cluster.clearRequests();
    for (const command of ['kubeSaTokens.clusters.requestToken', 'kubeSaTokens.clusters.showPermissions']) {
      for (const target of forged) {
        const errors = await reportedErrors(api, () => vscode.commands.executeCommand(command, target));
        assert.equal(errors.length, 1, `${command} ${JSON.stringify(target)} is refused with one message`);
        assert.match(errors[0], /Kubernetes extension's Clusters view/);
      }
    }
    assert.deepEqual(local.cluster.requests, [], 'nothing reached the cluster');
  });

  // Last: it leaves a context picked in this window.
  test('with another context picked in our window than the kubeconfig current one it shows, our actions on its nodes refuse', async () => {
    const node = (await serviceAccountNodes(view)).get('web')!;
    const folder = mkdtempSync(join(tmpdir(), 'kube-sa-tokens-standin-'));
    const previous = process.env.KUBECONFIG;
    const scope = vscode.workspace.getConfiguration('kubeSaTokens');
    try {
      const config = parse(local.cluster.kubeconfigYaml('admin', 'shown-context')) as { contexts: { name: string; context: unknown }[] };
      config.contexts.unshift({ name: 'other-context', context: config.contexts[0].context });
      process.env.KUBECONFIG = join(folder, 'two-contexts');
      writeFileSync(process.env.KUBECONFIG, stringify(config));
      await scope.update('switchContext.scope', 'window', vscode.ConfigurationTarget.Global);
      await vscode.commands.executeCommand('kubeSaTokens.refresh');
      await answering(vscode.commands.executeCommand('kubeSaTokens.switchContext'), 'workbench.action.acceptSelectedQuickOpenItem');
      local.cluster.clearRequests();
      const errors = await reportedErrors(api, () => vscode.commands.executeCommand('kubeSaTokens.clusters.requestToken', node));
      assert.deepEqual(errors, ['The Kubernetes extension shows context shown-context, but Kubernetes SA Tokens uses other-context in this window. Switch to shown-context (Switch Context…) to act on its ServiceAccounts.']);
      assert.deepEqual(local.cluster.requests, [], 'nothing reached the cluster');
    } finally {
      process.env.KUBECONFIG = previous;
      await scope.update('switchContext.scope', undefined, vscode.ConfigurationTarget.Global);
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
