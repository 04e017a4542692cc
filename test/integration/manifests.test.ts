import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { IssuedToken, TokenReviewOutcome } from '../../src/cluster';
import type { ExtensionApi } from '../../src/extension';
import { activateExtension, eventually, useLocalCluster } from './helpers';

const request = (spec: string, name = 'vault-auth') => `apiVersion: authentication.k8s.io/v1
kind: TokenRequest
metadata:
  name: ${name}
  namespace: demo
spec:
${spec}`;

async function openYaml(name: string, text: string): Promise<vscode.TextDocument> {
  const path = join(vscode.workspace.workspaceFolders![0].uri.fsPath, name);
  writeFileSync(path, text);
  const document = await vscode.workspace.openTextDocument(vscode.Uri.file(path));
  assert.equal(document.languageId, 'yaml');
  return document;
}

function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.source === 'Kubernetes SA Tokens');
}

suite('TokenRequest and TokenReview manifests', () => {
  let api: ExtensionApi;
  suiteSetup(async () => {
    api = await activateExtension();
  });

  test('diagnostics with exact ranges and codes; other documents in the file are left alone', async () => {
    const text = `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 1\n---\n${request('  audience: [vault]\n  expirationSeconds: 100\n')}`;
    const document = await openYaml('diagnostics.yaml', text);
    const diagnostics = await eventually(() => (ours(document.uri).length >= 2 ? ours(document.uri) : undefined), 'manifest diagnostics');
    const byCode = new Map(diagnostics.map((diagnostic) => [String(diagnostic.code), diagnostic]));
    const unknown = byCode.get('unknown-field');
    assert.ok(unknown, `codes: ${[...byCode.keys()].join(', ')}`);
    assert.equal(document.getText(unknown.range), 'audience');
    assert.match(unknown.message, /audiences/);
    const short = byCode.get('expiration-too-short');
    assert.ok(short);
    assert.equal(document.getText(short.range), '100');
    assert.equal(short.severity, vscode.DiagnosticSeverity.Error);
    assert.match(short.message, /may not specify a duration less than 10 minutes/);
    assert.ok(diagnostics.every((diagnostic) => diagnostic.range.start.line >= 7), 'nothing reported in the Deployment');
  });

  test('quick fixes edit the text and keep comments and indentation', async () => {
    const document = await openYaml('fixes.yaml', request('  # how long\n  expirationSeconds: 100 # too short\n  audiences: [vault]\n'));
    const diagnostic = await eventually(() => ours(document.uri).find((d) => d.code === 'expiration-too-short'), 'the expiration diagnostic');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
    const raise = actions.find((action) => /600/.test(action.title));
    assert.ok(raise?.edit, `actions: ${actions.map((action) => action.title).join(', ')}`);
    assert.ok(await vscode.workspace.applyEdit(raise.edit));
    assert.equal(document.getText(), request('  # how long\n  expirationSeconds: 600 # too short\n  audiences: [vault]\n'));
    await eventually(() => !ours(document.uri).some((d) => d.code === 'expiration-too-short'), 'the diagnostic to clear');
  });

  test('completion offers the missing keys and the bound kinds; hover documents fields', async () => {
    const document = await openYaml('assist.yaml', request('  audiences: [vault]\n  boundObjectRef:\n    kind: \n'));
    const keys = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, new vscode.Position(6, 2));
    const keyLabels = keys.items.map((item) => (typeof item.label === 'string' ? item.label : item.label.label));
    assert.ok(keyLabels.includes('expirationSeconds'), keyLabels.join(', '));
    const values = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, new vscode.Position(8, 10));
    const valueLabels = values.items.map((item) => (typeof item.label === 'string' ? item.label : item.label.label));
    for (const kind of ['Pod', 'Secret', 'Node']) {
      assert.ok(valueLabels.includes(kind), valueLabels.join(', '));
    }
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, new vscode.Position(6, 5));
    const text = hovers.flatMap((hover) => hover.contents.map((content) => (typeof content === 'string' ? content : content.value))).join('\n');
    assert.match(text, /audiences/i);
    assert.match(text, /Audiences are the intendend audiences of the token/);
  });

  test('code lenses: Request token sends the manifest; Review token reviews; a manifest with errors is blocked', async () => {
    const local = await useLocalCluster();
    try {
      const document = await openYaml('lenses.yaml', `${request('  audiences: [vault]\n  expirationSeconds: 900\n')}---\n${request('  audiences: [vault]\n  expirationSeconds: 100\n')}`);
      const lenses = await eventually(async () => {
        const found = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri);
        return found.length === 2 ? found : undefined;
      }, 'two code lenses');
      assert.equal(lenses[0].command?.title, 'Request token for demo/vault-auth');
      assert.match(lenses[1].command?.title ?? '', /^Request token \(blocked: .*10 minutes/);
      local.cluster.clearRequests();
      const issuing = vscode.commands.executeCommand<IssuedToken>(lenses[0].command!.command, ...(lenses[0].command!.arguments ?? []));
      // The hand-off choice is the person's: dismiss it, the token is still issued and kept in the tree.
      await eventually(() => local.cluster.requests.some((r) => r.path.endsWith('/serviceaccounts/vault-auth/token')), 'the TokenRequest POST');
      await new Promise((resolve) => setTimeout(resolve, 500));
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
      const issued = await issuing;
      assert.deepEqual(issued.audiences, ['vault']);
      assert.equal(Math.round((issued.expiresAt.getTime() - issued.issuedAt.getTime()) / 1000), 900);
      const review = await openYaml('review.yaml', `apiVersion: authentication.k8s.io/v1\nkind: TokenReview\nspec:\n  token: ${issued.token}\n  audiences: [vault]\n`);
      const [reviewLens] = await eventually(async () => {
        const found = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', review.uri);
        return found.length === 1 ? found : undefined;
      }, 'the review lens');
      assert.equal(reviewLens.command?.title, 'Review token with the cluster');
      const outcome = await vscode.commands.executeCommand<TokenReviewOutcome>(reviewLens.command!.command, ...(reviewLens.command!.arguments ?? []));
      assert.equal(outcome.authenticated, true);
      assert.equal(outcome.username, 'system:serviceaccount:demo:vault-auth');
    } finally {
      await local.dispose();
    }
  });

  test('a Node binding is an error, with the version, when the connected cluster is older than 1.31; a note on a newer one', async () => {
    const text = request('  audiences: [vault]\n  boundObjectRef:\n    kind: Node\n    apiVersion: v1\n    name: node-1\n');
    for (const [version, severity, message] of [
      ['1.24', vscode.DiagnosticSeverity.Error, /^Node binding needs Kubernetes 1\.31 or later; this cluster runs v1\.24\.\d+/],
      ['1.33', vscode.DiagnosticSeverity.Information, /^Binding a token to a Node needs Kubernetes 1\.31 or later/],
    ] as const) {
      const local = await useLocalCluster('admin', { version });
      try {
        await api.serviceAccounts.getChildren();
        const document = await openYaml(`node-binding-${version}.yaml`, text);
        const finding = await eventually(() => {
          const found = ours(document.uri).find((diagnostic) => diagnostic.code === 'node-binding-version');
          return found?.severity === severity ? found : undefined;
        }, `the Node binding finding for ${version}`);
        assert.match(finding.message, message);
      } finally {
        await local.dispose();
      }
    }
  });
});
