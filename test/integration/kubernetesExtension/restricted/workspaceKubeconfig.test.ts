// Runs in a workspace VS Code has not trusted, beside the stand-in Kubernetes extension (which
// declares Restricted Mode support, the worst case); the workspace's settings set its kubeconfig.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ConfigurationV1_1 } from 'vscode-kubernetes-tools-api/js/configuration/v1_1';
import type { StandInExports } from '../../../standins/vscode-kubernetes-tools/src/extension';
import { activateExtension, eventually, useLocalCluster } from '../../helpers';

suite('Restricted Mode beside the Kubernetes extension (stand-in)', () => {
  test("a workspace that sets the Kubernetes extension's kubeconfig does not redirect ours", async () => {
    assert.equal(vscode.workspace.isTrusted, false);
    const api = await activateExtension();
    const standIn = await vscode.extensions.getExtension<StandInExports>('ms-kubernetes-tools.vscode-kubernetes-tools')!.activate();
    const configuration = standIn.get('configuration', 'v1_1');
    assert.ok(configuration.available);
    assert.deepEqual((configuration.api as ConfigurationV1_1).getKubeconfigPath(), { pathType: 'host', hostPath: '/attacker/kubeconfig' }, "the workspace's value reaches that extension");
    const local = await useLocalCluster();
    try {
      const root = await eventually(async () => {
        await vscode.commands.executeCommand('kubeSaTokens.refresh');
        const [node] = await api.serviceAccounts.getChildren();
        return node?.kind === 'context' ? node : undefined;
      }, 'our tree from KUBECONFIG');
      assert.equal(root.kind === 'context' && root.context.server, local.cluster.url);
      assert.equal(api.serviceAccounts.problem, undefined);
    } finally {
      await local.dispose();
    }
  });
});
