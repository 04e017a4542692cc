// Runs in code-server started with `--locale qps-ploc` (scripts/vscode/run-integration.mjs): VS Code
// hands the extension l10n/bundle.l10n.qps-ploc.json and package.nls.qps-ploc.json, which
// `npm run l10n` writes with every message bracketed and accented. Whatever reaches a person still in
// plain English was never translated: in the editor adapters, in the core (configured from VS Code's
// bundle at activation) or in the lazily loaded manifest validator (configured by its stand-in).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { pseudoEnd, pseudoStart } from '../../../scripts/l10n';
import { manifestDiagnosticSource } from '../../../src/features/manifests/manifestDiagnostics';
import type { ExtensionApi } from '../../../src/extension';
import type { Node } from '../../../src/explorer/treeNodes';
import { activateExtension, eventually, extensionId, useLocalCluster } from '../helpers';

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const nowSeconds = Math.floor(Date.now() / 1000);
const token = `${base64url({ alg: 'RS256', kid: 'k' })}.${base64url({
  iss: 'https://kubernetes.default.svc.cluster.local',
  sub: 'system:serviceaccount:demo:vault-auth',
  aud: ['vault'],
  exp: nowSeconds + 3600,
  iat: nowSeconds - 60,
  nbf: nowSeconds - 60,
  'kubernetes.io': { namespace: 'demo', serviceaccount: { name: 'vault-auth', uid: 'u-1' } },
})}.c2lnbmF0dXJl`;

/** Our words are bracketed; after taking out the bracketed parts, code spans and the inputs, no English word may be left. */
function assertPseudoLocalised(text: string, inputs: readonly string[] = []): void {
  assert.ok(text.includes(pseudoStart) && text.includes(pseudoEnd), `"${text}" is pseudo-localised`);
  let rest = text.replace(new RegExp(`${pseudoStart}[^${pseudoEnd}]*${pseudoEnd}`, 'g'), ' ').replace(/`[^`]*`/g, ' ').replace(/\]\(command:[^)]*\)/g, ']');
  for (const input of [...inputs].sort((a, b) => b.length - a.length)) {
    rest = rest.split(input).join(' ');
  }
  assert.doesNotMatch(rest, /[A-Za-z]{2,}/, `"${text}": English left in "${rest}"`);
}

async function untitled(language: string, content: string): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument({ language, content });
  await vscode.window.showTextDocument(document);
  return document;
}

suite('Pseudo-localised (qps-ploc)', () => {
  let api: ExtensionApi;
  suiteSetup(async () => {
    api = await activateExtension();
  });

  test('VS Code hands the extension the pseudo-localised bundle and manifest', () => {
    assert.equal(vscode.env.language, 'qps-ploc');
    assert.ok(vscode.l10n.bundle && Object.keys(vscode.l10n.bundle).length > 100, 'the bundle for qps-ploc is loaded');
    // VS Code's scanner puts each translated title in `value` and keeps the English one in `original`.
    const commands = (vscode.extensions.getExtension(extensionId)!.packageJSON as { contributes: { commands: { title: string | { value: string } }[] } }).contributes.commands;
    for (const { title } of commands) {
      assertPseudoLocalised(typeof title === 'string' ? title : title.value);
    }
  });

  test("a token's hover: the core's description and the adapter's links", async () => {
    const document = await untitled('plaintext', `token: ${token}\n`);
    const hovers = await eventually(async () => {
      const found = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, new vscode.Position(0, 20));
      return found.length > 0 ? found : undefined;
    }, 'a hover');
    const text = hovers.flatMap((hover) => hover.contents.map((content) => (typeof content === 'string' ? content : content.value))).join('\n');
    const lines = text.split('\n').filter((line) => line.trim() !== '' && !/^[-|\s:]+$/.test(line));
    assert.ok(lines.length >= 3, text);
    for (const line of lines.slice(0, 3)) {
      assertPseudoLocalised(line, ['demo/vault-auth', 'vault', 'RS256']);
    }
  });

  test("a manifest's diagnostics come from the lazily loaded validator, in the display language", async () => {
    // A misspelt field: the message is ours (a refusal the server would word, such as a too-short expiration, stays in its words).
    const document = await untitled('yaml', 'apiVersion: authentication.k8s.io/v1\nkind: TokenRequest\nmetadata:\n  name: vault-auth\n  namespace: demo\nspec:\n  audience: [vault]\n');
    const diagnostics = await eventually(() => {
      const found = vscode.languages.getDiagnostics(document.uri).filter((diagnostic) => diagnostic.source === manifestDiagnosticSource);
      return found.length > 0 ? found : undefined;
    }, 'manifest diagnostics');
    for (const diagnostic of diagnostics) {
      assertPseudoLocalised(diagnostic.message, ['spec.audience', 'audiences', 'fieldValidation=Strict']);
    }
  });

  test('the ServiceAccounts view: rows from the cluster bundle, the RBAC core and the view itself', async () => {
    const local = await useLocalCluster('admin');
    try {
      await vscode.commands.executeCommand('kubeSaTokens.refresh');
      const item = (node: Node) => api.serviceAccounts.getTreeItem(node) as vscode.TreeItem;
      const text = (value: string | vscode.MarkdownString | undefined) => (typeof value === 'string' ? value : (value?.value ?? ''));
      const account = await eventually(async () => {
        const [root] = await api.serviceAccounts.getChildren();
        const demo = (root ? await api.serviceAccounts.getChildren(root) : []).find((node) => node.kind === 'namespace' && node.namespace.name === 'demo');
        if (demo) {
          assertPseudoLocalised(String(item(demo).description));
        }
        return (demo ? await api.serviceAccounts.getChildren(demo) : []).find((node) => node.kind === 'serviceAccount' && node.account.name === 'vault-auth');
      }, 'demo/vault-auth in the view');
      assertPseudoLocalised(text(item(account).tooltip), ['demo', 'vault-auth', 'demo/vault-auth', account.kind === 'serviceAccount' ? account.account.uid : '']);
      const permissions = (await api.serviceAccounts.getChildren(account)).find((node) => node.kind === 'permissions');
      assert.ok(permissions, 'a Permissions row');
      const scopes = await api.serviceAccounts.getChildren(permissions);
      assert.ok(scopes.length > 0, 'permission scopes');
      assertPseudoLocalised(String(item(permissions).description));
      for (const scope of scopes) {
        assertPseudoLocalised(`${String(item(scope).label)} ${String(item(scope).description ?? '')}`, ['demo', 'kube-system', 'default', 'monitoring', 'payments']);
      }
    } finally {
      await local.dispose();
    }
  });
});
