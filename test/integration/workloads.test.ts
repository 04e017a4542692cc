import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { activateExtension, eventually, useLocalCluster } from './helpers';

const pod = (source: string, extra = '') => `apiVersion: v1
kind: Pod
metadata:
  name: web
  namespace: demo
spec:
  serviceAccountName: vault-auth
${extra}  containers:
    - name: app
      image: busybox
      volumeMounts:
        - name: token
          mountPath: /var/run/secrets/tokens
  volumes:
    - name: token
      projected:
        sources:
          - serviceAccountToken:
${source}`;

async function openYaml(name: string, text: string): Promise<vscode.TextDocument> {
  const path = join(vscode.workspace.workspaceFolders![0].uri.fsPath, name);
  writeFileSync(path, text);
  const document = await vscode.workspace.openTextDocument(vscode.Uri.file(path));
  assert.equal(document.languageId, 'yaml');
  return document;
}

const ours = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.source === 'Kubernetes SA Tokens');

async function quickFixes(document: vscode.TextDocument, diagnostic: vscode.Diagnostic): Promise<vscode.CodeAction[]> {
  return vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
}

async function hoverText(document: vscode.TextDocument, position: vscode.Position): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position);
  return hovers.flatMap((hover) => hover.contents.map((content) => (typeof content === 'string' ? content : content.value))).join('\n');
}

suite('Projected tokens in workloads and legacy token Secrets', () => {
  suiteSetup(async () => {
    await activateExtension();
  });

  test("completion offers the well-known audiences for a projected token's audience, with what each is for", async () => {
    const document = await openYaml('audience-completion.yaml', pod('              audience: \n              path: token\n'));
    const line = document.getText().split('\n').findIndex((text) => text.includes('audience:'));
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, new vscode.Position(line, 24));
    const byLabel = new Map(list.items.map((item) => [typeof item.label === 'string' ? item.label : item.label.label, item]));
    for (const audience of ['sts.amazonaws.com', 'api://AzureADTokenExchange', 'vault']) {
      assert.ok(byLabel.has(audience), [...byLabel.keys()].join(', '));
    }
    assert.equal(byLabel.get('sts.amazonaws.com')?.detail, 'AWS IAM Roles for Service Accounts (IRSA)');
  });

  test('a projected token that lives too short is an error on its value, and its quick fix raises it to 10 minutes', async () => {
    const document = await openYaml('projected-expiration.yaml', pod('              audience: vault\n              expirationSeconds: 300 # five minutes\n              path: token\n'));
    const diagnostic = await eventually(() => ours(document.uri).find((candidate) => candidate.code === 'expiration-too-short'), 'the expiration diagnostic');
    assert.equal(document.getText(diagnostic.range), '300');
    assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(diagnostic.message, 'spec.volumes[0].projected.sources[0].serviceAccountToken.expirationSeconds: Invalid value: 300: may not specify a duration less than 10 minutes');
    const raise = (await quickFixes(document, diagnostic)).find((action) => action.title === 'Change to 600 (10 minutes)');
    assert.ok(raise?.edit);
    assert.ok(await vscode.workspace.applyEdit(raise.edit));
    assert.equal(document.getText(), pod('              audience: vault\n              expirationSeconds: 600 # five minutes\n              path: token\n'));
    await eventually(() => !ours(document.uri).some((candidate) => candidate.code === 'expiration-too-short'), 'the diagnostic to clear');
  });

  test('audiences (plural) in a projected token is renamed to audience by its quick fix', async () => {
    const document = await openYaml('projected-audiences.yaml', pod('              audiences: [sts.amazonaws.com]\n              path: token\n'));
    const diagnostic = await eventually(() => ours(document.uri).find((candidate) => candidate.code === 'projected-audiences'), 'the audiences diagnostic');
    assert.equal(document.getText(diagnostic.range), 'audiences');
    const rename = (await quickFixes(document, diagnostic)).find((action) => action.title.startsWith('Rename'))!;
    assert.equal(rename.title, 'Rename to "audience", keeping "sts.amazonaws.com"');
    assert.ok(await vscode.workspace.applyEdit(rename.edit!));
    assert.equal(document.getText(), pod('              audience: sts.amazonaws.com\n              path: token\n'));
  });

  test('a legacy token Secret is a warning; its quick fix replaces it with a TokenRequest that the lens can send', async () => {
    const secret = '# Source: ci/templates/token.yaml\napiVersion: v1\nkind: Secret\nmetadata:\n  name: ci-deployer-token\n  namespace: demo\n  annotations:\n    kubernetes.io/service-account.name: ci-deployer\ntype: kubernetes.io/service-account-token\n';
    const document = await openYaml('legacy-secret.yaml', secret);
    const diagnostic = await eventually(() => ours(document.uri).find((candidate) => candidate.code === 'legacy-token-secret'), 'the legacy Secret warning');
    assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Warning);
    assert.equal(document.getText(diagnostic.range), 'kubernetes.io/service-account-token');
    assert.match(diagnostic.message, /never expires/);
    // The workbench may add actions of its own (Fix, Explain): only the extension's are compared.
    const actions = (await quickFixes(document, diagnostic)).filter((action) => action.title.startsWith('Replace'));
    assert.deepEqual(actions.map((action) => action.title), ['Replace with a TokenRequest for ServiceAccount "demo/ci-deployer"', 'Replace with a note: the projected token volume to mount instead']);
    assert.ok(await vscode.workspace.applyEdit(actions[0].edit!));
    assert.match(document.getText(), /^# Source: ci\/templates\/token\.yaml\napiVersion: authentication\.k8s\.io\/v1\nkind: TokenRequest\nmetadata:\n  name: ci-deployer\n  namespace: demo\nspec:\n/);
    await eventually(() => !ours(document.uri).some((candidate) => candidate.code === 'legacy-token-secret'), 'the warning to clear');
    const lenses = await eventually(async () => {
      const found = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri);
      return found.length === 1 ? found : undefined;
    }, 'the lens of the new TokenRequest');
    assert.match(lenses[0].command?.title ?? '', /^Request token/);
  });

  test('hovering serviceAccountName names the ServiceAccount and namespace, and links to the ServiceAccounts view when connected', async () => {
    const document = await openYaml('service-account-hover.yaml', pod('              audience: vault\n              path: token\n'));
    const position = document.positionAt(document.getText().indexOf('serviceAccountName') + 3);
    assert.match(await hoverText(document, position), /run as ServiceAccount `vault-auth` in namespace `demo`/);
    const local = await useLocalCluster();
    try {
      await vscode.commands.executeCommand('kubeSaTokens.serviceAccounts.focus');
      const text = await eventually(async () => {
        const shown = await hoverText(document, position);
        return shown.includes('command:kubeSaTokens.serviceAccounts.focus') ? shown : undefined;
      }, 'the link to the view');
      assert.match(text, /\[Show the ServiceAccounts view\]\(command:kubeSaTokens\.serviceAccounts\.focus\) of context `/);
    } finally {
      await local.dispose();
    }
  });
});
