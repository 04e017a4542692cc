// Find ServiceAccount Tokens in Workspace in a workspace VS Code has NOT trusted: the scan is local
// and works; Check with Cluster sends nothing (not even the issuer lookup) and says why; a workspace
// value of the size cap cannot hide a file from the scan.
import * as assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../../src/extension';
import { activateExtension, issuedToken, useLocalCluster } from '../helpers';

type Local = Awaited<ReturnType<typeof useLocalCluster>>;

suite('Workspace scan in Restricted Mode', () => {
  let api: ExtensionApi;
  let local: Local;
  let folder: string;
  let sizeCapBefore: unknown;

  suiteSetup(async () => {
    assert.equal(vscode.workspace.isTrusted, false, 'this suite must run in an untrusted workspace');
    api = await activateExtension();
    local = await useLocalCluster();
    folder = join(vscode.workspace.workspaceFolders![0].uri.fsPath, `scan-restricted-${Date.now()}`);
    mkdirSync(folder);
    // 4 KB, above the 1 KB cap the workspace sets below.
    writeFileSync(join(folder, 'token.env'), `${'#'.repeat(4096)}\nTOKEN=${await issuedToken(local.cluster, 'vault-auth')}\n`);
    const settings = vscode.workspace.getConfiguration('kubeSaTokens');
    sizeCapBefore = settings.inspect('scan.maxFileSizeKB')?.workspaceValue;
    await settings.update('scan.maxFileSizeKB', 1, vscode.ConfigurationTarget.Workspace);
  });

  suiteTeardown(async () => {
    await vscode.workspace.getConfiguration('kubeSaTokens').update('scan.maxFileSizeKB', sizeCapBefore, vscode.ConfigurationTarget.Workspace);
    rmSync(folder, { recursive: true, force: true });
    await local.dispose();
  });

  const findingsHere = async () => {
    const files = (await api.tokensInWorkspace.getChildren())!.filter((node) => node.kind === 'file' && node.group.file.startsWith(folder));
    return files.flatMap((node) => (node.kind === 'file' ? node.group.findings : []));
  };

  test("the scan works, and ignores the workspace's size cap", async () => {
    const summary = await vscode.commands.executeCommand<Awaited<ReturnType<ExtensionApi['scanWorkspace']>>>('kubeSaTokens.scanWorkspace');
    assert.ok(summary && !summary.cancelled);
    const findings = await findingsHere();
    assert.deepEqual(findings.map((finding) => `${finding.namespace}/${finding.serviceAccount}`), ['demo/vault-auth']);
  });

  test('Check with Cluster sends nothing, from the command or from code, and says the workspace must be trusted', async () => {
    await api.scanWorkspace();
    local.cluster.clearRequests();
    assert.deepEqual(await api.checkTokensWithCluster(), { kind: 'untrusted' });
    assert.deepEqual(await vscode.commands.executeCommand('kubeSaTokens.checkTokensWithCluster'), { kind: 'untrusted' });
    const [fileNode] = (await api.tokensInWorkspace.getChildren())!.filter((node) => node.kind === 'file' && node.group.file.startsWith(folder));
    assert.deepEqual(await api.checkTokensWithCluster(fileNode), { kind: 'untrusted' });
    const sent = local.cluster.requests.filter((request) => request.method === 'POST' || request.path.startsWith('/.well-known/') || request.path === '/api/v1/serviceaccounts');
    assert.deepEqual(sent, [], 'no TokenReview, not even the issuer or the ServiceAccounts read');
  });
});
