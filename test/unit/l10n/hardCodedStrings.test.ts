import assert from 'node:assert/strict';
import { test } from 'node:test';
import { repoRoot } from '../packageManifest';
import { userFacingLiterals, userFacingLiteralsIn } from './userFacingLiterals';

const flagged = (source: string) => userFacingLiteralsIn('sample.ts', source).map(({ node }) => node.getText());

test('no English text reaches a person from the editor adapters without vscode.l10n.t', () => {
  const found = userFacingLiterals(repoRoot).map(({ file, line, place, text }) => `${file}:${line} ${place} ${text}`);
  assert.deepEqual(found, [], 'wrap these in vscode.l10n.t, values as {0} placeholders, then run npm run l10n');
});

test('the check sees literals in every place VS Code shows them, however they are written', () => {
  const shown = [
    "vscode.window.showInformationMessage('Token copied', 'Open')",
    'vscode.window.showErrorMessage(`Could not read ${file}`)',
    "window.showWarningMessage(ok ? 'Sent' : 'Not sent')",
    "vscode.window.showQuickPick(['Open as an untitled document'], { title: 'Kubeconfig', placeHolder: 'Where to?' })",
    "vscode.window.showInputBox({ prompt: 'Audience' + suffix, validateInput: (value) => (value ? undefined : 'Type an audience') })",
    "vscode.window.showInputBox({ validateInput: (value) => { if (!value) { return 'Type a name'; } return undefined; } })",
    "withCancellableProgress('Reading the token…', work)",
    "new vscode.TreeItem('No ServiceAccounts')",
    "item.tooltip = 'Click to switch'",
    "item.description = `${n} tokens`",
    "status.text = '$(key) Token ready'",
    "new vscode.MarkdownString('**Expired** token')",
    "markdown.appendMarkdown('Issued by the cluster')",
    "throw new Error('Open a folder first')",
    "askInModal('a token', 'Send it?', 'It is sent once.', 'Send It')",
    "vscode.window.setStatusBarMessage('Claims copied', 4000)",
    "vscode.window.showSaveDialog({ saveLabel: 'Save kubeconfig', filters: { Kubeconfig: ['yaml'] } })",
    "const lens = { command: 'x', title: 'Send to the Cluster' }",
    "links.push(link('Revoke…', CommandIds.revokeToken, location))",
    // Words handed to a helper that puts them into its (translated) message.
    "confirmSendFromUntrustedWorkspace('a token', uri, cluster)",
    'confirmSendFromUntrustedWorkspace(`this ${manifest.kind}`, uri, cluster)',
    'progress.report(`${done} of ${total}`)',
    "guarded(log, 'Showing', render, 'This could not be shown')",
  ];
  for (const source of shown) {
    assert.notDeepEqual(flagged(source), [], source);
  }
});

test('translated text, values and icons alone are not flagged', () => {
  const fine = [
    "vscode.window.showInformationMessage(vscode.l10n.t('Token copied'), open)",
    "vscode.window.showErrorMessage(vscode.l10n.t('Could not read {0}', file))",
    'new vscode.TreeItem(account.name)',
    'status.text = `$(server-environment) ${name}`',
    "item.tooltip = ''",
    "log.warn('Could not read the file')",
    "const kind = { kind: 'recreate-service-account' }",
    "confirmSendFromUntrustedWorkspace('token', uri, cluster)",
    "this.log.info(`Fetched the keys of ${name}`)",
    "guarded(this.log, 'Manifest hover', work, undefined)",
    "vscode.commands.executeCommand('workbench.trust.manage')",
  ];
  for (const source of fine) {
    assert.deepEqual(flagged(source), [], source);
  }
});
