// "Can it…?" in the extension host against the local API server: the API server's answer through a
// SubjectAccessReview, the pickers fed by discovery, and, for a person who may not create reviews,
// the answer computed from the RBAC objects they can read (or why there is none).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Node } from '../../src/explorer/treeNodes';
import type { CanIOutcome } from '../../src/features/canI/canI';
import { clusterRoleRef, resourceRule, user } from '../cluster/api/rbacBootstrap';
import { activateExtension, eventually, useLocalCluster } from './helpers';

type Local = Awaited<ReturnType<typeof useLocalCluster>>;

const reviewPath = '/apis/authorization.k8s.io/v1/subjectaccessreviews';

/** The newest "Can it N.txt" result document. */
function latestAnswer(): vscode.TextDocument {
  const answers = vscode.workspace.textDocuments.filter((document) => document.uri.scheme === 'kube-sa-tokens' && /^\/Can it \d+\.txt$/.test(document.uri.path));
  const number = (document: vscode.TextDocument) => Number(/(\d+)\.txt$/.exec(document.uri.path)![1]);
  return answers.sort((left, right) => number(right) - number(left))[0];
}

function canI(account: { namespace: string; name: string } | Node, request?: Record<string, string>): Thenable<CanIOutcome | undefined> {
  return vscode.commands.executeCommand<CanIOutcome>('kubeSaTokens.canI', account, request);
}

suite('Can it…? (a person who may create SubjectAccessReviews)', () => {
  let local: Local;
  suiteSetup(async () => {
    await activateExtension();
    local = await useLocalCluster();
  });
  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await local.dispose();
  });

  test('vault-auth can get secrets in demo: the API server says so and names the binding', async () => {
    local.cluster.clearRequests();
    const outcome = await canI({ namespace: 'demo', name: 'vault-auth' }, { verb: 'get', group: '', resource: 'secrets', namespace: 'demo' });
    assert.deepEqual(outcome, { headline: 'demo/vault-auth can get secrets in namespace demo', answeredBy: 'review' });
    const text = latestAnswer().getText();
    assert.match(text, /^Can ServiceAccount demo\/vault-auth get secrets in namespace demo\?\nYes\.\n/);
    assert.match(text, /^Reason \(the API server's\): RBAC: allowed by RoleBinding "vault-auth-secret-reader\/demo" of Role "secret-reader" to ServiceAccount "vault-auth\/demo"$/m);
    assert.match(text, /with groups system:serviceaccounts, system:serviceaccounts:demo, system:authenticated/);
    // The connection may check the server's version after the switch to this cluster; the question itself is one request.
    const asked = local.cluster.requests.filter((request) => request.path !== '/version');
    assert.deepEqual(asked.map((request) => `${request.method} ${request.path}`), [`POST ${reviewPath}`], 'one request');
  });

  test('web cannot list secrets in demo', async () => {
    const outcome = await canI({ namespace: 'demo', name: 'web' }, { verb: 'list', group: '', resource: 'secrets', namespace: 'demo' });
    assert.deepEqual(outcome, { headline: 'demo/web cannot list secrets in namespace demo', answeredBy: 'review' });
    assert.match(latestAnswer().getText(), /^No: no authorizer allows it\.$/m);
  });

  test('from a ServiceAccount node, the steps offer what discovery lists (cluster-scoped resources skip the namespace)', async () => {
    const api = await activateExtension();
    const [context] = await eventually(async () => {
      const roots = await api.serviceAccounts.getChildren();
      return roots.length > 0 ? roots : undefined;
    }, 'the tree');
    const demo = (await api.serviceAccounts.getChildren(context)).find((node) => node.kind === 'namespace' && node.namespace.name === 'demo')!;
    const web = (await api.serviceAccounts.getChildren(demo)).find((node) => node.kind === 'serviceAccount' && node.account.name === 'web')!;
    local.cluster.clearRequests();
    let settled = false;
    const running = Promise.resolve(canI(web)).finally(() => (settled = true));
    while (!settled) {
      await new Promise((resolve) => setTimeout(resolve, 300));
      // Each step as it comes: its first item (the first resource, its first verb), and no name.
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    }
    const outcome = await running;
    assert.deepEqual(outcome, { headline: 'demo/web cannot get namespaces (cluster-wide)', answeredBy: 'review' });
    const paths = local.cluster.requests.map((request) => request.path);
    assert.ok(paths.includes('/api/v1') && paths.includes('/apis'), `discovery was read: ${paths.join(', ')}`);
    assert.equal(paths.filter((path) => path === reviewPath).length, 1);
  });

  test('a request given in code that is not strings is refused', async () => {
    const errors: string[] = [];
    const listener = (await activateExtension()).onDidReportError((message) => errors.push(message));
    try {
      assert.equal(await canI({ namespace: 'demo', name: 'web' }, { verb: 'get', group: '', resource: { toString: () => 'secrets' } } as never), undefined);
      assert.match(errors[0] ?? '', /^Can It…\? takes a ServiceAccount and optionally a request/);
    } finally {
      listener.dispose();
    }
  });
});

suite('Can it…? (a person who may not create SubjectAccessReviews)', () => {
  let local: Local;
  suiteSetup(async () => {
    await activateExtension();
    local = await useLocalCluster('restricted');
  });
  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await local.dispose();
  });

  test('with RBAC objects to read, the answer is computed, and says so', async () => {
    const { store } = local.cluster;
    store.create('clusterroles', { name: 'rbac-reader' }, { rules: [resourceRule(['get', 'list'], ['rbac.authorization.k8s.io'], ['clusterroles', 'clusterrolebindings', 'roles', 'rolebindings'])] });
    store.create('clusterrolebindings', { name: 'restricted-rbac-reader' }, { subjects: [user('restricted')], roleRef: clusterRoleRef('rbac-reader') });
    try {
      const outcome = await canI({ namespace: 'demo', name: 'vault-auth' }, { verb: 'get', group: '', resource: 'secrets', namespace: 'demo' });
      assert.deepEqual(outcome, { headline: 'demo/vault-auth can get secrets in namespace demo (computed)', answeredBy: 'computed' });
      const text = latestAnswer().getText();
      assert.match(text, /^Yes \(computed\)\.$/m);
      assert.match(text, /^Allowed by: get, list secrets in demo, RoleBinding demo\/vault-auth-secret-reader → Role secret-reader, as ServiceAccount demo\/vault-auth$/m);
      assert.match(text, /^Computed from the RBAC objects you can read; webhook authorizers are not consulted\.$/m);
      assert.match(text, /^The API server was not asked: Forbidden: you cannot create subjectaccessreviews\.authorization\.k8s\.io/m);
      const denied = await canI({ namespace: 'demo', name: 'web' }, { verb: 'list', group: '', resource: 'secrets', namespace: 'demo' });
      assert.deepEqual(denied, { headline: 'demo/web cannot list secrets in namespace demo (computed)', answeredBy: 'computed' });
    } finally {
      store.delete('clusterrolebindings', undefined, 'restricted-rbac-reader');
      store.delete('clusterroles', undefined, 'rbac-reader');
    }
  });

  test('without them either, the answer says it cannot tell, and why', async () => {
    // A new session: the previous one keeps the RBAC lists it read for a while.
    await vscode.commands.executeCommand('kubeSaTokens.refresh');
    const outcome = await canI({ namespace: 'demo', name: 'vault-auth' }, { verb: 'get', group: '', resource: 'secrets', namespace: 'demo' });
    assert.deepEqual(outcome, { headline: 'Cannot tell whether demo/vault-auth can get secrets in namespace demo', answeredBy: 'unanswered' });
    const text = latestAnswer().getText();
    assert.match(text, /^Cannot tell\.\nYou may not create SubjectAccessReviews \(Forbidden: /m);
    assert.match(text, /and the permissions cannot be computed either: /);
  });
});
