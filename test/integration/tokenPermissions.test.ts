// "Show permissions" from a ServiceAccount token's hover and decoded view, offered only when the
// active context's cluster issued the token (its `iss` is the cluster's issuer).
import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import { activateExtension, eventually, issuedToken, useLocalCluster } from './helpers';

type Local = Awaited<ReturnType<typeof useLocalCluster>>;

const showPermissionsLink = '(command:kubeSaTokens.showTokenPermissions?';

function workspaceFile(name: string, text: string): vscode.Uri {
  const path = join(vscode.workspace.workspaceFolders![0].uri.fsPath, name);
  writeFileSync(path, text);
  return vscode.Uri.file(path);
}

async function hoverText(uri: vscode.Uri, position: vscode.Position): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position);
  return hovers.flatMap((hover) => hover.contents.map((content) => (typeof content === 'string' ? content : content.value))).join('\n');
}

/** The open permissions document of demo/vault-auth, once it is there. */
function permissionsDocument(): Promise<vscode.TextDocument> {
  return eventually(
    () => vscode.workspace.textDocuments.find((document) => document.uri.scheme === 'kube-sa-tokens' && document.uri.path === '/permissions demo-vault-auth.txt'),
    'the permissions document of demo/vault-auth',
  );
}

suite('Show permissions of a token', () => {
  let api: ExtensionApi;
  let local: Local;
  suiteSetup(async () => {
    api = await activateExtension();
    local = await useLocalCluster();
  });
  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await local.dispose();
  });

  test("a token the local cluster issued: the hover offers Show permissions, which opens its ServiceAccount's permissions", async () => {
    const token = await issuedToken(local.cluster, 'vault-auth');
    const uri = workspaceFile('ours.env', `TOKEN=${token}\n`);
    await vscode.workspace.openTextDocument(uri);
    const position = new vscode.Position(0, 10);
    // The first hover reads the cluster's issuer (once per context); the link shows as soon as it is known.
    const text = await eventually(async () => {
      const shown = await hoverText(uri, position);
      return shown.includes(showPermissionsLink) ? shown : undefined;
    }, 'the Show permissions link');
    const target = /\(command:kubeSaTokens\.showTokenPermissions\?([^)]*)\)/.exec(text)![1];
    assert.deepEqual(JSON.parse(decodeURIComponent(target)), [{ uri: uri.toString(), line: 0, character: 6 }], 'the link carries the place, never the token');
    local.cluster.clearRequests();
    await vscode.commands.executeCommand('kubeSaTokens.showTokenPermissions', { uri: uri.toString(), line: 0, character: 6 });
    const document = await permissionsDocument();
    assert.match(document.getText(), /secrets/);
    assert.ok(!local.cluster.requests.some((request) => request.path === '/.well-known/openid-configuration'), 'the issuer was read once, by the hover');
  });

  test('the decoded view of such a token shows its permissions from its title bar', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const token = await issuedToken(local.cluster, 'vault-auth');
    const uri = workspaceFile('decode-me.env', `TOKEN=${token}\n`);
    await vscode.workspace.openTextDocument(uri);
    await vscode.commands.executeCommand('kubeSaTokens.decodeJwt', { uri: uri.toString(), line: 0, character: 6 });
    const view = await eventually(() => vscode.window.visibleTextEditors.find((editor) => /^\/Decoded token \d+\.jsonc$/.test(editor.document.uri.path))?.document, 'the decoded view');
    // The title bar's button passes the view's URI.
    await vscode.commands.executeCommand('kubeSaTokens.showTokenPermissions', view.uri);
    await permissionsDocument();
  });

  test('a token with another iss offers no link, and the command refuses it', async () => {
    const { SignJWT, generateKeyPair } = await import('jose');
    const { privateKey } = await generateKeyPair('RS256');
    const account = local.cluster.store.get('serviceaccounts', 'demo', 'vault-auth')!;
    const foreign = await new SignJWT({ 'kubernetes.io': { namespace: 'demo', serviceaccount: { name: 'vault-auth', uid: account.metadata.uid } } })
      .setProtectedHeader({ alg: 'RS256', kid: 'k' })
      .setIssuer('https://other-cluster.example')
      .setSubject('system:serviceaccount:demo:vault-auth')
      .setAudience('vault')
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(privateKey);
    const uri = workspaceFile('theirs.env', `TOKEN=${foreign}\n`);
    await vscode.workspace.openTextDocument(uri);
    const text = await hoverText(uri, new vscode.Position(0, 10));
    assert.match(text, /ServiceAccount `demo\/vault-auth`/);
    assert.ok(!text.includes(showPermissionsLink), text);
    const errors: string[] = [];
    const listener = api.onDidReportError((message) => errors.push(message));
    try {
      await vscode.commands.executeCommand('kubeSaTokens.showTokenPermissions', { uri: uri.toString(), line: 0, character: 6 });
    } finally {
      listener.dispose();
    }
    assert.match(errors[0] ?? '', /^This token was issued by https:\/\/other-cluster\.example, not by the active context's cluster \(https:\/\/127\.0\.0\.1:\d+\)/);
  });
});
