import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import type { Node } from '../../src/features/explorer/serviceAccountTree';
import { startLocalCluster } from '../cluster/server';
import { activateExtension, eventually } from './helpers';

let api: ExtensionApi;
let folder: string;
const previousKubeconfig = process.env.KUBECONFIG;

async function root(): Promise<Node | undefined> {
  const [first] = await api.serviceAccounts.getChildren();
  return first;
}

const contextName = (node: Node | undefined) => (node?.kind === 'context' ? node.context.name : undefined);

suite('ServiceAccounts explorer', () => {
  suiteSetup(async () => {
    api = await activateExtension();
    folder = mkdtempSync(join(tmpdir(), 'kube-sa-tokens-explorer-'));
  });

  suiteTeardown(async () => {
    process.env.KUBECONFIG = previousKubeconfig;
    await vscode.commands.executeCommand('kubeSaTokens.refresh');
    rmSync(folder, { recursive: true, force: true });
  });

  test('10,000 ServiceAccounts in 500 namespaces load in 22 requests, plus the connection\'s one GET /version', async () => {
    const cluster = await startLocalCluster({ namespaces: 500, serviceAccountsPerNamespace: 20 });
    try {
      const kubeconfig = join(folder, 'large');
      await cluster.writeKubeconfig(kubeconfig, 'admin', 'large-cluster');
      process.env.KUBECONFIG = kubeconfig;
      cluster.clearRequests();
      await vscode.commands.executeCommand('kubeSaTokens.refresh');
      const started = performance.now();
      const context = await root();
      const milliseconds = performance.now() - started;
      assert.equal(contextName(context), 'large-cluster');
      const namespaces = await api.serviceAccounts.getChildren(context);
      assert.equal(namespaces.length, 500);
      const accounts = await api.serviceAccounts.getChildren(namespaces[499]);
      assert.equal(accounts.length, 20);
      const listing = cluster.requests.filter((request) => request.path !== '/version');
      assert.equal(listing.length, 22, listing.map((request) => `${request.path}${request.query}`).join('\n'));
      assert.equal(cluster.requests.length - listing.length, 1, 'the version is asked once per connection');
      console.log(`Tree of 10,000 ServiceAccounts in the extension host: ${cluster.requests.length} requests, ${milliseconds.toFixed(0)} ms`);
    } finally {
      await cluster.close();
    }
  });

  test("a slow answer from a context you left never replaces the new context's tree", async () => {
    const slow = await startLocalCluster({ latencyMs: 1500 });
    const fast = await startLocalCluster();
    try {
      const slowConfig = join(folder, 'slow');
      const fastConfig = join(folder, 'fast');
      await slow.writeKubeconfig(slowConfig, 'admin', 'slow-cluster');
      await fast.writeKubeconfig(fastConfig, 'admin', 'fast-cluster');
      process.env.KUBECONFIG = slowConfig;
      await vscode.commands.executeCommand('kubeSaTokens.refresh');
      const leftBehind = root();
      process.env.KUBECONFIG = fastConfig;
      await vscode.commands.executeCommand('kubeSaTokens.refresh');
      assert.equal(contextName(await root()), 'fast-cluster');
      assert.deepEqual(await leftBehind, undefined, 'the abandoned load yields nothing');
      assert.equal(contextName(await root()), 'fast-cluster', 'still the new context after the slow answer');
    } finally {
      await slow.close();
      await fast.close();
    }
  });

  test('editing the kubeconfig file reloads the tree', async () => {
    const first = await startLocalCluster();
    try {
      const kubeconfig = join(folder, 'watched');
      await first.writeKubeconfig(kubeconfig, 'admin', 'before-edit');
      process.env.KUBECONFIG = kubeconfig;
      await vscode.commands.executeCommand('kubeSaTokens.refresh');
      // The watcher may still report the file's creation, which reloads once more: wait for the tree to settle.
      await eventually(async () => contextName(await root()) === 'before-edit' || undefined, 'the tree to show the first context');
      writeFileSync(kubeconfig, first.kubeconfigYaml('admin', 'after-edit'));
      await eventually(async () => contextName(await root()) === 'after-edit' || undefined, 'the tree to show the edited context');
    } finally {
      await first.close();
    }
  });

  test('a restricted user sees the context namespace; an unreachable cluster leaves the welcome view', async () => {
    const cluster = await startLocalCluster();
    try {
      const restricted = join(folder, 'restricted');
      await cluster.writeKubeconfig(restricted, 'restricted', 'restricted-context');
      process.env.KUBECONFIG = restricted;
      await vscode.commands.executeCommand('kubeSaTokens.refresh');
      const context = await root();
      assert.deepEqual(
        (await api.serviceAccounts.getChildren(context)).map((node) => (node.kind === 'namespace' ? node.namespace.name : node.kind)),
        ['demo'],
      );
      const unreachable = join(folder, 'unreachable');
      writeFileSync(unreachable, cluster.kubeconfigYaml('admin').replace(cluster.url, 'https://127.0.0.1:1'));
      process.env.KUBECONFIG = unreachable;
      await vscode.commands.executeCommand('kubeSaTokens.refresh');
      assert.deepEqual(await api.serviceAccounts.getChildren(), [], 'no tree: the unreachable welcome view explains');
      process.env.KUBECONFIG = join(folder, 'does-not-exist');
      await vscode.commands.executeCommand('kubeSaTokens.refresh');
      assert.deepEqual(await api.serviceAccounts.getChildren(), [], 'no tree: the no-kubeconfig welcome view explains');
    } finally {
      await cluster.close();
    }
  });
});
