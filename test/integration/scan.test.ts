// Find ServiceAccount Tokens in Workspace: planted tokens in the test workspace come out as exactly
// the expected rows; a row opens its token; Cancel stops the scan; Check with Cluster asks the local
// server once per token it made and says what it answered; hostile names and claims render inert.
import * as assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import type { ScanNode } from '../../src/features/scan/tokensInWorkspaceTree';
import { activateExtension, eventually, useLocalCluster } from './helpers';

type Local = Awaited<ReturnType<typeof useLocalCluster>>;

const workspaceRoot = () => vscode.workspace.workspaceFolders![0].uri.fsPath;

/** A JWT with a made-up signature: the scan classifies by claims, it does not verify. */
function unsignedToken(header: object, claims: object): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part(header)}.${part(claims)}.${Buffer.from('not a real signature, long enough to look like one').toString('base64url')}`;
}

/** A bound token of another cluster: its issuer is not the local server's. */
function foreignToken(issuer: string, audiences: string[] = ['vault']): string {
  const now = Math.floor(Date.now() / 1000);
  return unsignedToken(
    { alg: 'RS256', kid: 'other' },
    { aud: audiences, exp: now + 3600, iat: now, nbf: now, iss: issuer, sub: 'system:serviceaccount:demo:vault-auth', 'kubernetes.io': { namespace: 'demo', serviceaccount: { name: 'vault-auth', uid: 'f00' } } },
  );
}

/** Writes `files` under `folder` of the workspace; returns the folder's path. */
function plant(folder: string, files: Record<string, string>): string {
  const root = join(workspaceRoot(), folder);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(root, name, '..'), { recursive: true });
    writeFileSync(join(root, name), text);
  }
  return root;
}

/** A row's words with the time left written as the test cannot know it to the minute. */
function shape(description: string): string {
  return description.replace(/expires in [^·]+?(?= ·|$)/, (words) => (/ h/.test(words) ? 'expires in hours' : 'expires in minutes'));
}

interface Row {
  readonly file: string;
  readonly label: string;
  readonly description: string;
  readonly node: ScanNode;
  readonly item: vscode.TreeItem;
}

function labelOf(item: vscode.TreeItem): string {
  return typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
}

/** The finding rows of the files under `folder`, with their file's label. */
async function rowsUnder(api: ExtensionApi, folder: string): Promise<Row[]> {
  const rows: Row[] = [];
  for (const fileNode of (await api.tokensInWorkspace.getChildren())!) {
    if (fileNode.kind !== 'file' || !fileNode.group.file.startsWith(folder)) {
      continue;
    }
    const fileItem = await api.tokensInWorkspace.getTreeItem(fileNode);
    for (const node of (await api.tokensInWorkspace.getChildren(fileNode))!) {
      const item = await api.tokensInWorkspace.getTreeItem(node);
      rows.push({ file: labelOf(fileItem), label: labelOf(item), description: String(item.description), node, item });
    }
  }
  return rows;
}

async function summaryRow(api: ExtensionApi): Promise<string> {
  const [first] = (await api.tokensInWorkspace.getChildren())!;
  assert.equal(first?.kind, 'summary');
  return labelOf(await api.tokensInWorkspace.getTreeItem(first));
}

function tooltipOf(item: vscode.TreeItem): string {
  return item.tooltip instanceof vscode.MarkdownString ? item.tooltip.value : String(item.tooltip ?? '');
}

/** Sets a workspace setting for the suite; returns how to put the old value back. */
async function withWorkspaceSetting(section: string, key: string, value: unknown): Promise<() => Promise<void>> {
  const configuration = vscode.workspace.getConfiguration(section);
  const before = configuration.inspect(key)?.workspaceValue;
  await configuration.update(key, value, vscode.ConfigurationTarget.Workspace);
  return () => vscode.workspace.getConfiguration(section).update(key, before, vscode.ConfigurationTarget.Workspace) as Promise<void>;
}

suite('Find ServiceAccount Tokens in Workspace', () => {
  let api: ExtensionApi;
  let local: Local;
  let folder: string;
  const tokens: Record<string, string> = {};
  const restore: (() => Promise<void>)[] = [];
  const reviews = () => local.cluster.requests.filter((request) => request.method === 'POST' && request.path.endsWith('/tokenreviews'));

  suiteSetup(async () => {
    api = await activateExtension();
    local = await useLocalCluster();
    const store = local.cluster.store;
    const account = store.get('serviceaccounts', 'demo', 'vault-auth')!;
    tokens.bound = (await local.cluster.tokens.issue(account, ['vault'], 3 * 3600 + 120, { kind: 'Pod', object: store.get('pods', 'demo', 'web-0')! }, store.get('nodes', undefined, 'node-1'))).token;
    tokens.expired = (await local.cluster.tokens.issue(account, ['vault'], -2 * 86400, undefined, undefined)).token;
    tokens.legacy = Buffer.from(String((store.get('secrets', 'demo', 'vault-auth-token-legacy') as { data?: Record<string, string> }).data?.token), 'base64').toString('utf8');
    store.create('serviceaccounts', { name: 'scan-doomed', namespace: 'demo' });
    tokens.doomed = (await local.cluster.tokens.issue(store.get('serviceaccounts', 'demo', 'scan-doomed')!, ['vault'], 3600, undefined, undefined)).token;
    store.delete('serviceaccounts', 'demo', 'scan-doomed');
    tokens.foreign = foreignToken('https://oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLE');
    const idToken = unsignedToken({ alg: 'RS256' }, { iss: 'https://accounts.google.com', sub: '1234', aud: 'client', exp: 2_000_000_000 });
    const hmacSample = unsignedToken({ alg: 'HS256' }, { sub: 'system:serviceaccount:demo:vault-auth', 'kubernetes.io': { namespace: 'demo', serviceaccount: { name: 'vault-auth', uid: 'x' } } });
    folder = plant(`scan-fixture-${Date.now()}`, {
      'deploy/bound.yaml': `apiVersion: v1\nkind: Secret\nstringData:\n  token: ${tokens.bound}\n`,
      'legacy.env': `# old\r\nVAULT_TOKEN=${tokens.legacy}\r\n`,
      'notes/expired.txt': `expired ${tokens.expired}\nthe doomed one: ${tokens.doomed}\n`,
      'foreign.json': JSON.stringify({ token: tokens.foreign }),
      'other-jwts.md': `An id token ${idToken} and a sample ${hmacSample}.\n`,
      '.gitignore': 'ignored.env\n',
      'ignored.env': `TOKEN=${tokens.bound}\n`,
      'excluded-by-settings/in.yaml': `token: ${tokens.bound}\n`,
      'big.log': `${'x'.repeat(70 * 1024)}\n${tokens.bound}\n`,
    });
    restore.push(await withWorkspaceSetting('files', 'exclude', { ...vscode.workspace.getConfiguration('files').inspect('exclude')?.workspaceValue as object, '**/excluded-by-settings': true }));
    restore.push(await withWorkspaceSetting('kubeSaTokens', 'scan.maxFileSizeKB', 64));
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const undo of restore.reverse()) {
      await undo();
    }
    rmSync(folder, { recursive: true, force: true });
    await local.dispose();
  });

  test('the scan shows exactly the planted ServiceAccount tokens, by file; other JWTs, ignored, excluded and oversized files are not rows', async () => {
    const summary = await vscode.commands.executeCommand<Awaited<ReturnType<ExtensionApi['scanWorkspace']>>>('kubeSaTokens.scanWorkspace');
    assert.ok(summary && !summary.cancelled);
    assert.ok(summary.filesSkipped >= 1, 'the oversized file is counted as skipped');
    assert.ok(summary.otherJwts >= 2, 'the id token and the HMAC sample are counted');
    const relative = vscode.workspace.asRelativePath(folder);
    const rows = await rowsUnder(api, folder);
    assert.deepEqual(
      rows.map((row) => [row.file, row.label, shape(row.description)]),
      [
        [`${relative}/deploy/bound.yaml`, 'demo/vault-auth', 'bound to Pod web-0 · expires in hours'],
        [`${relative}/foreign.json`, 'demo/vault-auth', 'bound · expires in minutes'],
        [`${relative}/legacy.env`, 'demo/vault-auth', 'legacy · never expires'],
        [`${relative}/notes/expired.txt`, 'demo/vault-auth', 'bound · expired 2 days ago'],
        [`${relative}/notes/expired.txt`, 'demo/scan-doomed', 'bound · expires in minutes'],
      ],
    );
    assert.match(rows[0].description, /^bound to Pod web-0 · expires in 3 h( \d+ min)?$/);
    const tooltip = tooltipOf(rows[0].item);
    assert.match(tooltip, new RegExp(`Issuer: \`${local.cluster.url.replace(/[.]/g, '\\.')}\``));
    assert.match(tooltip, /Audiences: `vault`/);
    assert.match(tooltip, /Line 4, column 10/);
    assert.match(await summaryRow(api), /^\d+ ServiceAccount tokens? in \d+ files? · \d+ other JWTs? not flagged · \d+ files? skipped$/);
    for (const token of Object.values(tokens)) {
      for (const row of rows) {
        assert.ok(!row.label.includes(token) && !row.description.includes(token) && !tooltipOf(row.item).includes(token.slice(-20)), 'no token in a row');
      }
    }
  });

  test('a row opens its file with the token selected', async () => {
    await api.scanWorkspace();
    const row = (await rowsUnder(api, folder)).find((candidate) => candidate.file.endsWith('legacy.env'))!;
    await vscode.commands.executeCommand(row.item.command!.command, ...(row.item.command!.arguments ?? []));
    const editor = await eventually(() => (vscode.window.activeTextEditor?.document.uri.fsPath === join(folder, 'legacy.env') ? vscode.window.activeTextEditor : undefined), 'the file open');
    assert.equal(editor.selection.start.line, 1);
    assert.equal(editor.document.getText(editor.selection), tokens.legacy);
  });

  test('Check with Cluster sends one TokenReview per token the local server made, and each row says what it answered', async () => {
    await api.scanWorkspace();
    local.cluster.clearRequests();
    const outcome = await api.checkTokensWithCluster();
    const rows = await rowsUnder(api, folder);
    const byFile = (file: string) => rows.filter((row) => row.file.endsWith(file)).map((row) => shape(row.description));
    const context = local.cluster.kubeconfigYaml().match(/current-context: (\S+)/)![1];
    assert.deepEqual(byFile('bound.yaml'), [`bound to Pod web-0 · expires in hours · accepted by cluster ${context}`]);
    assert.deepEqual(byFile('legacy.env'), [`legacy · never expires · accepted by cluster ${context}`]);
    assert.deepEqual(byFile('foreign.json'), ['bound · expires in minutes'], 'a token of another issuer is not sent');
    const [expired, doomed] = byFile('expired.txt');
    assert.match(expired, /rejected: \[invalid bearer token, service account token has expired\]$/);
    assert.match(doomed, /rejected: \[invalid bearer token, serviceaccounts "scan-doomed" not found\]$/);
    assert.equal(outcome?.kind, 'checked');
    // The workspace may hold tokens other suites wrote; the planted ones are four distinct tokens of this server.
    assert.ok(reviews().length >= 4);
    assert.equal(reviews().length, outcome.kind === 'checked' ? outcome.sent : -1);
  });

  test('a token whose file changed since the scan is not sent (the open editor counts, unsaved)', async () => {
    await api.scanWorkspace();
    const row = (await rowsUnder(api, folder)).find((candidate) => candidate.file.endsWith('bound.yaml'))!;
    const document = await vscode.workspace.openTextDocument(join(folder, 'deploy', 'bound.yaml'));
    const editor = await vscode.window.showTextDocument(document);
    await editor.edit((edit) => edit.insert(new vscode.Position(3, 9), 'x'));
    local.cluster.clearRequests();
    const outcome = await api.checkTokensWithCluster(row.node);
    assert.deepEqual(outcome, { kind: 'checked', sent: 0, accepted: 0, rejected: 0, fileChanged: 1, failed: 0, cancelled: false });
    assert.equal(reviews().length, 0);
    const [after] = (await rowsUnder(api, folder)).filter((candidate) => candidate.file.endsWith('bound.yaml'));
    assert.match(after.description, /not checked: the file changed since the scan \(scan again\)$/);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test('the command asks in a modal naming the cluster and the count; unanswered, nothing is sent', async () => {
    await api.scanWorkspace();
    local.cluster.clearRequests();
    const errors: string[] = [];
    const listener = api.onDidReportError((message) => errors.push(message));
    try {
      assert.equal(await vscode.commands.executeCommand('kubeSaTokens.checkTokensWithCluster'), undefined);
    } finally {
      listener.dispose();
    }
    assert.match(errors.join('\n'), /^Not sent: \d+ tokens to \S+, and the confirmation could not be shown/m);
    assert.deepEqual(reviews(), []);
  });

  test('Cancel stops the scan: it ends at once, says so, and shows what it found until then', async () => {
    const many = plant(`scan-many-${Date.now()}`, Object.fromEntries(Array.from({ length: 3000 }, (_, i) => [`f${i}.txt`, `line ${i}\n`.repeat(200)])));
    try {
      const abort = new AbortController();
      const scanning = api.scanWorkspace(abort.signal);
      await new Promise((resolve) => setTimeout(resolve, 150));
      const abortedAt = Date.now();
      abort.abort();
      const summary = await scanning;
      assert.ok(Date.now() - abortedAt < 1000, `ended ${Date.now() - abortedAt} ms after Cancel`);
      assert.equal(summary?.cancelled, true);
      assert.ok(summary.filesScanned < 3000, `${summary.filesScanned} files scanned`);
      assert.match(await summaryRow(api), / · cancelled$/);
    } finally {
      rmSync(many, { recursive: true, force: true });
    }
  });

  test("attacker's test: a file name and claims with links, icons, bidi and newlines render inert in rows and tooltips", async () => {
    const hostileName = 'a[x](command:workbench.action.terminal.new)$(alert)\u202Egnp.\n.env';
    const hostileIssuer = 'https://evil.example/[run](command:kubeSaTokens.revokeToken)\u202E\n<img src=x onerror=alert(1)>';
    const hostile = plant(`scan-hostile-${Date.now()}`, { [hostileName]: `T=${foreignToken(hostileIssuer, ['[a](https://evil.example)', '`` `'])}\n` });
    try {
      await api.scanWorkspace();
      const [row] = await rowsUnder(api, hostile);
      assert.ok(row, 'the hostile file is scanned');
      for (const text of [row.file, row.label, row.description]) {
        assert.ok(!/[\n\r\u202E]/.test(text), JSON.stringify(text));
        assert.ok(!text.includes('](') && !text.includes('$('), text);
      }
      const tooltip = row.item.tooltip as vscode.MarkdownString;
      assert.ok(!tooltip.isTrusted && !tooltip.supportHtml, 'the tooltip runs no command and renders no HTML');
      const outsideCodeSpans = tooltip.value.replace(/(`+)[\s\S]*?\1/g, '');
      assert.ok(!/\]\(|<img|\u202E/.test(outsideCodeSpans), outsideCodeSpans);
    } finally {
      rmSync(hostile, { recursive: true, force: true });
    }
  });
});
