import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { TokenReviewOutcome } from '../../src/cluster';
import type { IssuedToken } from '../../src/cluster';
import type { ExtensionApi } from '../../src/extension';
import type { Verification } from '../../src/jwt/verify';
import type { Node } from '../../src/explorer/treeNodes';
import { activateExtension, answering, eventually, requestingAnyway, useLocalCluster } from './helpers';

type LocalCluster = Awaited<ReturnType<typeof useLocalCluster>>['cluster'];

async function podBoundToken(cluster: LocalCluster, expirationSeconds = 3600): Promise<string> {
  const account = cluster.store.get('serviceaccounts', 'demo', 'vault-auth')!;
  const pod = cluster.store.get('pods', 'demo', 'web-0')!;
  const node = cluster.store.get('nodes', undefined, 'node-1')!;
  return (await cluster.tokens.issue(account, ['vault'], expirationSeconds, { kind: 'Pod', object: pod }, node)).token;
}

function workspaceFile(name: string, text: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders![0].uri.fsPath;
  const path = join(folder, name);
  writeFileSync(path, text);
  return vscode.Uri.file(path);
}

function hoverText(hovers: vscode.Hover[]): string {
  return hovers.flatMap((hover) => hover.contents.map((content) => (typeof content === 'string' ? content : content.value))).join('\n');
}

/** Requests a token for demo/`name` through a manifest's lens, and returns its node in the tree. */
async function issueThroughLens(cluster: LocalCluster, name: string): Promise<Node> {
  const path = join(vscode.workspace.workspaceFolders![0].uri.fsPath, `issue-${name}.yaml`);
  writeFileSync(path, `apiVersion: authentication.k8s.io/v1\nkind: TokenRequest\nmetadata:\n  name: ${name}\n  namespace: demo\nspec:\n  audiences: [vault]\n`);
  const document = await vscode.workspace.openTextDocument(vscode.Uri.file(path));
  const [lens] = await eventually(async () => {
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri);
    return lenses.length > 0 && lenses[0].command?.command ? lenses : undefined;
  }, 'the Request token lens');
  // Past the dangerous-rights step; the hand-off choice that follows is the person's: dismissed here.
  const issued = await requestingAnyway(vscode.commands.executeCommand<IssuedToken>(lens.command!.command, ...(lens.command!.arguments ?? [])), cluster);
  assert.ok(issued, 'the token was issued');
  return { kind: 'issuedToken', issued };
}

suite('JWTs in files', () => {
  let local: Awaited<ReturnType<typeof useLocalCluster>>;
  let api: ExtensionApi;
  suiteSetup(async () => {
    api = await activateExtension();
    local = await useLocalCluster();
  });
  suiteTeardown(async () => {
    await local.dispose();
  });

  test('a hover decodes a token in a kubeconfig: Kubernetes summary first, links that carry no token', async () => {
    const token = await podBoundToken(local.cluster);
    const uri = workspaceFile('hover-kubeconfig.yaml', `users:\n- name: ci\n  user:\n    token: ${token}\n`);
    const document = await vscode.workspace.openTextDocument(uri);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(3, 20));
    const text = hoverText(hovers);
    assert.match(text, /^\*\*Kubernetes ServiceAccount token\*\*: ServiceAccount `demo\/vault-auth`, bound to Pod `web-0` on node `node-1`, audiences `vault`, expires in 60 min$/m);
    for (const command of ['kubeSaTokens.verifyJwt', 'kubeSaTokens.reviewToken', 'kubeSaTokens.decodeJwt', 'kubeSaTokens.copyJwtClaims']) {
      assert.ok(text.includes(`(command:${command}?`), command);
    }
    assert.ok(!text.includes(token) && !text.includes(token.split('.')[2]), 'neither the token nor its signature is in the hover');
    const lines = text.split('\n').filter((line) => line.trim() !== '');
    assert.ok(lines.length <= 15, `the hover fits its box: ${lines.length} lines`);
    assert.match(lines[1], /^\[Verify signature\]\(command:/, 'the links come right after the summary');
    const hover = hovers.find((h) => h.range);
    assert.deepEqual([hover?.range?.start.character, hover?.range?.end.character], [11, 11 + token.length]);
    assert.equal(document.getText(hover!.range), token);
  });

  test('hover links: verify with the cluster, review with the cluster, open decoded, copy claims', async () => {
    const token = await podBoundToken(local.cluster);
    const uri = workspaceFile('links.env', `VAULT_TOKEN=${token}\n`);
    // A hover is shown over an open document: its links carry a place in it, and only such a place is taken.
    await vscode.workspace.openTextDocument(uri);
    const location = { uri: uri.toString(), line: 0, character: 12 };
    const verification = await api.verifyToken(location, { keys: { kind: 'cluster' }, audience: 'vault' });
    assert.equal(verification?.valid, true, verification?.signature);
    assert.match(verification!.signature, /^Signature valid \(RS256, kid .+\), checked with the keys of cluster /);
    const wrongAudience = await api.verifyToken(location, { keys: { kind: 'cluster' }, audience: 'other' });
    assert.equal(wrongAudience?.valid, false);
    local.cluster.clearRequests();
    const review = await answering(vscode.commands.executeCommand<TokenReviewOutcome>('kubeSaTokens.reviewToken', location), 'workbench.action.acceptSelectedQuickOpenItem');
    // The audiences prompt starts from the token's own audiences, so accepting it as it is authenticates.
    assert.equal(review?.authenticated, true, review?.error);
    assert.equal(review?.username, 'system:serviceaccount:demo:vault-auth');
    assert.deepEqual(local.cluster.requests.map((request) => `${request.method} ${request.path}`), ['POST /apis/authentication.k8s.io/v1/tokenreviews']);
    await vscode.commands.executeCommand('kubeSaTokens.copyJwtClaims', location);
    const claims = JSON.parse(await vscode.env.clipboard.readText()) as { sub: string };
    assert.equal(claims.sub, 'system:serviceaccount:demo:vault-auth');
    await vscode.commands.executeCommand('kubeSaTokens.decodeJwt', location);
    const decoded = await eventually(() => vscode.window.visibleTextEditors.find((editor) => /^\/Decoded token \d+\.jsonc$/.test(editor.document.uri.path) && editor.document.uri.scheme === 'kube-sa-tokens')?.document, 'the decoded view');
    assert.match(decoded.getText(), /^\/\/ Kubernetes ServiceAccount token: ServiceAccount demo\/vault-auth, bound to Pod web-0 on node node-1/);
    assert.ok(!decoded.getText().includes(token), 'the decoded view masks the token');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  test('Review Issued Token reviews with the token\'s own audiences; a token that is not a ServiceAccount token is asked about first', async () => {
    const errors: string[] = [];
    const listener = api.onDidReportError((message) => errors.push(message));
    try {
      // An issued token for audience vault, as Request Token leaves it in the tree.
      const issuedNode = await issueThroughLens(local.cluster, 'web');
      const outcome = await vscode.commands.executeCommand<TokenReviewOutcome>('kubeSaTokens.reviewIssuedToken', issuedNode);
      assert.equal(outcome?.authenticated, true, outcome?.error);
      assert.deepEqual(outcome?.audiences, ['vault']);
      const { SignJWT, generateKeyPair } = await import('jose');
      const { privateKey } = await generateKeyPair('RS256');
      const google = await new SignJWT({ email: 'a@example.com', nonce: 'n' }).setProtectedHeader({ alg: 'RS256', kid: 'k' }).setIssuer('https://accounts.google.com').setAudience('client').setSubject('1').setExpirationTime('1h').sign(privateKey);
      const uri = workspaceFile('google.txt', `id_token=${google}\n`);
      const editor = await vscode.window.showTextDocument(uri);
      editor.selection = new vscode.Selection(0, 12, 0, 12);
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(0, 12));
      assert.ok(!hoverText(hovers).includes('Review with cluster'), 'no Review link for a Google ID token');
      local.cluster.clearRequests();
      assert.equal(await vscode.commands.executeCommand('kubeSaTokens.reviewToken'), undefined);
      assert.match(errors.join('\n'), /Not sent: this is a Google ID token, not a Kubernetes ServiceAccount token/);
      assert.deepEqual(local.cluster.requests.filter((request) => request.method === 'POST'), []);
    } finally {
      listener.dispose();
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    }
  });

  test('Verify opens each outcome in a document of its own, beside the editor, with the headline and without the token; no modal', async () => {
    const token = await podBoundToken(local.cluster);
    const checkName = /^\/Signature check \d+\.txt$/;
    const checks = () => vscode.workspace.textDocuments.filter((document) => document.uri.scheme === 'kube-sa-tokens' && checkName.test(document.uri.path));
    const earlier = new Set(checks().map((document) => document.uri.toString()));
    // A modal would throw in this workbench: the verification is returned and shown only if none was asked for.
    const byApi = await api.verifyToken(token, { keys: { kind: 'cluster' }, audience: '' });
    assert.equal(byApi?.valid, true, byApi?.signature);
    const uri = workspaceFile('verify-me.env', `TOKEN=${token}\n`);
    const source = await vscode.window.showTextDocument(uri);
    source.selection = new vscode.Selection(0, 8, 0, 8);
    // Each prompt accepted as it is: the active cluster's keys, no audience.
    const byCommand = await answering(vscode.commands.executeCommand<Verification>('kubeSaTokens.verifyJwt'), 'workbench.action.acceptSelectedQuickOpenItem');
    assert.equal(byCommand?.valid, true, byCommand?.signature);
    const documents = checks().filter((document) => !earlier.has(document.uri.toString()));
    assert.equal(documents.length, 2, 'two checks, two documents');
    for (const document of documents) {
      const text = document.getText();
      assert.match(text, /^The token is valid\.$/m);
      assert.match(text, /^Keys: the keys of cluster /m);
      assert.match(text, /^Audience required: none/m);
      assert.ok(!text.includes(token) && !text.includes(token.split('.')[2]), 'the token is masked');
      assert.ok(!document.uri.toString().includes(token.slice(0, 20)), 'no token in a name');
    }
    const fromFile = documents.find((document) => document.getText().includes('Token: the token in verify-me.env, '));
    const outcome = vscode.window.visibleTextEditors.find((editor) => editor.document === fromFile);
    assert.ok(outcome && outcome.viewColumn !== source.viewColumn, 'the outcome opens beside the token');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('Decode JWT reads the selection when it is given nothing', async () => {
    const token = await podBoundToken(local.cluster);
    const uri = workspaceFile('selection.txt', `before ${token} after\n`);
    const editor = await vscode.window.showTextDocument(uri);
    editor.selection = new vscode.Selection(0, 7, 0, 7 + token.length);
    await vscode.commands.executeCommand('kubeSaTokens.decodeJwt');
    const decoded = await eventually(() => vscode.window.visibleTextEditors.find((editor) => /^\/Decoded token \d+\.jsonc$/.test(editor.document.uri.path) && editor.document.uri.scheme === 'kube-sa-tokens')?.document, 'the decoded view');
    assert.match(decoded.getText(), /audiences vault/);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('the words of a plaintext-token diagnostic follow the clock without an edit, and the expired hint appears on time', async () => {
    const soon = await podBoundToken(local.cluster, 3);
    const uri = workspaceFile('soon.env', `TOKEN=${soon}\n`);
    await vscode.workspace.openTextDocument(uri);
    const message = () => vscode.languages.getDiagnostics(uri).find((d) => d.code === 'plaintext-service-account-token')?.message;
    await eventually(() => /expires in [1-3] s\)/.test(message() ?? '') || undefined, 'the diagnostic counting down');
    await eventually(() => /expired at .* \(expired \d+ s ago\)\.$/.test(message() ?? '') || undefined, 'the diagnostic saying it expired, with no edit', 10_000);
    const hints = await vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', uri, new vscode.Range(0, 0, 1, 0));
    assert.match(String(hints[0]?.label), /^ServiceAccount token expired \d+ s ago$/);
  });

  test('after an edit made while a large file is being checked, the diagnostics are those of the edited text, on its lines', async () => {
    const valid = await podBoundToken(local.cluster);
    const filler = Array.from({ length: 60_000 }, (_, i) => `${i}: ${Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url')}.${Buffer.from(JSON.stringify({ sub: `u${i}` })).toString('base64url')}.`);
    const uri = workspaceFile('large-edited.log', `${filler.join('\n')}\nlast: ${valid}\n`);
    const editor = await vscode.window.showTextDocument(uri);
    await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), `first: ${valid}\n\n`));
    const diagnostics = await eventually(() => {
      const found = vscode.languages.getDiagnostics(uri).filter((d) => d.code === 'plaintext-service-account-token');
      return found.length === 2 ? found : undefined;
    }, 'both tokens of the edited text', 30_000);
    assert.deepEqual(
      diagnostics.map((d) => [d.range.start.line, d.range.start.character, d.range.end.character]),
      [
        [0, 7, 7 + valid.length],
        [60_002, 6, 6 + valid.length],
      ],
    );
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test('plaintext ServiceAccount tokens get a diagnostic; an expired one an end-of-line hint; the setting turns them off', async () => {
    const valid = await podBoundToken(local.cluster);
    const expired = await podBoundToken(local.cluster, -3 * 86400);
    const uri = workspaceFile('secrets.yaml', `a: ${valid}\nb: ${expired}\nc: not-a-token\n`);
    await vscode.workspace.openTextDocument(uri);
    const diagnostics = await eventually(() => {
      const found = vscode.languages.getDiagnostics(uri).filter((d) => d.code === 'plaintext-service-account-token');
      return found.length === 2 ? found : undefined;
    }, 'two plaintext-token diagnostics');
    assert.equal(diagnostics[0].severity, vscode.DiagnosticSeverity.Information);
    assert.match(diagnostics[0].message, /^Kubernetes ServiceAccount token in plain text: it acts as system:serviceaccount:demo:vault-auth; valid until .* \(expires in 60 min\)\.$/);
    assert.match(diagnostics[1].message, /expired at .* \(expired 3 days ago\)\.$/);
    assert.deepEqual([diagnostics[1].range.start.line, diagnostics[1].range.start.character, diagnostics[1].range.end.character], [1, 3, 3 + expired.length]);
    const hints = await vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', uri, new vscode.Range(0, 0, 3, 0));
    assert.deepEqual(hints.map((hint) => [hint.position.line, hint.label]), [[1, 'ServiceAccount token expired 3 days ago']]);
    const settings = vscode.workspace.getConfiguration('kubeSaTokens');
    await settings.update('plaintextTokens.severity', 'off', vscode.ConfigurationTarget.Global);
    try {
      await eventually(() => vscode.languages.getDiagnostics(uri).length === 0, 'diagnostics cleared');
    } finally {
      await settings.update('plaintextTokens.severity', undefined, vscode.ConfigurationTarget.Global);
    }
  });
});
