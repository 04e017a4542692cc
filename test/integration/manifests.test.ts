import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { IssuedToken, TokenReviewOutcome } from '../../src/cluster';
import type { ExtensionApi } from '../../src/extension';
import { activateExtension, answering, eventually, requestingAnyway, useLocalCluster } from './helpers';

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

async function codeLenses(document: vscode.TextDocument, count: number): Promise<vscode.CodeLens[]> {
  return eventually(async () => {
    const found = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri);
    return found.length === count ? found : undefined;
  }, `${count} code lenses`);
}

async function completionLabels(document: vscode.TextDocument, offset: number): Promise<string[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, document.positionAt(offset));
  return list.items.map((item) => (typeof item.label === 'string' ? item.label : item.label.label));
}

suite('TokenRequest and TokenReview manifests', () => {
  let api: ExtensionApi;
  suiteSetup(async () => {
    api = await activateExtension();
  });

  test('a TokenReview whose token expires while its file is open is marked expired then, without an edit', async () => {
    const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const token = `${part({ alg: 'RS256' })}.${part({ iss: 'https://kubernetes.default.svc', sub: 'system:serviceaccount:demo:vault-auth', exp: Math.floor(Date.now() / 1000) + 3 })}.c2ln`;
    const document = await openYaml('expiring-review.yaml', `apiVersion: authentication.k8s.io/v1\nkind: TokenReview\nspec:\n  token: ${token}\n`);
    // Analysed: its lens is there.
    await codeLenses(document, 1);
    assert.ok(!ours(document.uri).some((d) => d.code === 'token-expired'), 'not expired yet');
    const expired = await eventually(() => ours(document.uri).find((d) => d.code === 'token-expired'), 'the expired-token diagnostic, with no edit', 10_000);
    assert.match(expired.message, /^This token expired at \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ: the review will answer authenticated: false\.$/);
    assert.equal(document.version, 1, 'the document was not edited');
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
      assert.equal(lenses[1].command?.title, 'Request token: fix 1 problem first');
      local.cluster.clearRequests();
      // vault-auth reads Secrets: "Request anyway" at the dangerous-rights step, then the hand-off
      // choice (the person's) dismissed; the token is still issued and kept in the tree.
      const issued = await requestingAnyway(vscode.commands.executeCommand<IssuedToken>(lenses[0].command!.command, ...(lenses[0].command!.arguments ?? [])), local.cluster);
      const sent = local.cluster.requests.map((r) => `${r.method} ${r.path}`);
      assert.ok(sent.findIndex((line) => line.includes('rolebindings')) < sent.findIndex((line) => line.endsWith('/serviceaccounts/vault-auth/token')), `the permissions were read before the POST: ${sent.join(', ')}`);
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

  // The tooltip is not part of what vscode.executeCodeLensProvider hands back for a lens without
  // arguments: the unit tests of lensText and the end-to-end test (the lens's title attribute) read it.
  test('a blocked lens has a short title that counts the problems', async () => {
    const document = await openYaml('blocked.yaml', request(`  audiences: [vault]\n  expirationSeconds: 100\n  boundObjectRef:\n    kind: Deployment\n    name: ${'web'.repeat(100)}\n`));
    const [lens] = await codeLenses(document, 1);
    assert.equal(lens.command?.title, 'Request token: fix 2 problems first');
    assert.ok((lens.command?.title.length ?? 0) <= 40);
    assert.ok(!lens.command?.command, 'a blocked lens runs nothing');
  });

  test('a bound kind the server refuses offers to bind to each allowed kind instead, in the same quotes, the closest first', async () => {
    const document = await openYaml('bound-kind.yaml', request('  audiences: [vault]\n  boundObjectRef:\n    kind: "Deployment" # was the app\n    name: web-0\n'));
    const diagnostic = await eventually(() => ours(document.uri).find((d) => d.code === 'unsupported-bound-kind'), 'the bound kind diagnostic');
    assert.equal(document.getText(diagnostic.range), '"Deployment"');
    assert.match(diagnostic.message, /^boundObjectRef\.kind must be exactly Pod.*: the server answers "cannot bind token to object of type \/, Kind=Deployment"\.$/);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
    const binds = actions.filter((action) => action.title.startsWith('Bind to'));
    assert.deepEqual(binds.slice(0, 2).map((action) => action.title), ['Bind to Pod instead', 'Bind to Secret instead'], actions.map((action) => action.title).join(', '));
    assert.equal(binds[0].isPreferred, true);
    assert.ok(await vscode.workspace.applyEdit(binds[1].edit!));
    assert.equal(document.getText(), request('  audiences: [vault]\n  boundObjectRef:\n    kind: "Secret" # was the app\n    name: web-0\n'));
    await eventually(() => !ours(document.uri).some((d) => d.code === 'unsupported-bound-kind'), 'the bound kind diagnostic to clear');

    const nearMiss = await openYaml('bound-kind-near.yaml', request('  audiences: [vault]\n  boundObjectRef:\n    kind: Secrets\n    name: web-0\n'));
    const near = await eventually(() => ours(nearMiss.uri).find((d) => d.code === 'unsupported-bound-kind'), 'the near-miss diagnostic');
    const nearActions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', nearMiss.uri, near.range, vscode.CodeActionKind.QuickFix.value);
    assert.equal(nearActions.find((action) => action.title.startsWith('Bind to'))?.title, 'Bind to Secret instead');
  });

  test('completion offers the names of the connected cluster: namespaces, ServiceAccounts of the namespace, Pods', async () => {
    const local = await useLocalCluster();
    try {
      // Completion never connects: the tree does.
      await api.serviceAccounts.getChildren();
      const text = request('  audiences: [vault]\n  boundObjectRef:\n    kind: Pod\n    name: \n', '');
      const document = await openYaml('names.yaml', text);
      const accountAt = text.indexOf('  name: ') + '  name: '.length;
      const accounts = await eventually(async () => {
        const labels = await completionLabels(document, accountAt);
        return labels.includes('vault-auth') ? labels : undefined;
      }, 'the ServiceAccount names of demo');
      assert.ok(accounts.includes('web') && accounts.includes('ci-deployer'), accounts.join(', '));
      assert.ok(!accounts.includes('prometheus'), 'a ServiceAccount of another namespace');
      const pods = await completionLabels(document, text.lastIndexOf('name: ') + 'name: '.length);
      assert.ok(pods.includes('web-0') && pods.includes('web-1') && !pods.includes('api-0'), pods.join(', '));
      const namespaces = await completionLabels(document, text.indexOf('namespace: demo') + 'namespace: demo'.length);
      assert.ok(['default', 'demo', 'payments'].every((name) => namespaces.includes(name)), namespaces.join(', '));
    } finally {
      await local.dispose();
    }
  });

  test("the Request token lens shows a ServiceAccount's dangerous rights before the POST; Cancel (the first choice) sends nothing", async () => {
    const local = await useLocalCluster();
    try {
      const document = await openYaml('dangerous-lens.yaml', request('  audiences: [vault]\n'));
      const [lens] = await codeLenses(document, 1);
      assert.equal(lens.command?.title, 'Request token for demo/vault-auth');
      local.cluster.clearRequests();
      const issued = await answering(vscode.commands.executeCommand<IssuedToken | undefined>(lens.command!.command, ...(lens.command!.arguments ?? [])), 'workbench.action.acceptSelectedQuickOpenItem');
      assert.equal(issued, undefined);
      const sent = local.cluster.requests.map((r) => `${r.method} ${r.path}`);
      assert.ok(sent.some((line) => line.includes('rolebindings')), `the permissions were read: ${sent.join(', ')}`);
      assert.ok(!sent.some((line) => line.endsWith('/token')), `no TokenRequest: ${sent.join(', ')}`);
    } finally {
      await local.dispose();
    }
  });

  test('a refusal of the lens\'s request is a diagnostic on the field it names until the document changes', async () => {
    const local = await useLocalCluster();
    try {
      const document = await openYaml('refused.yaml', request('  audiences: [vault]\n', 'nobody'));
      const [lens] = await eventually(async () => {
        const found = await codeLenses(document, 1);
        return found[0].command?.command ? found : undefined;
      }, 'a lens that can run');
      let reported: string | undefined;
      const listener = api.onDidReportError((message) => (reported = message));
      try {
        await vscode.commands.executeCommand(lens.command!.command, ...(lens.command!.arguments ?? []));
      } finally {
        listener.dispose();
      }
      assert.match(reported ?? '', /^Not found: serviceaccounts "nobody" not found/);
      const refusal = await eventually(() => ours(document.uri).find((d) => d.code === 'server-refusal'), 'the refusal diagnostic');
      assert.equal(document.getText(refusal.range), 'nobody');
      assert.equal(refusal.severity, vscode.DiagnosticSeverity.Error);
      assert.match(refusal.message, /^The cluster refused it: Not found: serviceaccounts "nobody" not found/);
      const edit = new vscode.WorkspaceEdit();
      edit.insert(document.uri, new vscode.Position(0, 0), '# edited\n');
      assert.ok(await vscode.workspace.applyEdit(edit));
      await eventually(() => !ours(document.uri).some((d) => d.code === 'server-refusal'), 'the refusal diagnostic to clear');
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
