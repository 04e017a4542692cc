import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { splitJsonc } from '../unit/tokens/jsonc';
import { activateExtension, eventually } from './helpers';

const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const signature = Buffer.from('not a real signature').toString('base64url');

/** A token that is not a ServiceAccount's: the view needs no cluster, and nothing here verifies it. */
function craftedToken(payload: Record<string, unknown>): string {
  return `${part({ alg: 'RS256', kid: 'k' })}.${part(payload)}.${signature}`;
}

let files = 0;

/** Opens `token` in an editor, selects it and runs Decode JWT on it, as the editor's context menu does; returns the decoded view. */
async function decode(token: string): Promise<vscode.TextEditor> {
  // A new file each time: an editor closed a moment ago can leave its document, with the old text, in memory.
  const path = join(vscode.workspace.workspaceFolders![0].uri.fsPath, `decoded-view-${++files}.txt`);
  writeFileSync(path, `token: ${token}\n`);
  const editor = await vscode.window.showTextDocument(vscode.Uri.file(path));
  editor.selection = new vscode.Selection(0, 7, 0, 7 + token.length);
  await vscode.commands.executeCommand('kubeSaTokens.decodeJwt');
  return eventually(() => {
    const active = vscode.window.activeTextEditor;
    return active?.document.uri.scheme === 'kube-sa-tokens' && /^\/Decoded token \d+\.jsonc$/.test(active.document.uri.path) ? active : undefined;
  }, 'the decoded view');
}

suite('Decoded token view', () => {
  suiteSetup(async () => {
    await activateExtension();
  });
  teardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('opens masked as JSON with comments; the token shows only while the person reveals it', async () => {
    const claims = { sub: 'ci', aud: 'vault', exp: Math.floor(Date.now() / 1000) + 3600 };
    const token = craftedToken(claims);
    const { document } = await decode(token);
    assert.equal(document.languageId, 'jsonc');
    const masked = document.getText();
    assert.ok(!masked.includes(token) && !masked.includes(signature), 'masked on open');
    assert.deepEqual(JSON.parse(splitJsonc(masked).json), { header: { alg: 'RS256', kid: 'k' }, payload: claims, signature: '(masked)' });
    assert.match(masked, /^\/\/ JWT: no issuer, for ci, audience vault, expires in 60 min\n/);

    await vscode.commands.executeCommand('kubeSaTokens.maskDecodedToken');
    assert.equal(document.getText(), masked, 'masking a masked view changes nothing');
    await vscode.commands.executeCommand('kubeSaTokens.revealDecodedToken');
    await eventually(() => document.getText().includes(token) || undefined, 'the token revealed');
    assert.equal(JSON.parse(splitJsonc(document.getText()).json).signature, signature);
    await vscode.commands.executeCommand('kubeSaTokens.maskDecodedToken');
    await eventually(() => document.getText() === masked || undefined, 'the token masked again');
  });

  test('the title bar button acts on its own editor; on any other document the commands do nothing', async () => {
    const token = craftedToken({ sub: 'ci' });
    const { document } = await decode(token);
    const otherPath = join(vscode.workspace.workspaceFolders![0].uri.fsPath, 'not-decoded.txt');
    writeFileSync(otherPath, 'not a decoded token');
    const { document: other } = await vscode.window.showTextDocument(vscode.Uri.file(otherPath), { viewColumn: vscode.ViewColumn.Beside });
    await vscode.commands.executeCommand('kubeSaTokens.revealDecodedToken');
    assert.equal(other.getText(), 'not a decoded token');
    assert.ok(!document.getText().includes(token), 'the active editor is not the decoded view: nothing revealed');
    // A title bar button passes its editor's URI, whichever group is active.
    await vscode.commands.executeCommand('kubeSaTokens.revealDecodedToken', document.uri);
    await eventually(() => document.getText().includes(token) || undefined, 'the token revealed through its title bar');
  });

  test('relative times follow the clock without an edit', async () => {
    // 62 s reads "in 1 min" until 59 s are left, about 3 s from now.
    const exp = Math.floor(Date.now() / 1000) + 62;
    const { document } = await decode(craftedToken({ sub: 'ci', exp }));
    assert.match(document.getText(), new RegExp(`"exp": ${exp} // [0-9-]+ [0-9:]+ UTC, in 1 min$`, 'm'));
    await eventually(() => new RegExp(`"exp": ${exp} // [0-9-]+ [0-9:]+ UTC, in 5[0-9] s$`, 'm').test(document.getText()) || undefined, 'the phrase counting seconds', 8_000);
    assert.match(document.getText(), /expires in 5[0-9] s$/m);
  });
});
