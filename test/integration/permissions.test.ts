import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import type { Node } from '../../src/features/explorer/serviceAccountTree';
import { activateExtension, answering, eventually, useLocalCluster } from './helpers';

let api: ExtensionApi;

/** The ServiceAccount's node in the view, once the view shows the new cluster's listing. */
async function serviceAccountNode(namespace: string, name: string): Promise<Node> {
  return eventually(async () => {
    const [root] = await api.serviceAccounts.getChildren();
    const namespaces = root ? await api.serviceAccounts.getChildren(root) : [];
    const found = namespaces.find((node) => node.kind === 'namespace' && node.namespace.name === namespace);
    const accounts = found ? await api.serviceAccounts.getChildren(found) : [];
    return accounts.find((node) => node.kind === 'serviceAccount' && node.account.name === name);
  }, `ServiceAccount ${namespace}/${name} in the view`);
}

async function permissionsNode(account: Node): Promise<Node> {
  const children = await api.serviceAccounts.getChildren(account);
  const node = children.find((child) => child.kind === 'permissions');
  assert.ok(node, 'a Permissions node under the ServiceAccount');
  return node;
}

const label = (item: vscode.TreeItem) => (typeof item.label === 'string' ? item.label : (item.label?.label ?? ''));
const tooltip = (item: vscode.TreeItem) => (typeof item.tooltip === 'string' ? item.tooltip : (item.tooltip?.value ?? ''));

/** Every row below the Permissions node, as `label — description`, scopes' rules indented. */
async function permissionRows(node: Node): Promise<{ lines: string[]; items: vscode.TreeItem[] }> {
  const lines: string[] = [];
  const items: vscode.TreeItem[] = [];
  const walk = async (parent: Node, depth: number) => {
    for (const child of await api.serviceAccounts.getChildren(parent)) {
      const item = api.serviceAccounts.getTreeItem(child) as vscode.TreeItem;
      items.push(item);
      lines.push(`${'  '.repeat(depth)}${label(item)}${item.description ? ` — ${String(item.description)}` : ''}`);
      if (child.kind === 'permissionScope') {
        await walk(child, depth + 1);
      }
    }
  };
  await walk(node, 0);
  return { lines, items };
}

suite('Permissions of a ServiceAccount', () => {
  suiteSetup(async () => {
    api = await activateExtension();
  });

  suite('as admin', () => {
    let local: Awaited<ReturnType<typeof useLocalCluster>>;
    suiteSetup(async () => {
      local = await useLocalCluster('admin');
    });
    suiteTeardown(async () => {
      await local.dispose();
    });

    test('demo/vault-auth: reads Secrets through its RoleBinding, flagged on the rule, the node and the ServiceAccount', async () => {
      const account = await serviceAccountNode('demo', 'vault-auth');
      assert.doesNotMatch(String((api.serviceAccounts.getTreeItem(account) as vscode.TreeItem).description ?? ''), /dangerous/, 'nothing loaded, nothing flagged');
      const permissions = await permissionsNode(account);
      const { lines, items } = await permissionRows(permissions);
      assert.ok(lines.includes('  get, list secrets in demo — ⚠ reading Secrets · RoleBinding vault-auth-secret-reader'), lines.join('\n'));
      assert.ok(lines.some((line) => /^ {2}get, list, watch .*pods.* in demo — RoleBinding demo-serviceaccounts-view$/.test(line)), 'view, through the group');
      assert.match(lines[0], /^Cluster-wide — \d+ rules$/, 'cluster-wide first');
      const secrets = items.find((item) => label(item) === 'get, list secrets in demo')!;
      assert.match(tooltip(secrets), /RoleBinding demo\/vault-auth-secret-reader → Role secret-reader, as ServiceAccount demo\/vault-auth\n⚠ Dangerous, reading Secrets: Secrets hold credentials/);
      const node = api.serviceAccounts.getTreeItem(permissions) as vscode.TreeItem;
      assert.match(String(node.description), /^1 dangerous right · \d+ rules$/);
      const flagged = await eventually(async () => {
        const item = api.serviceAccounts.getTreeItem(await serviceAccountNode('demo', 'vault-auth')) as vscode.TreeItem;
        return /^1 dangerous right/.test(String(item.description ?? '')) ? item : undefined;
      }, 'the ServiceAccount flagged');
      assert.match(tooltip(flagged), /Dangerous rights:\n⚠ reading Secrets in demo/);
    });

    test('demo/ci-deployer: cluster-admin, dangerous cluster-wide', async () => {
      const { lines } = await permissionRows(await permissionsNode(await serviceAccountNode('demo', 'ci-deployer')));
      assert.ok(lines.some((line) => line.startsWith('  * on * cluster-wide — ⚠ ') && line.includes('bound to cluster-admin') && line.endsWith(' · ClusterRoleBinding ci-deployer-cluster-admin')), lines.join('\n'));
    });

    test('Show Permissions opens the same as a read-only document; a made-up node is refused', async () => {
      const account = await serviceAccountNode('demo', 'web');
      await vscode.commands.executeCommand('kubeSaTokens.showPermissions', account);
      const document = await eventually(() => vscode.window.visibleTextEditors.find((editor) => editor.document.uri.path === '/permissions demo-web.txt')?.document, 'the permissions document');
      assert.equal(document.uri.scheme, 'kube-sa-tokens');
      const text = document.getText();
      assert.match(text, /^Permissions of ServiceAccount demo\/web\nContext: local-cluster\n\nComputed from the RBAC objects you can list\.\n/);
      assert.match(text, /\nBindings to roles that do not exist:\n {2}RoleBinding demo\/web-deployer names Role deployer, which does not exist/);
      assert.match(text, /\n {2}get secrets named app-config in demo\n {6}RoleBinding demo\/web-app-config → Role app-config-reader, as ServiceAccount demo\/web\n/);
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');

      const reported: string[] = [];
      const listening = api.onDidReportError((message) => reported.push(message));
      try {
        await vscode.commands.executeCommand('kubeSaTokens.showPermissions', { kind: 'serviceAccount', account: { namespace: 'demo', name: 'ci-deployer' } });
        assert.match(reported.join('\n'), /not in the ServiceAccounts view/);
      } finally {
        listening.dispose();
      }
    });

    test('Request Token for ci-deployer shows its dangerous rights before any POST; Cancel sends nothing', async () => {
      const account = await serviceAccountNode('demo', 'ci-deployer');
      local.cluster.clearRequests();
      const issued = await answering(vscode.commands.executeCommand('kubeSaTokens.requestToken', account), 'workbench.action.acceptSelectedQuickOpenItem');
      assert.equal(issued, undefined, 'the first item of the danger step is Cancel');
      const sent = local.cluster.requests.map((request) => `${request.method} ${request.path}`);
      assert.ok(!sent.some((line) => line.endsWith('/token')), sent.join('\n'));
    });

    test('the same answers for demo/default, which holds no dangerous right, request its token (no danger step)', async () => {
      const account = await serviceAccountNode('demo', 'default');
      local.cluster.clearRequests();
      const issued = await answering(vscode.commands.executeCommand<{ serviceAccount: string } | undefined>('kubeSaTokens.requestToken', account), 'workbench.action.acceptSelectedQuickOpenItem');
      assert.equal(issued?.serviceAccount, 'default');
      assert.deepEqual(local.cluster.requests.filter((request) => request.path.endsWith('/token')).map((request) => `${request.method} ${request.path}`), ['POST /api/v1/namespaces/demo/serviceaccounts/default/token']);
    });
  });

  suite('as restricted', () => {
    let local: Awaited<ReturnType<typeof useLocalCluster>>;
    suiteSetup(async () => {
      local = await useLocalCluster('restricted');
    });
    suiteTeardown(async () => {
      await local.dispose();
    });

    test('the Permissions node says which permission is missing', async () => {
      const permissions = await permissionsNode(await serviceAccountNode('demo', 'vault-auth'));
      const { lines } = await permissionRows(permissions);
      assert.equal(lines.length, 1, lines.join('\n'));
      assert.equal(lines[0], 'Cannot see its permissions: ask for list on clusterroles, clusterrolebindings, roles, rolebindings (rbac.authorization.k8s.io) cluster-wide, or impersonate on serviceaccounts vault-auth in demo');
      assert.equal((api.serviceAccounts.getTreeItem(permissions) as vscode.TreeItem).description, 'cannot see');
    });
  });
});
