// Runs in a workspace VS Code has NOT trusted (Restricted Mode), in its own code-server: decoding,
// hovers and validation work; nothing from the workspace's files reaches a cluster without the
// person's say; workspace settings cannot weaken what is reported or change what is sent.
import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../../src/extension';
import { activateExtension, eventually, issuedToken, useLocalCluster } from '../helpers';

type Local = Awaited<ReturnType<typeof useLocalCluster>>;

function workspaceFile(name: string, text: string): vscode.Uri {
  const path = join(vscode.workspace.workspaceFolders![0].uri.fsPath, name);
  writeFileSync(path, text);
  return vscode.Uri.file(path);
}

function hoverText(hovers: vscode.Hover[]): string {
  return hovers.flatMap((hover) => hover.contents.map((content) => (typeof content === 'string' ? content : content.value))).join('\n');
}

suite('Restricted Mode', () => {
  let api: ExtensionApi;
  let local: Local;
  let token: string;
  suiteSetup(async () => {
    assert.equal(vscode.workspace.isTrusted, false, 'this suite must run in an untrusted workspace');
    api = await activateExtension();
    local = await useLocalCluster();
    token = await issuedToken(local.cluster, 'vault-auth');
  });
  suiteTeardown(async () => {
    await local.dispose();
  });

  test('hover and plaintext-token diagnostics work as in a trusted workspace', async () => {
    const uri = workspaceFile('notes.env', `TOKEN=${token}\n`);
    await vscode.workspace.openTextDocument(uri);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(0, 10));
    assert.match(hoverText(hovers), /\*\*Kubernetes ServiceAccount token\*\*: ServiceAccount `demo\/vault-auth`/);
    await eventually(() => vscode.languages.getDiagnostics(uri).find((d) => d.code === 'plaintext-service-account-token'), 'the plaintext-token diagnostic');
  });

  test("a hover asks the cluster nothing, not even its issuer, so it offers no Show permissions", async () => {
    const uri = workspaceFile('issuer.env', `TOKEN=${token}\n`);
    await vscode.workspace.openTextDocument(uri);
    local.cluster.clearRequests();
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(0, 10));
    assert.ok(!hoverText(hovers).includes('command:kubeSaTokens.showTokenPermissions'));
    assert.deepEqual(local.cluster.requests.filter((request) => request.path.startsWith('/.well-known/')), []);
  });

  test('manifest validation works; the lens asks before sending, and nothing is sent without an answer', async () => {
    const uri = workspaceFile('request.yaml', 'apiVersion: authentication.k8s.io/v1\nkind: TokenRequest\nmetadata:\n  name: vault-auth\n  namespace: demo\nspec:\n  audiences: [vault]\n  expirationSeconds: 100\n---\napiVersion: authentication.k8s.io/v1\nkind: TokenRequest\nmetadata:\n  name: vault-auth\n  namespace: demo\nspec:\n  audiences: [vault]\n');
    const document = await vscode.workspace.openTextDocument(uri);
    await eventually(() => vscode.languages.getDiagnostics(uri).find((d) => d.code === 'expiration-too-short'), 'the expiration diagnostic');
    const lenses = await eventually(async () => {
      const found = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri);
      return found.length === 2 ? found : undefined;
    }, 'two lenses');
    const sendable = lenses.find((lens) => lens.command?.command)!;
    local.cluster.clearRequests();
    const errors: string[] = [];
    const listener = api.onDidReportError((message) => errors.push(message));
    try {
      // The confirmation is a modal that names the cluster; this test workbench refuses dialogs, so it cannot be answered.
      const result = await vscode.commands.executeCommand(sendable.command!.command, ...(sendable.command!.arguments ?? []));
      assert.equal(result, undefined);
    } finally {
      listener.dispose();
    }
    assert.match(errors.join('\n'), /^Not sent: this workspace is in Restricted Mode/m);
    assert.deepEqual(local.cluster.requests.filter((request) => request.method === 'POST'), []);
  });

  test('Review Token of a token in a file asks first; the same token given in code (typed by the person) is sent', async () => {
    const uri = workspaceFile('review.txt', `token: ${token}\n`);
    const editor = await vscode.window.showTextDocument(uri);
    editor.selection = new vscode.Selection(0, 10, 0, 10);
    local.cluster.clearRequests();
    const errors: string[] = [];
    const listener = api.onDidReportError((message) => errors.push(message));
    try {
      const running = Promise.resolve(vscode.commands.executeCommand('kubeSaTokens.reviewToken'));
      let settled = false;
      void running.finally(() => (settled = true));
      while (!settled) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      }
      assert.equal(await running, undefined);
    } finally {
      listener.dispose();
    }
    assert.match(errors.join('\n'), /Not sent: this workspace is in Restricted Mode/);
    assert.deepEqual(local.cluster.requests.filter((request) => request.method === 'POST'), []);
    const outcome = await api.reviewToken(token, ['vault']);
    assert.equal(outcome?.authenticated, true);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('Revoke from a hover over a token in a file asks before sending it; without an answer nothing reaches the cluster', async () => {
    const uri = workspaceFile('revoke.env', `TOKEN=${token}\n`);
    await vscode.workspace.openTextDocument(uri);
    local.cluster.clearRequests();
    const errors: string[] = [];
    const listener = api.onDidReportError((message) => errors.push(message));
    try {
      assert.equal(await vscode.commands.executeCommand('kubeSaTokens.revokeToken', { uri: uri.toString(), line: 0, character: 6 }), undefined);
    } finally {
      listener.dispose();
    }
    assert.match(errors.join('\n'), /Not sent: this workspace is in Restricted Mode/);
    assert.deepEqual(local.cluster.requests.map((request) => `${request.method} ${request.path}`).filter((call) => call !== 'GET /version'), [], 'not even a TokenReview');
  });

  test('name completion asks the cluster nothing for a file of an untrusted workspace', async () => {
    // Connected, as in the trusted suite's test where the same position offers demo's ServiceAccounts.
    await api.serviceAccounts.getChildren();
    const text = 'apiVersion: authentication.k8s.io/v1\nkind: TokenRequest\nmetadata:\n  name: \n  namespace: demo\nspec:\n  audiences: [vault]\n';
    const uri = workspaceFile('names.yaml', text);
    const document = await vscode.workspace.openTextDocument(uri);
    local.cluster.clearRequests();
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, document.positionAt(text.indexOf('  name: ') + '  name: '.length));
    const labels = list.items.map((item) => (typeof item.label === 'string' ? item.label : item.label.label));
    assert.ok(!labels.includes('vault-auth'), labels.join(', '));
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.deepEqual(local.cluster.requests.map((request) => request.path), [], 'no request reached the cluster');
  });

  test('workspace settings cannot turn plaintext-token reports off or choose the default audiences', async () => {
    const folder = vscode.workspace.workspaceFolders![0].uri.fsPath;
    const workspaceSettings = JSON.parse(readFileSync(join(folder, '.vscode', 'settings.json'), 'utf8')) as Record<string, unknown>;
    assert.equal(workspaceSettings['kubeSaTokens.plaintextTokens.severity'], 'off', 'the workspace tries to turn them off (see the runner)');
    const uri = workspaceFile('secret.yaml', `token: ${token}\n`);
    await vscode.workspace.openTextDocument(uri);
    const [diagnostic] = await eventually(() => {
      const found = vscode.languages.getDiagnostics(uri).filter((d) => d.code === 'plaintext-service-account-token');
      return found.length === 1 ? found : undefined;
    }, 'the diagnostic, despite the workspace setting');
    assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Information);
    const manifest = workspaceFile('no-audiences.yaml', 'apiVersion: authentication.k8s.io/v1\nkind: TokenRequest\nmetadata:\n  name: vault-auth\nspec: {}\n');
    const document = await vscode.workspace.openTextDocument(manifest);
    const finding = await eventually(() => vscode.languages.getDiagnostics(manifest).find((d) => d.code === 'missing-audiences'), 'the missing-audiences finding');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, finding.range, vscode.CodeActionKind.QuickFix.value);
    const edits = actions.flatMap((action) => action.edit?.get(document.uri) ?? []).map((edit) => edit.newText).join('\n');
    assert.ok(!edits.includes('attacker.example'), `a workspace's default audience is not offered: ${edits}`);
  });
});
