// Issued tokens' lifetimes in the extension host against the local API server: the reminder before a
// token expires, answered through VS Code's own notification command, and the Renew command it runs.
import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { IssuedToken } from '../../src/cluster';
import type { ExtensionApi } from '../../src/extension';
import type { Node } from '../../src/explorer/treeNodes';
import { activateExtension, answering, eventually, requestingAnyway, useLocalCluster } from './helpers';

type Local = Awaited<ReturnType<typeof useLocalCluster>>;

const tokenPath = '/api/v1/namespaces/demo/serviceaccounts/vault-auth/token';
let api: ExtensionApi;

/** Issues a token for demo/vault-auth through a TokenRequest manifest's lens. */
async function issue(spec: string, cluster: Local['cluster']): Promise<IssuedToken> {
  const path = join(vscode.workspace.workspaceFolders![0].uri.fsPath, `lifetime-${Date.now()}.yaml`);
  writeFileSync(path, `apiVersion: authentication.k8s.io/v1\nkind: TokenRequest\nmetadata:\n  name: vault-auth\n  namespace: demo\nspec:\n${spec}`);
  const document = await vscode.workspace.openTextDocument(vscode.Uri.file(path));
  const [lens] = await eventually(async () => {
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri);
    return lenses.length > 0 && lenses[0].command?.command ? lenses : undefined;
  }, 'the Request token lens');
  const issued = await requestingAnyway(vscode.commands.executeCommand<IssuedToken>(lens.command!.command, ...(lens.command!.arguments ?? [])), cluster);
  assert.ok(issued, 'the token was issued');
  return issued;
}

/** The tokens the tree shows under demo/vault-auth, newest first. */
async function vaultAuthTokens(): Promise<IssuedToken[]> {
  const [context] = await api.serviceAccounts.getChildren();
  const demo = (await api.serviceAccounts.getChildren(context)).find((node) => node.kind === 'namespace' && node.namespace.name === 'demo')!;
  const account = (await api.serviceAccounts.getChildren(demo)).find((node) => node.kind === 'serviceAccount' && node.account.name === 'vault-auth')!;
  return (await api.serviceAccounts.getChildren(account)).flatMap((node: Node) => (node.kind === 'issuedToken' ? [node.issued] : []));
}

const lifetimeOf = (issued: IssuedToken) => Math.round((issued.expiresAt.getTime() - issued.issuedAt.getTime()) / 1000);

suite('Issued token lifetimes', () => {
  let local: Local;
  suiteSetup(async () => {
    api = await activateExtension();
    local = await useLocalCluster();
  });
  suiteTeardown(async () => {
    await vscode.workspace.getConfiguration('kubeSaTokens').update('expiryReminderMinutes', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('notifications.clearAll');
    await local.dispose();
  });

  test('Renew on an issued token asks again with the same audiences, lifetime and ServiceAccount', async () => {
    const issued = await issue('  audiences: [vault, other]\n  expirationSeconds: 1800\n', local.cluster);
    local.cluster.clearRequests();
    const renewed = await answering(vscode.commands.executeCommand<IssuedToken>('kubeSaTokens.renewIssuedToken', { kind: 'issuedToken', issued }), 'workbench.action.closeQuickOpen');
    assert.ok(renewed && renewed !== issued);
    assert.deepEqual(renewed.audiences, ['vault', 'other']);
    assert.equal(renewed.requestedSeconds, 1800);
    assert.equal(lifetimeOf(renewed), 1800);
    assert.deepEqual(local.cluster.requests.map((request) => `${request.method} ${request.path}`), [`POST ${tokenPath}`]);
  });

  test('a reminder fires for a token about to expire; its "Request a New One" issues one with the same audiences', async () => {
    // 11 minutes: a 600 s token is due at once, the hour-long tokens of other suites are not.
    await vscode.workspace.getConfiguration('kubeSaTokens').update('expiryReminderMinutes', 11, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('notifications.clearAll');
    const before = new Set(await vaultAuthTokens());
    const issued = await issue('  audiences: [reminded]\n  expirationSeconds: 600\n', local.cluster);
    local.cluster.clearRequests();
    // The reminder is a notification, not a modal: its primary action is the person's click on "Request a New One".
    const renewed = await eventually(async () => {
      await vscode.commands.executeCommand('notification.acceptPrimaryAction');
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
      const added = (await vaultAuthTokens()).filter((token) => !before.has(token) && token !== issued);
      return added.length > 0 ? added : undefined;
    }, 'a new token requested from the reminder');
    for (const token of renewed) {
      assert.deepEqual(token.audiences, ['reminded']);
      assert.equal(token.requestedSeconds, 600);
      assert.equal(lifetimeOf(token), 600);
    }
    assert.ok(local.cluster.requests.some((request) => request.method === 'POST' && request.path === tokenPath));
  });

  test('with reminders off (0), none is shown for a token about to expire', async () => {
    await vscode.workspace.getConfiguration('kubeSaTokens').update('expiryReminderMinutes', 0, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('notifications.clearAll');
    await new Promise((resolve) => setTimeout(resolve, 500));
    const issued = await issue('  audiences: [quiet]\n  expirationSeconds: 600\n', local.cluster);
    local.cluster.clearRequests();
    await new Promise((resolve) => setTimeout(resolve, 500));
    await vscode.commands.executeCommand('notification.acceptPrimaryAction');
    await new Promise((resolve) => setTimeout(resolve, 1000));
    assert.deepEqual(local.cluster.requests.filter((request) => request.method === 'POST'), [], 'no reminder, so nothing renewed');
    assert.ok((await vaultAuthTokens()).includes(issued));
  });
});
