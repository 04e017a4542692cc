import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import type { TreeProblem } from '../../src/explorer/treeProblems';
import type { Node, ShownProblem } from '../../src/features/explorer/serviceAccountTree';
import { startLocalCluster } from '../cluster/server';
import { activateExtension, answering, eventually, useLocalCluster } from './helpers';

let api: ExtensionApi;
let folder: string;
const previousKubeconfig = process.env.KUBECONFIG;

async function root(): Promise<Node | undefined> {
  const [first] = await api.serviceAccounts.getChildren();
  return first;
}

const contextName = (node: Node | undefined) => (node?.kind === 'context' ? node.context.name : undefined);

/**
 * Refreshes (as the Retry button does) until the tree shows the context `name`: a kubeconfig file
 * just written may still be reported by the watcher, which reloads the tree once more.
 */
async function showsContext(name: string): Promise<void> {
  await vscode.commands.executeCommand('kubeSaTokens.refresh');
  await eventually(async () => {
    const shown = contextName(await root());
    if (shown !== name) {
      throw new Error(`it shows ${shown ?? JSON.stringify(api.serviceAccounts.problem)}`);
    }
    return true;
  }, `the tree to show ${name}`);
}

/** Retries the tree (as the Retry button does) until the view shows `expected` instead of a tree. */
async function problemAfterRetry(expected: TreeProblem): Promise<ShownProblem> {
  await vscode.commands.executeCommand('kubeSaTokens.refresh');
  return eventually(async () => {
    const roots = await api.serviceAccounts.getChildren();
    const problem = api.serviceAccounts.problem;
    return roots.length === 0 && problem?.kind === expected ? problem : undefined;
  }, `the view to show the ${expected} problem (it shows ${JSON.stringify(api.serviceAccounts.problem)})`);
}

const settings = () => vscode.workspace.getConfiguration('kubeSaTokens');

/** Runs `body` with a user setting set, and removes it afterwards whatever happens. */
async function withUserSetting<T>(key: string, value: unknown, body: () => Promise<T>): Promise<T> {
  await settings().update(key, value, vscode.ConfigurationTarget.Global);
  try {
    return await body();
  } finally {
    await settings().update(key, undefined, vscode.ConfigurationTarget.Global);
  }
}

/** A TCP relay to the cluster that can be stopped (connections refused, open ones cut) and started again on the same port. */
class Relay {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  port = 0;

  constructor(private readonly target: URL) {}

  async start(): Promise<void> {
    const server = createServer((socket) => {
      const upstream = connect(Number(this.target.port), this.target.hostname);
      for (const end of [socket, upstream]) {
        this.sockets.add(end);
        end.on('close', () => this.sockets.delete(end));
        end.on('error', () => undefined);
      }
      socket.pipe(upstream).pipe(socket);
    });
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    this.port = (server.address() as { port: number }).port;
    this.server = server;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    this.sockets.forEach((socket) => socket.destroy());
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  }
}

suite('ServiceAccounts explorer', () => {
  suiteSetup(async () => {
    api = await activateExtension();
    folder = mkdtempSync(join(tmpdir(), 'kube-sa-tokens-explorer-'));
  });

  suiteTeardown(async () => {
    process.env.KUBECONFIG = previousKubeconfig;
    await vscode.commands.executeCommand('kubeSaTokens.refresh');
    rmSync(folder, { recursive: true, force: true });
  });

  test('10,000 ServiceAccounts in 500 namespaces load in 22 requests, plus the connection\'s one GET /version', async () => {
    const cluster = await startLocalCluster({ namespaces: 500, serviceAccountsPerNamespace: 20 });
    try {
      const kubeconfig = join(folder, 'large');
      await cluster.writeKubeconfig(kubeconfig, 'admin', 'large-cluster');
      process.env.KUBECONFIG = kubeconfig;
      cluster.clearRequests();
      await vscode.commands.executeCommand('kubeSaTokens.refresh');
      const started = performance.now();
      const context = await root();
      const milliseconds = performance.now() - started;
      assert.equal(contextName(context), 'large-cluster');
      const namespaces = await api.serviceAccounts.getChildren(context);
      assert.equal(namespaces.length, 500);
      const accounts = await api.serviceAccounts.getChildren(namespaces[499]);
      assert.equal(accounts.length, 20);
      const listing = cluster.requests.filter((request) => request.path !== '/version');
      assert.equal(listing.length, 22, listing.map((request) => `${request.path}${request.query}`).join('\n'));
      assert.equal(cluster.requests.length - listing.length, 1, 'the version is asked once per connection');
      console.log(`Tree of 10,000 ServiceAccounts in the extension host: ${cluster.requests.length} requests, ${milliseconds.toFixed(0)} ms`);
    } finally {
      await cluster.close();
    }
  });

  test("a slow answer from a context you left never replaces the new context's tree", async () => {
    const slow = await startLocalCluster({ latencyMs: 1500 });
    const fast = await startLocalCluster();
    try {
      const slowConfig = join(folder, 'slow');
      const fastConfig = join(folder, 'fast');
      await slow.writeKubeconfig(slowConfig, 'admin', 'slow-cluster');
      await fast.writeKubeconfig(fastConfig, 'admin', 'fast-cluster');
      process.env.KUBECONFIG = slowConfig;
      await vscode.commands.executeCommand('kubeSaTokens.refresh');
      const leftBehind = root();
      process.env.KUBECONFIG = fastConfig;
      await vscode.commands.executeCommand('kubeSaTokens.refresh');
      assert.equal(contextName(await root()), 'fast-cluster');
      assert.deepEqual(await leftBehind, undefined, 'the abandoned load yields nothing');
      assert.equal(contextName(await root()), 'fast-cluster', 'still the new context after the slow answer');
    } finally {
      await slow.close();
      await fast.close();
    }
  });

  test('editing the kubeconfig file reloads the tree', async () => {
    const first = await startLocalCluster();
    try {
      const kubeconfig = join(folder, 'watched');
      await first.writeKubeconfig(kubeconfig, 'admin', 'before-edit');
      process.env.KUBECONFIG = kubeconfig;
      await vscode.commands.executeCommand('kubeSaTokens.refresh');
      // The watcher may still report the file's creation, which reloads once more: wait for the tree to settle.
      await eventually(async () => contextName(await root()) === 'before-edit' || undefined, 'the tree to show the first context');
      writeFileSync(kubeconfig, first.kubeconfigYaml('admin', 'after-edit'));
      await eventually(async () => contextName(await root()) === 'after-edit' || undefined, 'the tree to show the edited context');
    } finally {
      await first.close();
    }
  });

  test('a restricted user sees the context namespace', async () => {
    const cluster = await startLocalCluster();
    try {
      const restricted = join(folder, 'restricted');
      await cluster.writeKubeconfig(restricted, 'restricted', 'restricted-context');
      process.env.KUBECONFIG = restricted;
      await vscode.commands.executeCommand('kubeSaTokens.refresh');
      const context = await root();
      assert.deepEqual(
        (await api.serviceAccounts.getChildren(context)).map((node) => (node.kind === 'namespace' ? node.namespace.name : node.kind)),
        ['demo'],
      );
      assert.equal(api.serviceAccounts.problem, undefined);
    } finally {
      await cluster.close();
    }
  });

  test('each kubeconfig problem shows its own welcome view, with the exact message naming the file and where it came from', async () => {
    const cluster = await startLocalCluster();
    const previousHome = process.env.HOME;
    try {
      const missing = join(folder, 'does-not-exist');
      process.env.KUBECONFIG = missing;
      assert.match((await problemAfterRetry('kubeconfig-missing-env')).message, new RegExp(`^None of the kubeconfig files listed in KUBECONFIG exist: ${missing}\\.`));
      const broken = join(folder, 'broken');
      writeFileSync(broken, 'clusters: [\n  - {name: a\n');
      process.env.KUBECONFIG = broken;
      assert.ok((await problemAfterRetry('kubeconfig-unreadable-env')).message.startsWith(`Cannot read the kubeconfig ${broken} (listed in KUBECONFIG): `));
      await withUserSetting('kubeconfigPath', missing, async () => {
        const problem = await problemAfterRetry('kubeconfig-missing-setting');
        assert.ok(problem.message.startsWith(`The kubeconfig ${missing}, set in the kubeSaTokens.kubeconfigPath setting, does not exist.`), problem.message);
        assert.doesNotMatch(problem.message, /Fix KUBECONFIG/, 'the setting is the cause, not KUBECONFIG');
      });
      await withUserSetting('kubeconfigPath', broken, async () => {
        assert.ok((await problemAfterRetry('kubeconfig-unreadable-setting')).message.startsWith(`Cannot read the kubeconfig ${broken} (set in the kubeSaTokens.kubeconfigPath setting): `));
      });
      const home = mkdtempSync(join(folder, 'home-'));
      process.env.HOME = home;
      delete process.env.KUBECONFIG;
      assert.match((await problemAfterRetry('kubeconfig-missing-default')).message, /^No kubeconfig found: KUBECONFIG is not set and .*\.kube\/config does not exist\./);
      process.env.HOME = previousHome;
      const noCurrent = join(folder, 'no-current-context');
      writeFileSync(noCurrent, cluster.kubeconfigYaml('admin', 'only').replace(/^current-context: .*$/m, ''));
      process.env.KUBECONFIG = noCurrent;
      assert.match((await problemAfterRetry('no-current-context')).message, /no current-context/);
      const stale = join(folder, 'stale-current-context');
      writeFileSync(stale, cluster.kubeconfigYaml('admin', 'only').replace(/^current-context: .*$/m, 'current-context: gone'));
      process.env.KUBECONFIG = stale;
      assert.match((await problemAfterRetry('stale-context-current')).message, /^The kubeconfig's current-context gone is not one of its contexts/);
    } finally {
      process.env.HOME = previousHome;
      await cluster.close();
    }
  });

  test('Switch Context asks no question when its scope is set; a context picked for the window that leaves the kubeconfig is stale', async () => {
    const cluster = await startLocalCluster();
    try {
      const first = join(folder, 'scope-alpha');
      const second = join(folder, 'scope-beta');
      // current-context names the second file's context, so the pick's first item (alpha) is a change.
      writeFileSync(first, cluster.kubeconfigYaml('admin', 'alpha').replace(/^current-context: alpha$/m, 'current-context: beta'));
      writeFileSync(second, cluster.kubeconfigYaml('admin', 'beta'));
      process.env.KUBECONFIG = [first, second].join(delimiter);
      await showsContext('beta');
      await withUserSetting('switchContext.scope', 'window', () => answering(vscode.commands.executeCommand('kubeSaTokens.switchContext'), 'workbench.action.acceptSelectedQuickOpenItem'));
      await eventually(async () => contextName(await root()) === 'alpha' || undefined, 'the tree to show alpha');
      assert.match(readFileSync(first, 'utf8'), /^current-context: beta$/m, 'for this window only');
      process.env.KUBECONFIG = second;
      assert.match((await problemAfterRetry('stale-context-chosen')).message, /^Context alpha, picked in this window, is no longer in the kubeconfig/);
      process.env.KUBECONFIG = [first, second].join(delimiter);
      // Asked, accepting the first answer would mean "This window only", leaving the file as it is.
      await withUserSetting('switchContext.scope', 'kubectl', () => answering(vscode.commands.executeCommand('kubeSaTokens.switchContext'), 'workbench.action.acceptSelectedQuickOpenItem'));
      assert.match(readFileSync(first, 'utf8'), /^current-context: alpha$/m, "kubectl's current context too");
      await eventually(async () => contextName(await root()) === 'alpha' || undefined, 'the tree to show alpha');
    } finally {
      await cluster.close();
    }
  });

  test('server problems: unreachable, credentials rejected, nothing listable, and any other error', async () => {
    const cluster = await startLocalCluster();
    try {
      const write = (name: string, yaml: string) => {
        const path = join(folder, name);
        writeFileSync(path, yaml);
        process.env.KUBECONFIG = path;
      };
      write('unreachable', cluster.kubeconfigYaml('admin').replace(cluster.url, 'https://127.0.0.1:1'));
      assert.match((await problemAfterRetry('unreachable')).message, /^Connection refused by https:\/\/127\.0\.0\.1:1/);
      write('unauthorized', cluster.kubeconfigYaml('admin').replace(/^(\s*token: ).*$/m, '$1not-a-valid-token'));
      assert.match((await problemAfterRetry('unauthorized')).message, /^Unauthorized: the cluster rejected the credentials of user admin/);
      write('forbidden', cluster.kubeconfigYaml('restricted').replace(/namespace: demo/, 'namespace: kube-system'));
      assert.match((await problemAfterRetry('forbidden')).message, /^Forbidden: you cannot list serviceaccounts in namespace kube-system/);
      write('failing', cluster.kubeconfigYaml('admin'));
      // Every time: the watcher may still report the file just written, and load the tree once more.
      cluster.injectFailures({ status: 500, pathPrefix: '/api/v1/namespaces', times: 100 });
      const failed = await problemAfterRetry('error');
      assert.match(failed.message, /^The API server failed \(HTTP 500/);
      assert.deepEqual(await api.serviceAccounts.getChildren(), [], 'no error row: the welcome view and the message say it');
    } finally {
      await cluster.close();
    }
  });

  test('Retry recovers once the server is back', async () => {
    const cluster = await startLocalCluster();
    const relay = new Relay(new URL(cluster.url));
    try {
      await relay.start();
      const kubeconfig = join(folder, 'relayed');
      writeFileSync(kubeconfig, cluster.kubeconfigYaml('admin', 'relayed').replace(cluster.url, `https://127.0.0.1:${relay.port}`));
      process.env.KUBECONFIG = kubeconfig;
      await showsContext('relayed');
      await relay.stop();
      await problemAfterRetry('unreachable');
      await relay.start();
      await showsContext('relayed');
      assert.equal(api.serviceAccounts.problem, undefined);
    } finally {
      await relay.stop();
      await cluster.close();
    }
  });

  test('Show Log shows the log, Open Settings opens this extension\'s settings', async () => {
    await vscode.commands.executeCommand('kubeSaTokens.showLog');
    await eventually(
      () => vscode.workspace.textDocuments.find((document) => document.uri.scheme === 'output' && document.uri.path.includes('Kubernetes SA Tokens')),
      `the log's output (documents: ${vscode.workspace.textDocuments.map((document) => document.uri.toString()).join(', ')})`,
    );
    await vscode.commands.executeCommand('kubeSaTokens.openSettings');
    await eventually(() => vscode.window.tabGroups.activeTabGroup.activeTab?.label === 'Settings' || undefined, 'the Settings editor');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });
});

suite('ServiceAccount details', () => {
  let local: Awaited<ReturnType<typeof useLocalCluster>>;
  suiteSetup(async () => {
    api = await activateExtension();
    local = await useLocalCluster();
  });
  suiteTeardown(async () => {
    await local.dispose();
  });

  async function serviceAccountNode(namespace: string, name: string): Promise<Node> {
    const context = await eventually(root, 'the tree');
    const namespaceNode = (await api.serviceAccounts.getChildren(context)).find((node) => node.kind === 'namespace' && node.namespace.name === namespace);
    const account = namespaceNode && (await api.serviceAccounts.getChildren(namespaceNode)).find((node) => node.kind === 'serviceAccount' && node.account.name === name);
    assert.ok(account, `${namespace}/${name} in the tree`);
    return account;
  }

  test('Enter on demo/vault-auth opens it as read-only YAML: the object, the Pods that run as it, its token Secrets by name, no Secret data', async () => {
    await vscode.commands.executeCommand('kubeSaTokens.showServiceAccount', await serviceAccountNode('demo', 'vault-auth'));
    const editor = await eventually(() => vscode.window.visibleTextEditors.find((shown) => shown.document.uri.path === '/serviceaccount demo-vault-auth.yaml'), 'the details document');
    const text = editor.document.getText();
    assert.equal(editor.document.uri.scheme, 'kube-sa-tokens');
    assert.equal(editor.document.languageId, 'yaml');
    assert.match(text, /^kind: ServiceAccount$/m);
    assert.match(text, /^ {2}name: vault-auth$/m);
    assert.match(text, /^pods:\n {2}- name: web-0\n {4}phase: Running\n {4}node: node-1\n/m);
    assert.doesNotMatch(text, /web-1/, 'a Pod of another ServiceAccount');
    assert.match(text, /^legacyTokenSecrets:\n {2}- name: vault-auth-token-legacy\n {4}created: /m);
    const secret = local.cluster.store.get('secrets', 'demo', 'vault-auth-token-legacy') as unknown as { data: { token: string } };
    assert.ok(!text.includes(secret.data.token), 'no Secret data in the document');
    assert.ok(!text.includes(Buffer.from(secret.data.token, 'base64').toString()), 'nor its token decoded');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  test('a made-up node is refused with one clear message', async () => {
    const errors: string[] = [];
    const listener = api.onDidReportError((message) => errors.push(message));
    try {
      await vscode.commands.executeCommand('kubeSaTokens.showServiceAccount', { kind: 'serviceAccount', account: { namespace: 'kube-system', name: 'coredns', uid: 'x', legacyTokenSecrets: [] } });
      assert.deepEqual(errors, ['That ServiceAccount is not in the ServiceAccounts view any more (it was refreshed, or the context changed). Pick it in the view again.']);
    } finally {
      listener.dispose();
    }
  });
});
