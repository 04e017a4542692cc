import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { activateExtension, extensionId } from './helpers';

// This run has no Kubernetes extension; test/integration/kubernetesExtension runs beside its stand-in.
suite('Without the Kubernetes extension', () => {
  test('nothing of it is loaded, and our commands for its Clusters view refuse with a message', async () => {
    const api = await activateExtension();
    assert.equal(vscode.extensions.getExtension('ms-kubernetes-tools.vscode-kubernetes-tools'), undefined, 'not installed in this run');
    const bundle = readFileSync(join(vscode.extensions.getExtension(extensionId)!.extensionPath, 'dist', 'extension.js'), 'utf8');
    assert.ok(!bundle.includes('ExtensionHelper') && !bundle.includes('getBroker'), "the npm package's helper (which activates that extension when loaded) is not bundled: its types only");
    for (const command of ['kubeSaTokens.clusters.requestToken', 'kubeSaTokens.clusters.showPermissions']) {
      const errors: string[] = [];
      const listener = api.onDidReportError((message) => errors.push(message));
      try {
        assert.equal(await vscode.commands.executeCommand(command, { nodeType: 'resource', namespace: 'demo', name: 'web', resourceKind: { manifestKind: 'ServiceAccount', abbreviation: 'serviceaccount' } }), undefined);
      } finally {
        listener.dispose();
      }
      assert.deepEqual(errors, ["This command runs on a ServiceAccount in the Kubernetes extension's Clusters view, and that extension is not installed or not active."]);
    }
  });
});
