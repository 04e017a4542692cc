// End to end beside Microsoft's Kubernetes extension, as a person: code-server in headless Chromium
// with the packaged .vsix and a stand-in for that extension (test/standins/vscode-kubernetes-tools,
// which implements the published API contract from the npm package vscode-kubernetes-tools-api's type
// definitions; the real one cannot be downloaded here). Screenshots go to test-results/screenshots/.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import type { LocalCluster } from '../cluster/server';
import { openWorkbench, workbenchUi, type OpenWorkbench } from './workbenchUi';

const root = resolve(__dirname, '..', '..');

let workbench: OpenWorkbench;
let cluster: LocalCluster;
let server: OpenWorkbench['server'];
let page: Page;

const { shows, screenshot, treeItem, contextMenuEntry, chooseRow } = workbenchUi(() => page, () => server.log);

before(async () => {
  execFileSync('node', ['scripts/vscode/build-standins.mjs'], { cwd: root, stdio: 'inherit' });
  workbench = await openWorkbench('e2e-k8s', [join(root, 'test', 'standins', 'vscode-kubernetes-tools')]);
  ({ cluster, server, page } = workbench);
});

after(() => workbench?.close());

test("the Kubernetes extension's Clusters view has our Service Accounts folder, and a token is requested from its context menu", async () => {
  const tab = await shows(page.locator('.part.activitybar').getByRole('tab', { name: 'Kubernetes', exact: true }), "the activity-bar tab 'Kubernetes'");
  await tab.click();
  await shows(page.locator('.part.sidebar .composite.title', { hasText: /Kubernetes: Clusters/i }), "the 'Clusters' view");
  await (await shows(treeItem('local-cluster'), "the context 'local-cluster' in the Clusters view", 30_000)).click();
  await shows(treeItem('Namespaces'), "its 'Namespaces' folder");
  await (await shows(treeItem('Service Accounts'), "our 'Service Accounts' folder")).click();
  for (const name of ['vault-auth', 'web', 'ci-deployer', 'default']) {
    await shows(treeItem(name), `the ServiceAccount '${name}' in the folder (namespace demo, the context's)`);
  }
  await screenshot('30-kubernetes-extension-folder');

  cluster.clearRequests();
  const request = await contextMenuEntry(treeItem('vault-auth'), 'Request Token…');
  await shows(page.locator('.context-view .action-label', { hasText: 'Show Permissions' }).filter({ visible: true }), "the context menu entry 'Show Permissions'");
  await request.click();
  await (await shows(page.locator('.quick-input-widget input'), 'the audience step')).fill('vault');
  await shows(page.locator('.quick-input-list .monaco-list-row', { hasText: 'typed' }), 'the typed audience item');
  await page.keyboard.press('Enter');
  await shows(page.locator('.quick-input-list .monaco-list-row', { hasText: '10 minutes' }), 'the duration step');
  await page.keyboard.press('Enter');
  await shows(page.locator('.quick-input-list .monaco-list-row', { hasText: 'Not bound' }), 'the binding step');
  await page.keyboard.press('Enter');
  await chooseRow(await shows(page.locator('.quick-input-list .monaco-list-row', { hasText: 'Request anyway' }), 'the dangerous rights of vault-auth, before the request'));
  await shows(page.locator('.quick-input-list .monaco-list-row', { hasText: 'Open decoded' }), 'the hand-off choices');
  const posted = cluster.requests.filter((request) => request.path.endsWith('/token')).map((request) => `${request.method} ${request.path}`);
  assert.deepEqual(posted, ['POST /api/v1/namespaces/demo/serviceaccounts/vault-auth/token']);
  await chooseRow(page.locator('.quick-input-list .monaco-list-row', { hasText: 'Open decoded' }));
  await shows(page.locator('.view-line', { hasText: 'system:serviceaccount:demo:vault-auth' }), 'the decoded token of vault-auth');
  await screenshot('31-kubernetes-extension-token');
});
