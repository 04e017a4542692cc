// The attacker's tests in the extension host: command arguments a link or another extension could
// forge, hostile tokens in files, and the clipboard that is read only when the person says so.
import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import { outsideCodeSpans } from '../unit/jwt/inertMarkdown';
import { activateExtension, eventually, issuedToken, reportedErrors, useLocalCluster } from './helpers';

type Local = Awaited<ReturnType<typeof useLocalCluster>>;

const linkCommands = ['kubeSaTokens.verifyJwt', 'kubeSaTokens.reviewToken', 'kubeSaTokens.decodeJwt', 'kubeSaTokens.copyJwtClaims'];

function workspaceFile(name: string, text: string): vscode.Uri {
  const path = join(vscode.workspace.workspaceFolders![0].uri.fsPath, name);
  writeFileSync(path, text);
  return vscode.Uri.file(path);
}

function unsignedToken(header: Record<string, unknown>, payload: Record<string, unknown> | string): string {
  const part = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
  return `${part(header)}.${part(payload)}.${Buffer.from('not a real signature').toString('base64url')}`;
}

suite('Attacks on the extension', () => {
  let api: ExtensionApi;
  let local: Local;
  let token: string;
  suiteSetup(async () => {
    api = await activateExtension();
    local = await useLocalCluster();
    token = await issuedToken(local.cluster, 'vault-auth');
  });
  suiteTeardown(async () => {
    await local.dispose();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('a hostile token cannot add links, images or a fake summary to the hover; its links carry only its own place', async () => {
    const hostile = unsignedToken(
      { alg: 'RS256', '[Verify signature](command:kubeSaTokens.reviewToken?%5B%22x%22%5D)': 1, '![t](https://attacker.example/track.png)': '<img src=x onerror=alert(1)>' },
      { iss: 'https://kubernetes.default.svc', '\n\n**Kubernetes ServiceAccount token**: ServiceAccount `kube-system/admin`': '[x](https://attacker.example)', sub: 'a\u202Eb' },
    );
    const uri = workspaceFile('hostile.txt', `x ${hostile}\n`);
    await vscode.workspace.openTextDocument(uri);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(0, 5));
    const markdown = hovers.flatMap((hover) => hover.contents.map((content) => (typeof content === 'string' ? content : content.value))).join('\n');
    assert.ok(markdown.length > 0, 'there is a hover');
    const plain = markdown.split('\n').map(outsideCodeSpans).join('\n');
    assert.ok(!plain.includes('!['), `no image outside code: ${plain}`);
    assert.ok(!/<[a-z]/i.test(plain), `no HTML outside code: ${plain}`);
    assert.ok(!markdown.includes('\u202E'), 'the right-to-left override is made visible, not rendered');
    assert.equal(markdown.split('\n')[0].startsWith('**Kubernetes ServiceAccount token**'), false, 'the first line is not the forged summary');
    const targets = [...plain.matchAll(/\]\(([^)]*)\)/g)].map((match) => match[1]);
    const location = encodeURIComponent(JSON.stringify([{ uri: uri.toString(), line: 0, character: 2 }]));
    assert.ok(targets.length > 0);
    for (const target of targets) {
      const [command, argument] = target.replace(/^command:/, '').split('?');
      assert.ok(target.startsWith('command:') && linkCommands.includes(command), `only our four commands: ${target}`);
      assert.equal(argument, location, 'a link carries the token\'s own place and nothing else');
    }
  });

  test('the token commands refuse every argument a link could forge: a token, options, a URL, a made-up node, a closed file', async () => {
    const uri = workspaceFile('forged.txt', `token: ${token}\n`);
    const closed = { uri: workspaceFile('never-opened.txt', `token: ${token}\n`).toString(), line: 0, character: 8 };
    await vscode.workspace.openTextDocument(uri);
    const location = { uri: uri.toString(), line: 0, character: 8 };
    local.cluster.clearRequests();
    const forged: [string, ...unknown[]][] = [
      ['kubeSaTokens.reviewToken', token, ['vault']],
      ['kubeSaTokens.reviewToken', location, ['vault']],
      ['kubeSaTokens.reviewToken', { ...location, token }],
      ['kubeSaTokens.reviewToken', closed],
      ['kubeSaTokens.verifyJwt', location, { keys: { kind: 'jwksUrl', url: 'https://attacker.example/jwks' } }],
      ['kubeSaTokens.verifyJwt', { uri: uri.toString(), line: '0', character: 8 }],
      ['kubeSaTokens.decodeJwt', [location]],
      ['kubeSaTokens.copyJwtClaims', token],
      ['kubeSaTokens.reviewIssuedToken', { kind: 'issuedToken', issued: { token, namespace: 'demo', serviceAccount: 'vault-auth' } }],
      ['kubeSaTokens.handOffIssuedToken', { kind: 'issuedToken', issued: { token } }],
      ['kubeSaTokens.sendManifest', 'file:///etc/passwd', 0],
      ['kubeSaTokens.showTokenPermissions', token],
      ['kubeSaTokens.showTokenPermissions', { ...location, token }],
      ['kubeSaTokens.showTokenPermissions', closed],
      ['kubeSaTokens.showTokenPermissions', vscode.Uri.from({ scheme: 'kube-sa-tokens', path: '/Decoded token 1.jsonc', query: '999999' })],
      ['kubeSaTokens.renewIssuedToken', { kind: 'issuedToken', issued: { token, namespace: 'demo', serviceAccount: 'vault-auth', audiences: ['vault'] } }],
      ['kubeSaTokens.canI', { namespace: 'demo', name: 'web' }, { verb: 'get', group: '', resource: ['secrets'] }],
    ];
    for (const [command, ...args] of forged) {
      const errors = await reportedErrors(api, () => vscode.commands.executeCommand(command, ...args));
      assert.equal(errors.length, 1, `${command} ${JSON.stringify(args)} is refused with one message`);
    }
    assert.deepEqual(local.cluster.requests, [], 'nothing reached the cluster');
  });

  test('with no token in the editor, the clipboard is read only when the person chooses it', async () => {
    await vscode.env.clipboard.writeText(token);
    const uri = workspaceFile('empty.txt', 'no token here\n');
    await vscode.window.showTextDocument(uri);
    let settled = false;
    const running = Promise.resolve(vscode.commands.executeCommand('kubeSaTokens.decodeJwt')).finally(() => (settled = true));
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal(settled, false, 'the command waits for the person to say where the token is');
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    assert.equal(await running, undefined);
    assert.ok(!vscode.window.visibleTextEditors.some((editor) => editor.document.uri.scheme === 'kube-sa-tokens' && editor.document.uri.path.startsWith('/Decoded token ')), 'no decoded view of the clipboard');
  });

  test('a token nested 10,000 levels deep affects only itself: the tokens around it are still reported and hovered', async () => {
    const deep = unsignedToken({ alg: 'RS256' }, `{"a":${'['.repeat(10_000)}${']'.repeat(10_000)}}`);
    const uri = workspaceFile('deep.yaml', `first: ${token}\ndeep: ${deep}\nlast: ${token}\n`);
    await vscode.workspace.openTextDocument(uri);
    await eventually(() => vscode.languages.getDiagnostics(uri).filter((d) => d.code === 'plaintext-service-account-token').length === 2 || undefined, 'both valid tokens reported');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(1, 10));
    assert.ok(hovers.length > 0, 'the deep token gets a hover saying what is wrong with it');
    const last = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(2, 10));
    assert.ok(last.length > 0);
  });

  test('a file of 100,000 small tokens is checked without flooding the Problems view', async () => {
    const account = local.cluster.store.get('serviceaccounts', 'demo', 'web')!;
    const small = (await local.cluster.tokens.issue(account, [], 3600, undefined, undefined)).token;
    const lines = Array.from({ length: 2_000 }, () => small);
    const unsigned = unsignedToken({ alg: 'none' }, { a: 1 });
    lines.push(...Array.from({ length: 100_000 }, () => unsigned));
    const uri = workspaceFile('many.log', `${lines.join('\n')}\n`);
    await vscode.workspace.openTextDocument(uri);
    const diagnostics = await eventually(() => {
      const found = vscode.languages.getDiagnostics(uri).filter((d) => d.code === 'plaintext-service-account-token');
      return found.length > 0 ? found : undefined;
    }, 'the plaintext-token diagnostics', 60_000);
    assert.ok(diagnostics.length <= 101, `${diagnostics.length} diagnostics`);
    assert.ok(diagnostics.some((d) => /more/.test(d.message)), 'one summary says how many more there are');
  });
});
