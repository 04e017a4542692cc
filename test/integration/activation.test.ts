import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { activateExtension, extensionId, useLocalCluster } from './helpers';

interface Manifest {
  activationEvents: string[];
  contributes: { commands: { command: string }[] };
}

suite('Activation', () => {
  test('activates after start-up (hovers decode tokens in any file), quickly, without loading the Kubernetes client', async () => {
    const extension = vscode.extensions.getExtension(extensionId);
    assert.ok(extension, 'the extension is installed');
    assert.deepEqual((extension.packageJSON as Manifest).activationEvents, ['onStartupFinished'], 'never delays start-up');
    const started = performance.now();
    await activateExtension();
    const milliseconds = performance.now() - started;
    console.log(`Activation took ${milliseconds.toFixed(1)} ms in this extension host.`);
    // The Kubernetes client, jose, yaml and the manifest validator are bundles of their own, required on first use (esbuild.mjs).
    const lazyBundles = Object.keys(require.cache).filter((path) => /\/dist\/(cluster|jose|yaml|manifests)\.js$/.test(path));
    assert.deepEqual(lazyBundles, [], 'the Kubernetes client, jose, yaml and the manifest validator must not load at activation (no YAML document is open)');
    const activationSources = (JSON.parse(readFileSync(join(extension.extensionPath, 'dist', 'extension.js.map'), 'utf8')) as { sources: string[] }).sources;
    assert.deepEqual(
      activationSources.filter((source) => /node_modules\/(@kubernetes|jose|yaml)\/|src\/manifests\//.test(source)),
      [],
      'dist/extension.js must not bundle the Kubernetes client, jose, yaml or the manifest validator',
    );
    // One shared copy of the API object, not one per file that imports vscode (esbuild.mjs, sharedVscodeApiPlugin).
    const bundle = readFileSync(join(extension.extensionPath, 'dist', 'extension.js'), 'utf8');
    assert.equal(bundle.split('require("vscode")').length - 1, 1, 'dist/extension.js requires vscode once');
  });

  test('registers every command it contributes', async () => {
    await activateExtension();
    const registered = new Set(await vscode.commands.getCommands(true));
    const manifest = vscode.extensions.getExtension(extensionId)!.packageJSON as Manifest;
    const missing = manifest.contributes.commands.map((entry) => entry.command).filter((command) => !registered.has(command));
    assert.deepEqual(missing, []);
  });

  test('the refresh command runs and loads the tree from the cluster', async () => {
    const api = await activateExtension();
    const local = await useLocalCluster();
    try {
      await vscode.commands.executeCommand('kubeSaTokens.refresh');
      const [root] = await api.serviceAccounts.getChildren();
      assert.equal(root?.kind, 'context');
      const namespaces = await api.serviceAccounts.getChildren(root);
      assert.deepEqual(
        namespaces.map((node) => (node.kind === 'namespace' ? node.namespace.name : node.kind)),
        ['default', 'demo', 'kube-system', 'monitoring', 'payments'],
      );
    } finally {
      await local.dispose();
    }
  });
});
