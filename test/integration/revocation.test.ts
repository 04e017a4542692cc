import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { IssuedToken } from '../../src/cluster';
import type { ExtensionApi } from '../../src/extension';
import type { Node } from '../../src/explorer/treeNodes';
import type { RevocationOutcome } from '../../src/features/tokens/revokeToken';
import { activateExtension, answering, eventually, issuedToken, useLocalCluster } from './helpers';

type Local = Awaited<ReturnType<typeof useLocalCluster>>;

suite('Revoke a token', () => {
  let local: Local;
  let api: ExtensionApi;
  suiteSetup(async () => {
    api = await activateExtension();
    local = await useLocalCluster();
  });
  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await local.dispose();
  });

  const deletes = () => local.cluster.requests.filter((request) => request.method === 'DELETE');

  /**
   * Revokes through the API for programmatic callers (the command's modal cannot be answered here)
   * and, once the delete went out, moves the server's clock past its 10 s authentication cache.
   */
  async function revoked(token: string, route: Parameters<ExtensionApi['revokeToken']>[1]): Promise<RevocationOutcome> {
    local.cluster.clearRequests();
    const revoking = api.revokeToken(token, route);
    await eventually(() => deletes().length > 0 || undefined, 'the delete');
    local.cluster.advanceClock(11);
    return revoking;
  }

  /** A Pod of demo/vault-auth, made for this test, and a token bound to it. */
  async function podAndToken(name: string): Promise<string> {
    const pod = local.cluster.store.create('pods', { name, namespace: 'demo' }, { spec: { serviceAccountName: 'vault-auth', nodeName: 'node-1' }, status: { phase: 'Running' } });
    const account = local.cluster.store.get('serviceaccounts', 'demo', 'vault-auth')!;
    return (await local.cluster.tokens.issue(account, ['vault'], 3600, { kind: 'Pod', object: pod }, local.cluster.store.get('nodes', undefined, 'node-1'))).token;
  }

  async function childrenOf(namespace: string, name: string): Promise<Node[]> {
    return eventually(async () => {
      const [context] = await api.serviceAccounts.getChildren();
      const namespaceNode = context && (await api.serviceAccounts.getChildren(context)).find((node) => node.kind === 'namespace' && node.namespace.name === namespace);
      const account = namespaceNode && (await api.serviceAccounts.getChildren(namespaceNode)).find((node) => node.kind === 'serviceAccount' && node.account.name === name);
      return account && api.serviceAccounts.getChildren(account);
    }, `${namespace}/${name} in the tree`);
  }

  test('a Pod-bound token is revoked by deleting its Pod: TokenReview refuses it once the cache ran out, and the outcome opens as a document', async () => {
    const token = await podAndToken('revoke-pod');
    const outcome = await revoked(token, 'delete-bound-pod');
    assert.match(outcome.summary, /^Revoked: the token stopped authenticating \d+ s after the Pod was deleted\.$/);
    assert.equal(outcome.check?.lastReview?.error, '[invalid bearer token, service account token has been invalidated]');
    assert.equal(local.cluster.store.get('pods', 'demo', 'revoke-pod'), undefined);
    // The status bar may ask for /version meanwhile: only the calls of the revocation count.
    const calls = local.cluster.requests.filter((request) => request.path !== '/version').map((request) => `${request.method} ${request.path}`);
    assert.deepEqual(
      calls.slice(0, 6).sort(),
      [
        'DELETE /api/v1/namespaces/demo/pods/revoke-pod',
        'GET /api/v1/namespaces/demo/pods',
        'GET /api/v1/namespaces/demo/pods/revoke-pod',
        'GET /api/v1/namespaces/demo/secrets',
        'GET /api/v1/namespaces/demo/serviceaccounts/vault-auth',
        'POST /apis/authentication.k8s.io/v1/tokenreviews',
      ],
      'one TokenReview first (does it authenticate here?), what the routes touch, then the delete',
    );
    const document = await eventually(() => vscode.window.visibleTextEditors.find((editor) => /^\/Token revocation \d+\.txt$/.test(editor.document.uri.path))?.document, 'the result document');
    assert.equal(document.getText().split('\n')[0], outcome.summary);
    assert.ok(!document.getText().includes(token), 'the token is masked');
  });

  test('a Secret-bound token is revoked by deleting its Secret', async () => {
    const secret = local.cluster.store.create('secrets', { name: 'revoke-binding', namespace: 'demo' }, { type: 'Opaque' });
    const account = local.cluster.store.get('serviceaccounts', 'demo', 'vault-auth')!;
    const { token } = await local.cluster.tokens.issue(account, ['vault'], 3600, { kind: 'Secret', object: secret }, undefined);
    const outcome = await revoked(token, 'delete-bound-secret');
    assert.match(outcome.summary, /^Revoked: the token stopped authenticating \d+ s after the Secret was deleted\.$/);
    assert.deepEqual(outcome.deleted, { kind: 'Secret', namespace: 'demo', name: 'revoke-binding', uid: secret.metadata.uid });
    assert.equal(local.cluster.store.get('secrets', 'demo', 'revoke-binding'), undefined);
  });

  test('a legacy token Secret: from its tree node the command reads the token and asks in a modal (nothing deleted here); the confirmed delete ends the token', async () => {
    const errors: string[] = [];
    const listener = api.onDidReportError((message) => errors.push(message));
    try {
      const node = (await childrenOf('demo', 'vault-auth')).find((child) => child.kind === 'legacySecret');
      assert.ok(node, 'the legacy token Secret in the tree');
      local.cluster.clearRequests();
      assert.equal(await answering(vscode.commands.executeCommand('kubeSaTokens.revokeToken', node), 'workbench.action.acceptSelectedQuickOpenItem'), undefined);
      assert.match(errors.join('\n'), /Not sent: deleting Secret demo\/vault-auth-token-legacy, and the confirmation could not be shown/);
      assert.deepEqual(deletes(), [], 'nothing is deleted without the modal');
      assert.ok(local.cluster.requests.some((request) => request.method === 'GET' && request.path === '/api/v1/namespaces/demo/secrets/vault-auth-token-legacy'), 'the token was read to check it afterwards');
    } finally {
      listener.dispose();
    }
    const secret = local.cluster.store.get('secrets', 'demo', 'vault-auth-token-legacy')!;
    const legacy = Buffer.from((secret.data as { token: string }).token, 'base64').toString('utf8');
    const outcome = await revoked(legacy, 'delete-legacy-secret');
    assert.match(outcome.summary, /^Revoked: the token stopped authenticating \d+ s after the Secret was deleted\.$/);
    assert.equal(outcome.check?.lastReview?.error, '[invalid bearer token, Token has been invalidated]');
    await vscode.commands.executeCommand('kubeSaTokens.refresh');
    assert.ok(!(await childrenOf('demo', 'vault-auth')).some((child) => child.kind === 'legacySecret'), 'the tree no longer shows it');
  });

  test('the ServiceAccount deleted and created again: its tokens stop, the issued ones leave the tree, and its labels stay', async () => {
    const old = local.cluster.store.get('serviceaccounts', 'demo', 'default')!;
    local.cluster.store.update('serviceaccounts', { ...old, metadata: { ...old.metadata, labels: { team: 'ci' } } });
    const path = join(vscode.workspace.workspaceFolders![0].uri.fsPath, 'revoke-default.yaml');
    writeFileSync(path, 'apiVersion: authentication.k8s.io/v1\nkind: TokenRequest\nmetadata:\n  name: default\n  namespace: demo\nspec:\n  audiences: [vault]\n');
    const document = (await vscode.window.showTextDocument(vscode.Uri.file(path))).document;
    const [lens] = await eventually(async () => {
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri);
      if (!lenses[0]?.command?.command) {
        throw new Error(`the lenses of the ${document.languageId} document read ${JSON.stringify(lenses.map((shown) => [shown.command?.title, shown.command?.tooltip]))}`);
      }
      return lenses;
    }, 'the Request token lens');
    // The hand-off choice after the request is the person's: dismissed here.
    const issuing = vscode.commands.executeCommand<IssuedToken>(lens.command!.command, ...(lens.command!.arguments ?? []));
    let issued: IssuedToken | undefined;
    void issuing.then((value) => (issued = value));
    while (!issued) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    }
    assert.ok((await childrenOf('demo', 'default')).some((child) => child.kind === 'issuedToken'), 'the issued token in the tree');

    const outcome = await revoked(issued.token, 'recreate-service-account');
    const fresh = local.cluster.store.get('serviceaccounts', 'demo', 'default')!;
    assert.notEqual(fresh.metadata.uid, old.metadata.uid);
    assert.deepEqual(fresh.metadata.labels, { team: 'ci' });
    assert.equal(outcome.recreation?.uid, fresh.metadata.uid);
    assert.match(outcome.summary, /^Revoked: the token stopped authenticating \d+ s after the ServiceAccount was deleted and created again\.$/);
    assert.equal(outcome.check?.lastReview?.error, `[invalid bearer token, service account UID (${fresh.metadata.uid}) does not match claim (${old.metadata.uid})]`);
    const other = await issuedToken(local.cluster, 'web');
    assert.ok('user' in (await local.cluster.tokens.review(other, ['vault'])), "another ServiceAccount's token is untouched");
    await eventually(async () => !(await childrenOf('demo', 'default')).some((child) => child.kind === 'issuedToken') || undefined, 'the revoked token to leave the tree');
  });

  test('from the hover: a Revoke link that carries only the place; the command asks in a modal, and without an answer deletes nothing', async () => {
    const token = await podAndToken('revoke-hover');
    const uri = vscode.Uri.file(join(vscode.workspace.workspaceFolders![0].uri.fsPath, 'revoke-hover.env'));
    writeFileSync(uri.fsPath, `TOKEN=${token}\n`);
    await vscode.workspace.openTextDocument(uri);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(0, 10));
    const markdown = hovers.flatMap((hover) => hover.contents).find((content): content is vscode.MarkdownString => content instanceof vscode.MarkdownString && content.value.includes('[Revoke…]'));
    assert.ok(markdown, 'a Revoke… link');
    const target = /\[Revoke…\]\(command:kubeSaTokens\.revokeToken\?([^)]+)\)/.exec(markdown.value)![1];
    const args = JSON.parse(decodeURIComponent(target)) as unknown[];
    assert.deepEqual(args, [{ uri: uri.toString(), line: 0, character: 6 }], 'the link carries the place, never the token');
    assert.ok((markdown.isTrusted as { enabledCommands: string[] }).enabledCommands.includes('kubeSaTokens.revokeToken'));

    const errors: string[] = [];
    const listener = api.onDidReportError((message) => errors.push(message));
    try {
      local.cluster.clearRequests();
      await answering(vscode.commands.executeCommand('kubeSaTokens.revokeToken', ...args), 'workbench.action.acceptSelectedQuickOpenItem');
      assert.match(errors.join('\n'), /Not sent: deleting Pod demo\/revoke-hover, and the confirmation could not be shown/);
      assert.deepEqual(deletes(), []);
      assert.ok(local.cluster.store.get('pods', 'demo', 'revoke-hover'), 'the Pod is still there');
    } finally {
      listener.dispose();
    }
  });

  test('forged arguments are refused before anything is deleted', async () => {
    const token = await podAndToken('revoke-forged');
    local.cluster.clearRequests();
    await assert.rejects(api.revokeToken(token, 'delete-legacy-secret'), /Route delete-legacy-secret does not apply to this token; these do: delete-bound-pod, recreate-service-account, wait-for-expiry\. Nothing was deleted\./);
    await assert.rejects(api.revokeToken(token, 'delete-everything' as never), /does not apply to this token/);
    const [header, payload, signature] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as { 'kubernetes.io': { pod: { name: string } } };
    claims['kubernetes.io'].pod.name = 'web-0';
    const tampered = `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
    await assert.rejects(api.revokeToken(tampered, 'delete-bound-pod'), /^Error: Nothing to revoke on context local-cluster: it does not authenticate there \(\[invalid bearer token, square\/go-jose: error in cryptographic primitive\]\)/);
    claims['kubernetes.io'].pod.name = '../../nodes/node-1';
    await assert.rejects(api.revokeToken(`${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`, 'delete-bound-pod'), /This token cannot be revoked: its kubernetes\.io\.pod claim does not name an object that can exist in Kubernetes\./);

    const errors: string[] = [];
    const listener = api.onDidReportError((message) => errors.push(message));
    try {
      const issued = { token, namespace: 'demo', serviceAccount: 'vault-auth', audiences: ['vault'], issuedAt: new Date(), expiresAt: new Date(Date.now() + 3_600_000), warnings: [] };
      await vscode.commands.executeCommand('kubeSaTokens.revokeToken', { kind: 'issuedToken', issued });
      await vscode.commands.executeCommand('kubeSaTokens.revokeToken', { kind: 'legacySecret', account: { namespace: 'kube-system', name: 'default', legacyTokenSecrets: [] }, secret: { name: 'bootstrap-token' } });
      await vscode.commands.executeCommand('kubeSaTokens.revokeToken', token);
      assert.deepEqual(errors, [
        'That token is no longer in the ServiceAccounts view (it expired or the window was reloaded). Request a new one.',
        'That ServiceAccount is not in the ServiceAccounts view any more (it was refreshed, or the context changed). Pick it in the view again.',
        'This command takes the token from the editor or from a hover over a token; it was called with something else and did nothing.',
      ]);
    } finally {
      listener.dispose();
    }
    assert.deepEqual(deletes(), []);
    // Two tokens checked and planned, the tampered one checked; the hostile one and the forged nodes sent nothing.
    assert.equal(local.cluster.requests.filter((request) => request.path === '/apis/authentication.k8s.io/v1/tokenreviews').length, 3);
  });
});
