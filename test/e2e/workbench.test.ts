// End to end, as a person: code-server in headless Chromium, the packaged .vsix installed, the local
// cluster's kubeconfig active. Screenshots go to test-results/screenshots/.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { parse, stringify } from 'yaml';
import type { LocalCluster } from '../cluster/server';
import { openWorkbench, workbenchUi, type OpenWorkbench } from './workbenchUi';

let workbench: OpenWorkbench;
let cluster: LocalCluster;
let server: OpenWorkbench['server'];
let page: Page;
let workspace: string;

const { shows, screenshot, treeItem, contextMenuEntry, chooseRow } = workbenchUi(() => page, () => server.log);

async function runFromPalette(title: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = await shows(page.locator('.quick-input-widget input'), 'the command palette');
  await input.fill(`>${title}`);
  await shows(page.locator('.quick-input-list .monaco-list-row', { hasText: title }), `the palette entry "${title}"`);
  await page.keyboard.press('Enter');
}

/**
 * Opens a workspace file as a person does, with Ctrl+P. A file written a moment ago may not be in
 * the file search yet: the person would type again, and so does this, for up to 20 s.
 */
async function openWithQuickOpen(name: string): Promise<void> {
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: name });
  for (let attempt = 0; attempt < 10; attempt++) {
    await page.keyboard.press('Control+P');
    await (await shows(page.locator('.quick-input-widget input'), 'quick open')).fill(name);
    try {
      await row.first().waitFor({ state: 'visible', timeout: 2000 });
      await page.keyboard.press('Enter');
      return;
    } catch {
      await page.keyboard.press('Escape');
    }
  }
  await shows(row, `${name} in quick open`);
}

before(async () => {
  workbench = await openWorkbench('e2e');
  ({ cluster, server, page, workspace } = workbench);
});

after(() => workbench?.close());

test('the walkthrough opens for a new user with no step done yet', async () => {
  // As VS Code shows it after an install: before anything is done, so the last test sees each step
  // checked off by what the suite did, not by what was true when the walkthrough was first read.
  await shows(page.locator('.part.activitybar').getByRole('tab', { name: 'Kubernetes SA Tokens' }), 'the workbench, ready');
  await page.waitForTimeout(1000);
  await runFromPalette('Welcome: Open Walkthrough');
  await chooseRow(await shows(page.locator('.quick-input-list .monaco-list-row', { hasText: 'Get Started with Kubernetes SA Tokens' }), 'our walkthrough in the list'));
  await shows(page.locator('button.getting-started-step[data-step-id$="#connect"][aria-checked="false"]'), "the walkthrough step 'connect' not yet done");
});

test('the activity bar icon opens the ServiceAccounts view with the context and its namespaces', async () => {
  const tab = await shows(page.locator('.part.activitybar').getByRole('tab', { name: 'Kubernetes SA Tokens' }), "the activity-bar tab 'Kubernetes SA Tokens'");
  await tab.click();
  await shows(page.locator('.part.sidebar .composite.title', { hasText: /Kubernetes SA Tokens/i }), "the 'Kubernetes SA Tokens' side bar");
  await shows(treeItem('local-cluster'), "the context 'local-cluster' in the tree");
  await shows(treeItem('demo'), "the namespace 'demo' in the tree");
  await screenshot('01-serviceaccounts-view');
  await treeItem('demo').click();
  await shows(treeItem('vault-auth'), "the ServiceAccount 'vault-auth' under 'demo'");
  await screenshot('02-namespace-expanded');
});

test('a command run from the palette reaches the cluster', async () => {
  cluster.clearRequests();
  await runFromPalette('Kubernetes SA Tokens: Refresh ServiceAccounts');
  const deadline = Date.now() + 20_000;
  while (!cluster.requests.some((request) => request.path === '/api/v1/serviceaccounts') && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.ok(
    cluster.requests.some((request) => request.path === '/api/v1/serviceaccounts'),
    `the refresh listed ServiceAccounts; the server saw ${cluster.requests.map((request) => request.path).join(', ') || 'nothing'}`,
  );
  await shows(treeItem('local-cluster'), "the context 'local-cluster' after refreshing");
  await screenshot('03-after-refresh');
});

test('requesting a token through the UI gives a token that the cluster authenticates', async () => {
  await openWithQuickOpen('notes.md');
  await shows(page.locator('.tab', { hasText: 'notes.md' }), 'the notes.md editor');
  const row = await shows(treeItem('vault-auth'), "the ServiceAccount 'vault-auth'");
  await (await contextMenuEntry(row, 'Request Token…')).click();
  const input = await shows(page.locator('.quick-input-widget input'), 'the audience step');
  await input.fill('vault');
  await shows(page.locator('.quick-input-list .monaco-list-row', { hasText: 'typed' }), 'the typed audience item');
  await screenshot('04-request-audiences');
  await page.keyboard.press('Enter');
  await shows(page.locator('.quick-input-list .monaco-list-row', { hasText: '10 minutes' }), 'the duration step with its presets');
  await screenshot('04b-duration-presets');
  await page.locator('.quick-input-widget input').fill('15m');
  await shows(page.locator('.quick-input-list .monaco-list-row', { hasText: 'typed: 15m' }), 'the typed duration');
  await page.keyboard.press('Enter');
  await shows(page.locator('.quick-input-list .monaco-list-row', { hasText: 'Not bound' }), 'the binding step');
  await page.keyboard.press('Enter');
  // vault-auth reads Secrets: before anything is sent, its dangerous rights and the choice to go on.
  await shows(page.locator('.quick-input-list .monaco-list-row', { hasText: 'reading Secrets in demo' }), 'the dangerous rights of vault-auth, before the request');
  await screenshot('05a-request-dangerous-rights');
  await chooseRow(page.locator('.quick-input-list .monaco-list-row', { hasText: 'Request anyway' }));
  await shows(page.locator('.quick-input-list .monaco-list-row', { hasText: 'Insert at cursor' }), 'the hand-off choices');
  await shows(page.locator('.quick-input-list .monaco-list-row', { hasText: 'Copy as export KUBE_SA_TOKEN=' }), 'the export hand-off choice');
  await screenshot('05-request-handoff');
  await chooseRow(page.locator('.quick-input-list .monaco-list-row', { hasText: 'Insert at cursor' }));
  await shows(page.locator('.view-line', { hasText: /eyJ/ }), 'the token inserted in notes.md');
  // The editor renders long lines in pieces, so the saved file is the reliable place to read the token.
  await page.keyboard.press('Control+S');
  let token: string | undefined;
  for (const deadline = Date.now() + 10_000; !token && Date.now() < deadline; await new Promise((resolve) => setTimeout(resolve, 100))) {
    token = readFileSync(join(workspace, 'notes.md'), 'utf8').match(/eyJ[\w-]+\.[\w-]+\.[\w-]+/)?.[0];
  }
  assert.ok(token, 'a JWT was inserted into notes.md and saved');
  await screenshot('06-token-inserted');
  const review = await cluster.tokens.review(token, ['vault']);
  assert.ok('user' in review, `the cluster authenticates the token: ${'error' in review ? review.error : ''}`);
  assert.equal(review.user.username, 'system:serviceaccount:demo:vault-auth');
  // A click (or Enter) on a ServiceAccount opens its details; its twistie expands it.
  await treeItem('vault-auth').click();
  await shows(page.locator('.tab', { hasText: 'serviceaccount demo-vault-auth.yaml' }), 'the ServiceAccount details tab');
  await shows(page.locator('.view-line', { hasText: 'web-0' }), 'the Pod that runs as vault-auth, in its details');
  await screenshot('15-serviceaccount-details');
  await treeItem('vault-auth').locator('.monaco-tl-twistie').click();
  await shows(treeItem(/^for vault, expires in/), 'the issued token under vault-auth');
  await screenshot('07-issued-token-in-tree');
  const permissions = treeItem('Permissions').first();
  await permissions.locator('.monaco-tl-twistie').click();
  await shows(treeItem('get, list secrets in demo'), "vault-auth's rule that reads Secrets, under its Permissions");
  await screenshot('24-permissions-node');
  await permissions.locator('.monaco-tl-twistie').click();
  await treeItem(/^for vault, expires in/).click();
  await chooseRow(await shows(page.locator('.quick-input-list .monaco-list-row', { hasText: 'Open decoded' }), "the hand-off choice 'Open decoded'"));
  await shows(page.locator('.view-line', { hasText: /"exp":\s\d+,\s\/\/\s.*UTC,\sin\s1[45]\smin/ }), 'the decoded token view with its expiry beside exp');
  await shows(page.locator('.view-line', { hasText: 'characters, masked' }), 'the masked raw token');
  const signature = token.split('.')[2].slice(0, 20);
  assert.equal(await page.locator('.view-line', { hasText: signature }).count(), 0, 'the signature is not shown');
  await screenshot('08-decoded-token');
  await (await shows(page.locator('.editor-actions .action-label[aria-label^="Reveal Raw Token"]'), 'the Reveal button in the title bar')).click();
  await shows(page.locator('.view-line', { hasText: signature }), 'the revealed token');
  await screenshot('08b-decoded-token-revealed');
  await (await shows(page.locator('.editor-actions .action-label[aria-label^="Mask Raw Token"]'), 'the Mask button in the title bar')).click();
  await shows(page.locator('.editor-actions .action-label[aria-label^="Reveal Raw Token"]'), 'the Reveal button again');
  // The document is rendered again a moment after the button changes.
  await page.locator('.view-line', { hasText: signature }).first().waitFor({ state: 'detached', timeout: 10_000 });
});

test('hovering the token in the file shows it decoded, with links, and never the signature', async () => {
  await page.locator('.tab', { hasText: 'notes.md' }).first().click();
  const token = readFileSync(join(workspace, 'notes.md'), 'utf8').match(/eyJ[\w-]+\.[\w-]+\.[\w-]+/)?.[0];
  assert.ok(token, 'notes.md holds the token inserted earlier');
  const header = await shows(page.locator('.view-line span', { hasText: /^eyJ/ }), 'the token in notes.md');
  await header.hover({ position: { x: 10, y: 5 } });
  const hover = await shows(page.locator('.monaco-hover', { hasText: 'Kubernetes ServiceAccount token' }), 'the decoded-token hover');
  const text = await hover.innerText();
  assert.match(text, /ServiceAccount demo\/vault-auth, audiences vault, expires in 1[45] min/);
  assert.match(text, /Verify signature · Review with cluster · Revoke… · Show permissions · Open decoded · Copy claims as JSON/);
  assert.ok(!text.includes(token.split('.')[2].slice(0, 20)), 'the signature is not shown');
  await screenshot('09-token-hover');
  await page.keyboard.press('Escape');
  // The context key follows the cursor through the extension host, so each menu opens after a short wait.
  await header.click();
  await page.waitForTimeout(500);
  await page.keyboard.press('Shift+F10');
  await shows(page.locator('.context-view .action-label', { hasText: 'Decode JWT' }), 'Decode JWT in the context menu on a token');
  await screenshot('13-context-menu-on-token');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+End');
  await page.waitForTimeout(500);
  await page.keyboard.press('Shift+F10');
  await shows(page.locator('.context-view .action-label', { hasText: /^(Cut|Copy|Paste)$/ }), 'the context menu away from any token');
  await screenshot('14-context-menu-without-token');
  assert.equal(await page.locator('.context-view .action-label', { hasText: 'Decode JWT' }).filter({ visible: true }).count(), 0, 'no token commands where there is no token');
  await page.keyboard.press('Escape');
});

test('a TokenRequest manifest: a squiggle with the server\'s words, a quick fix, and a snippet', async () => {
  const manifest = join(workspace, 'request.yaml');
  writeFileSync(manifest, 'apiVersion: authentication.k8s.io/v1\nkind: TokenRequest\nmetadata:\n  name: vault-auth\n  namespace: demo\nspec:\n  audiences: [vault]\n  expirationSeconds: 100 # ten minutes at least\n');
  await openWithQuickOpen('request.yaml');
  await shows(page.locator('.tab', { hasText: 'request.yaml' }), 'the request.yaml editor');
  await shows(page.locator('.squiggly-error'), 'the error squiggle under expirationSeconds');
  const blocked = await shows(page.locator('.codelens-decoration span[title]', { hasText: 'Request token: fix 1 problem first' }), 'the blocked Request token lens');
  assert.match((await blocked.getAttribute('title')) ?? '', /may not specify a duration less than 10 minutes/, 'the reason is in the lens tooltip');
  await page.locator('.view-line span', { hasText: /^100$/ }).first().click();
  await page.keyboard.press('Control+.');
  const fix = await shows(page.locator('.action-widget .monaco-list-row', { hasText: 'Change to 600 (10 minutes)' }), 'the quick fix');
  await screenshot('10-manifest-squiggle-and-fix');
  await fix.click();
  await shows(page.locator('.view-line', { hasText: 'expirationSeconds: 600 # ten minutes at least' }), 'the fixed line, comment kept');
  await shows(page.locator('.codelens-decoration', { hasText: 'Request token for demo/vault-auth' }), 'the Request token lens, no longer blocked');
  assert.equal(await page.locator('.squiggly-error').count(), 0, 'no error squiggle left');
  await screenshot('11-manifest-fixed');
  await page.keyboard.press('Control+End');
  await page.keyboard.type('---\ntokenreview');
  await page.keyboard.press('Control+Space');
  await (await shows(page.locator('.suggest-widget .monaco-list-row', { hasText: 'tokenreview' }), 'the tokenreview snippet in the suggestions')).waitFor();
  await page.keyboard.press('Enter');
  await shows(page.locator('.view-line', { hasText: 'kind: TokenReview' }), 'the expanded TokenReview snippet');
  await screenshot('12-tokenreview-snippet');
});

test('Review and Verify open their results beside the token, as documents to keep', async () => {
  await page.locator('.tab', { hasText: 'notes.md' }).first().click();
  await (await shows(page.locator('.view-line span', { hasText: /^eyJ/ }), 'the token in notes.md')).click();
  await page.waitForTimeout(300);
  await runFromPalette('Kubernetes SA Tokens: Review Token…');
  await shows(page.locator('.quick-input-widget', { hasText: 'Review Token: the token in notes.md' }), 'the audiences prompt, naming where the token came from');
  const audiences = page.locator('.quick-input-widget input');
  assert.equal(await audiences.inputValue(), 'vault', "the prompt starts from the token's own audience");
  await screenshot('16-review-prompt');
  await page.keyboard.press('Enter');
  await shows(page.locator('.tab', { hasText: /Token review \d+\.txt/ }), 'the review result tab');
  await shows(page.locator('.view-line', { hasText: 'Authenticated as system:serviceaccount:demo:vault-auth' }), 'the review outcome');
  assert.equal(await page.locator('.monaco-dialog-box').filter({ visible: true }).count(), 0, 'no modal dialog');
  await screenshot('17-review-result');

  await page.locator('.tab', { hasText: 'notes.md' }).first().click();
  await (await shows(page.locator('.view-line span', { hasText: /^eyJ/ }), 'the token in notes.md')).click();
  await page.waitForTimeout(300);
  await runFromPalette('Kubernetes SA Tokens: Verify JWT Signature…');
  await chooseRow(await shows(page.locator('.quick-input-list .monaco-list-row', { hasText: 'The active cluster' }), 'the key choices'));
  await shows(page.locator('.quick-input-widget', { hasText: 'Audience the token must carry' }), 'the audience prompt');
  await page.keyboard.press('Enter');
  await shows(page.locator('.tab', { hasText: /Signature check \d+\.txt/ }), 'the signature check tab');
  await shows(page.locator('.view-line', { hasText: 'The token is valid.' }), 'the verification outcome');
  assert.equal(await page.locator('.monaco-dialog-box').filter({ visible: true }).count(), 0, 'no modal dialog');
  await screenshot('18-verify-result');
});

test('a manifest talks to the cluster: fixes for a bound kind, a refusal on its field, names to complete', async () => {
  writeFileSync(
    join(workspace, 'names.yaml'),
    'apiVersion: authentication.k8s.io/v1\nkind: TokenRequest\nmetadata:\n  namespace: demo\n  name: nobody\nspec:\n  audiences: [vault]\n  boundObjectRef:\n    kind: Deployment\n    name: web-0\n',
  );
  await openWithQuickOpen('names.yaml');
  await shows(page.locator('.tab', { hasText: 'names.yaml' }), 'the names.yaml editor');
  await shows(page.locator('.squiggly-error'), 'the error squiggle under Deployment');
  await page.locator('.view-line span', { hasText: /^Deployment$/ }).first().click();
  await page.keyboard.press('Control+.');
  const bindToPod = await shows(page.locator('.action-widget .monaco-list-row', { hasText: 'Bind to Pod instead' }), 'the Bind to Pod fix');
  await shows(page.locator('.action-widget .monaco-list-row', { hasText: 'Bind to Secret instead' }), 'the Bind to Secret fix');
  await screenshot('19-bound-kind-fixes');
  await bindToPod.click();
  await shows(page.locator('.view-line', { hasText: 'kind: Pod' }), 'the fixed kind');
  await (await shows(page.locator('.codelens-decoration a', { hasText: 'Request token for demo/nobody' }), 'the Request token lens')).click();
  await shows(page.locator('.squiggly-error'), "the server's refusal under the ServiceAccount's name");
  await shows(page.locator('.notifications-toasts', { hasText: 'nobody' }), 'the error message naming the ServiceAccount');
  await screenshot('20-server-refusal-on-field');
  await page.locator('.view-line span', { hasText: /^nobody$/ }).first().dblclick();
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Control+Space');
  const suggestion = await shows(page.locator('.suggest-widget .monaco-list-row', { hasText: 'vault-auth' }), 'vault-auth suggested from the cluster');
  await screenshot('21-name-completion-from-cluster');
  await suggestion.click();
  await shows(page.locator('.view-line', { hasText: 'name: vault-auth' }), 'the completed name');
  await shows(page.locator('.codelens-decoration a', { hasText: 'Request token for demo/vault-auth' }), 'the lens for the completed name');
  assert.equal(await page.locator('.squiggly-error').filter({ visible: true }).count(), 0, 'the refusal went with the edit');
});

test('an unreachable context gets a welcome view whose buttons act; Switch Context offers to remember its scope', async () => {
  const kubeconfig = join(workspace, '.kubeconfig');
  const config = parse(readFileSync(kubeconfig, 'utf8')) as { clusters: object[]; contexts: object[]; users: { name: string }[] };
  // Port 9 (discard) on loopback: nothing listens, so the connection is refused at once.
  config.clusters.push({ name: 'offline', cluster: { server: 'https://127.0.0.1:9' } });
  config.contexts.push({ name: 'offline', context: { cluster: 'offline', user: config.users[0].name } });
  writeFileSync(kubeconfig, stringify(config));
  await runFromPalette('Kubernetes SA Tokens: Switch Context…');
  await chooseRow(await shows(page.locator('.quick-input-list .monaco-list-row', { hasText: 'offline' }), "the context 'offline'"));
  await shows(page.locator('.quick-input-list .monaco-list-row', { hasText: "and don't ask again" }), 'the scope choices with a way to remember');
  await screenshot('22-switch-context-scope');
  await chooseRow(page.locator('.quick-input-list .monaco-list-row', { hasText: /^This window only/ }).filter({ hasNotText: "don't ask again" }).first());
  const welcome = page.locator('.part.sidebar .welcome-view-content');
  await shows(welcome.filter({ hasText: 'The cluster cannot be reached' }), 'the unreachable welcome view');
  for (const button of ['Retry', 'Switch Context', 'Show Log']) {
    await shows(welcome.locator('.monaco-button', { hasText: button }), `the ${button} button`);
  }
  await screenshot('23-welcome-view-unreachable');
  await welcome.locator('.monaco-button', { hasText: 'Switch Context' }).first().click();
  await chooseRow(await shows(page.locator('.quick-input-list .monaco-list-row', { hasText: 'local-cluster' }), "the context 'local-cluster'"));
  await chooseRow(page.locator('.quick-input-list .monaco-list-row', { hasText: /^This window only/ }).filter({ hasNotText: "don't ask again" }).first());
  await shows(treeItem('local-cluster'), "the context 'local-cluster' back in the tree");
});

test('revoking a Pod-bound token: the routes that apply, a confirmation naming the object, and the outcome checked with TokenReview', async () => {
  // The tree was loaded again after the context switch: open demo if it is closed.
  await shows(treeItem('demo'), "the namespace 'demo'");
  if (!(await treeItem('vault-auth').first().isVisible())) {
    await treeItem('demo').click();
  }
  const row = await shows(treeItem('vault-auth'), "the ServiceAccount 'vault-auth'");
  await (await contextMenuEntry(row, 'Request Token…')).click();
  await (await shows(page.locator('.quick-input-widget input'), 'the audience step')).fill('vault');
  await shows(page.locator('.quick-input-list .monaco-list-row', { hasText: 'typed' }), 'the typed audience item');
  await page.keyboard.press('Enter');
  await chooseRow(await shows(page.locator('.quick-input-list .monaco-list-row', { hasText: '1 hour' }), 'the duration presets'));
  await chooseRow(await shows(page.locator('.quick-input-list .monaco-list-row', { hasText: /^Pod/ }), 'the Pod binding'));
  await chooseRow(await shows(page.locator('.quick-input-list .monaco-list-row', { hasText: 'web-0' }), "the Pod 'web-0'"));
  await chooseRow(await shows(page.locator('.quick-input-list .monaco-list-row', { hasText: 'Request anyway' }), 'the dangerous-rights step'));
  await shows(page.locator('.quick-input-list .monaco-list-row', { hasText: 'Insert at cursor' }), 'the hand-off choices');
  await page.keyboard.press('Escape');
  if (!(await treeItem(/^for vault, bound to Pod web-0/).first().isVisible())) {
    await treeItem('vault-auth').locator('.monaco-tl-twistie').click();
  }
  const issued = await shows(treeItem(/^for vault, bound to Pod web-0/), 'the Pod-bound token in the tree');
  await (await contextMenuEntry(issued, 'Revoke Token…')).click();
  const deletePod = await shows(page.locator('.quick-input-list .monaco-list-row', { hasText: 'Delete Pod demo/web-0' }), 'the route that deletes the bound Pod');
  await shows(page.locator('.quick-input-list .monaco-list-row', { hasText: 'Wait: it expires' }), 'the route that waits for expiry');
  await screenshot('25-revoke-routes');
  await deletePod.click();
  const dialog = await shows(page.locator('.monaco-dialog-box', { hasText: 'web-0' }), 'the confirmation naming the Pod');
  assert.match(await dialog.innerText(), /local-cluster/, 'the confirmation names the context');
  await screenshot('26-revoke-confirmation');
  await dialog.locator('.monaco-button', { hasText: 'Delete Pod' }).click();
  // The server trusts a token it reviewed for 10 s, as kube-apiserver's token cache does: move its clock past that.
  const deadline = Date.now() + 20_000;
  while (!cluster.requests.some((request) => request.method === 'DELETE' && request.path === '/api/v1/namespaces/demo/pods/web-0') && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  cluster.advanceClock(11);
  await shows(page.locator('.tab', { hasText: /Token revocation \d+\.txt/ }), 'the revocation result', 40_000);
  await shows(page.locator('.view-line', { hasText: 'Revoked: the token stopped authenticating' }), 'the outcome checked with TokenReview', 40_000);
  await screenshot('27-revoked');
});

test('Decode JWT has a keybinding: a selected token opens decoded with Ctrl+Alt+J', async () => {
  await page.locator('.tab', { hasText: 'notes.md' }).first().click();
  await (await shows(page.locator('.view-line span', { hasText: /^eyJ/ }), 'the token in notes.md')).click();
  await page.keyboard.press('Home');
  await page.keyboard.press('Shift+End');
  const decodedTabs = page.locator('.tab', { hasText: /Decoded token \d+\.jsonc/ });
  const before = await decodedTabs.count();
  await page.keyboard.press('Control+Alt+J');
  for (const deadline = Date.now() + 20_000; (await decodedTabs.count()) === before && Date.now() < deadline; ) {
    await page.waitForTimeout(100);
  }
  assert.equal(await decodedTabs.count(), before + 1, 'the selection opened in a new decoded view');
  await shows(page.locator('.view-line', { hasText: 'system:serviceaccount:demo:vault-auth' }), 'the decoded claims');
});

test('the walkthrough: every step the suite did is checked off', async () => {
  await runFromPalette('Welcome: Open Walkthrough');
  await chooseRow(await shows(page.locator('.quick-input-list .monaco-list-row', { hasText: 'Get Started with Kubernetes SA Tokens' }), 'our walkthrough in the list'));
  for (const step of ['connect', 'requestToken', 'hoverToken', 'writeTokenRequest', 'permissions']) {
    await shows(page.locator(`button.getting-started-step[data-step-id$="#${step}"][aria-checked="true"]`), `the walkthrough step '${step}' checked off`);
  }
  await screenshot('28-walkthrough');
});

test('a projected token volume in a Deployment: a squiggle on the near miss, and its fix', async () => {
  await runFromPalette('View: Close All Editor Groups');
  writeFileSync(
    join(workspace, 'deployment.yaml'),
    [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      '  name: web',
      '  namespace: demo',
      'spec:',
      '  selector:',
      '    matchLabels: {app: web}',
      '  template:',
      '    metadata:',
      '      labels: {app: web}',
      '    spec:',
      '      serviceAccountName: vault-auth',
      '      containers:',
      '        - name: web',
      '          image: nginx',
      '          volumeMounts:',
      '            - {name: vault-token, mountPath: /var/run/secrets/vault}',
      '      volumes:',
      '        - name: vault-token',
      '          projected:',
      '            sources:',
      '              - serviceAccountToken:',
      '                  audiences: vault',
      '                  expirationSeconds: 3600',
      '                  path: token',
      '',
    ].join('\n'),
  );
  await openWithQuickOpen('deployment.yaml');
  await shows(page.locator('.tab', { hasText: 'deployment.yaml' }), 'the deployment.yaml editor');
  await shows(page.locator('.squiggly-error, .squiggly-warning'), 'the squiggle under audiences');
  // Line 24, column 19: on the key (the editor may be narrow, with sticky lines over a click target).
  await page.keyboard.press('Control+G');
  await (await shows(page.locator('.quick-input-widget input'), 'Go to Line')).fill(':24:19');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Control+.');
  const fix = await shows(page.locator('.action-widget .monaco-list-row', { hasText: 'Rename "audiences" to "audience"' }), 'the Rename "audiences" to "audience" fix');
  await screenshot('29-projected-volume-squiggle-and-fix');
  await fix.click();
  await shows(page.locator('.view-line', { hasText: /audience:\s+vault/ }), 'the renamed field');
  // The diagnostics follow the edit a moment later.
  for (const deadline = Date.now() + 10_000; (await page.locator('.squiggly-error').filter({ visible: true }).count()) > 0 && Date.now() < deadline; ) {
    await page.waitForTimeout(200);
  }
  assert.equal(await page.locator('.squiggly-error').filter({ visible: true }).count(), 0, 'no error squiggle left');
});

test('Find ServiceAccount Tokens in Workspace lists the token in notes.md, classified by its claims', async () => {
  writeFileSync(join(workspace, 'sample-id-token.txt'), 'not a ServiceAccount token: eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c\n');
  await runFromPalette('Kubernetes SA Tokens: Find ServiceAccount Tokens in Workspace');
  await shows(treeItem('notes.md'), 'notes.md in the Tokens in Workspace view', 60_000);
  const finding = await shows(treeItem('demo/vault-auth'), 'the vault-auth token found in notes.md');
  await shows(page.locator('.part.sidebar .monaco-list-row', { hasText: /[1-9]\d* other JWTs? not flagged/ }), 'the summary counting the other JWT');
  await screenshot('32-workspace-scan-results');
  await finding.click();
  await shows(page.locator('.tab.active', { hasText: 'notes.md' }), 'notes.md opened at the token');
});
