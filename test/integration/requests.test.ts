// TokenRequest and TokenReview through the extension's commands in the extension host, against the
// local API server: every option, each bound kind, the server's rule violations and every error class.
import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { IssuedToken, TokenReviewOutcome } from '../../src/cluster';
import type { ExtensionApi } from '../../src/extension';
import { startLocalCluster } from '../cluster/server';
import { activateExtension, eventually, issuedToken, requestingAnyway, useLocalCluster } from './helpers';

type Local = Awaited<ReturnType<typeof useLocalCluster>>;

let api: ExtensionApi;
/** The suite's cluster: the tests that start their own still watch this one for the TokenRequest, which they never send there. */
let local: Local;
let fileCount = 0;

function manifest(spec: string, name = 'vault-auth', namespace = 'demo'): string {
  return `apiVersion: authentication.k8s.io/v1\nkind: TokenRequest\nmetadata:\n  name: ${name}\n  namespace: ${namespace}\nspec:\n${spec}`;
}

/**
 * Sends a TokenRequest manifest through its CodeLens command, going ahead past a dangerous-rights
 * step; the hand-off choice that follows is the person's and is dismissed here. Resolves with the
 * issued token or the error message shown.
 */
async function send(text: string): Promise<{ issued?: IssuedToken; error?: string }> {
  const path = join(vscode.workspace.workspaceFolders![0].uri.fsPath, `request-${fileCount++}.yaml`);
  writeFileSync(path, text);
  const document = await vscode.workspace.openTextDocument(vscode.Uri.file(path));
  const [lens] = await eventually(async () => {
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri);
    return lenses.length > 0 ? lenses : undefined;
  }, 'the Request token lens');
  assert.ok(lens.command?.command, `the lens is not blocked: ${lens.command?.title}`);
  let error: string | undefined;
  const listener = api.onDidReportError((message) => (error = message));
  try {
    return { issued: await requestingAnyway(vscode.commands.executeCommand<IssuedToken | undefined>(lens.command.command, ...(lens.command.arguments ?? [])), local.cluster), error };
  } finally {
    listener.dispose();
  }
}

function claims(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as Record<string, unknown>;
}

async function review(token: string, audiences: string[]): Promise<TokenReviewOutcome> {
  return (await api.reviewToken(token, audiences))!;
}

/** The open result documents whose tab is named like `name`. */
function resultDocuments(name: RegExp): vscode.TextDocument[] {
  return vscode.workspace.textDocuments.filter((document) => document.uri.scheme === 'kube-sa-tokens' && name.test(document.uri.path));
}

/** The hand-off choices, in the order the quick pick lists them. */
const handOffChoices = { terminal: 4, export: 5 } as const;

/** Hands an issued token off and picks one choice, as a person would with the arrow keys. */
async function handOff(issued: IssuedToken, choice: keyof typeof handOffChoices): Promise<void> {
  let settled = false;
  const running = Promise.resolve(vscode.commands.executeCommand('kubeSaTokens.handOffIssuedToken', { kind: 'issuedToken', issued })).finally(() => (settled = true));
  while (!settled) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    // Sent in one go, so they reach the workbench together: all before the choice opens (doing nothing), or all after it.
    await Promise.all([
      vscode.commands.executeCommand('quickInput.first'),
      ...Array.from({ length: handOffChoices[choice] }, () => vscode.commands.executeCommand('quickInput.next')),
      vscode.commands.executeCommand('quickInput.accept'),
    ]);
  }
  await running;
}

/** What the active terminal shows, copied as a person would (select all, copy). */
async function terminalText(): Promise<string> {
  await vscode.commands.executeCommand('workbench.action.terminal.selectAll');
  await vscode.commands.executeCommand('workbench.action.terminal.copySelection');
  return vscode.env.clipboard.readText();
}

suite('TokenRequest and TokenReview from the extension', () => {
  suiteSetup(async () => {
    api = await activateExtension();
    local = await useLocalCluster();
  });
  suiteTeardown(async () => {
    await local.dispose();
  });

  test('every option: several audiences, a duration, and a binding to each kind, with the UID', async () => {
    const pod = local.cluster.store.get('pods', 'demo', 'web-0')!;
    const secret = local.cluster.store.get('secrets', 'demo', 'vault-auth-token-legacy')!;
    const cases = [
      { spec: '  audiences: [vault, https://kubernetes.default.svc]\n  expirationSeconds: 1800\n', bound: undefined },
      { spec: `  audiences: [vault]\n  boundObjectRef:\n    apiVersion: v1\n    kind: Pod\n    name: web-0\n    uid: ${pod.metadata.uid}\n`, bound: ['pod', 'web-0'] },
      { spec: '  audiences: [vault]\n  boundObjectRef:\n    apiVersion: v1\n    kind: Secret\n    name: vault-auth-token-legacy\n', bound: ['secret', 'vault-auth-token-legacy'] },
      { spec: '  audiences: [vault]\n  boundObjectRef:\n    apiVersion: v1\n    kind: Node\n    name: node-2\n', bound: ['node', 'node-2'] },
    ];
    for (const { spec, bound } of cases) {
      const { issued, error } = await send(manifest(spec));
      assert.ok(issued, `${spec}: ${error}`);
      const k8s = claims(issued.token)['kubernetes.io'] as Record<string, { name: string; uid: string }>;
      if (bound) {
        assert.equal(k8s[bound[0]].name, bound[1]);
      } else {
        assert.deepEqual(issued.audiences, ['vault', 'https://kubernetes.default.svc']);
        assert.equal(Math.round((issued.expiresAt.getTime() - issued.issuedAt.getTime()) / 1000), 1800);
      }
      assert.equal((await review(issued.token, ['vault'])).authenticated, true);
    }
    assert.equal(secret.metadata.name, 'vault-auth-token-legacy');
  });

  test("the server's rule violations come back as one message each", async () => {
    const cases: [string, RegExp][] = [
      [manifest('  audiences: [vault]\n  boundObjectRef:\n    apiVersion: v1\n    kind: Pod\n    name: web-0\n    uid: 00000000-0000-0000-0000-000000000000\n'), /^Conflict: Operation cannot be fulfilled on Pod "web-0": the UID in the bound object reference/],
      [manifest('  audiences: [vault]\n  boundObjectRef:\n    apiVersion: v1\n    kind: Pod\n    name: web-1\n'), /cannot bind token for serviceaccount "vault-auth" to pod running with different serviceaccount name/],
      [manifest('  audiences: [vault]\n  boundObjectRef:\n    apiVersion: v1\n    kind: Pod\n    name: nope\n'), /^Not found: pods "nope" not found\. Refresh the view/],
      [manifest('  audiences: [vault]\n', 'nope'), /^Not found: serviceaccounts "nope" not found/],
    ];
    for (const [text, expected] of cases) {
      const { issued, error } = await send(text);
      assert.equal(issued, undefined);
      assert.match(error ?? '', expected);
    }
  });

  test('TokenReview of an issued, an expired and a deleted-ServiceAccount token', async () => {
    const account = local.cluster.store.get('serviceaccounts', 'demo', 'vault-auth')!;
    const expired = await local.cluster.tokens.issue(account, ['vault'], -3600, undefined, undefined);
    assert.equal((await review(expired.token, ['vault'])).error, '[invalid bearer token, service account token has expired]');
    local.cluster.store.create('serviceaccounts', { name: 'short-lived', namespace: 'demo' });
    const { issued } = await send(manifest('  audiences: [vault]\n', 'short-lived'));
    assert.ok(issued);
    assert.equal((await review(issued.token, ['vault'])).authenticated, true);
    local.cluster.store.delete('serviceaccounts', 'demo', 'short-lived');
    // A real API server keeps a successful review for about 10 s: the deletion shows after that.
    assert.equal((await review(issued.token, ['vault'])).authenticated, true, 'still cached, as on a real server');
    local.cluster.advanceClock(11);
    const outcome = await review(issued.token, ['vault']);
    assert.equal(outcome.authenticated, false);
    assert.equal(outcome.error, '[invalid bearer token, serviceaccounts "short-lived" not found]');
    const other = await review(issued.token, ['other']);
    assert.equal(other.authenticated, false);
  });

  test('Review opens each outcome in a document of its own, beside the editor, with the headline and without the token; no modal', async () => {
    const token = await issuedToken(local.cluster, 'vault-auth');
    const reviewName = /\/Token review \d+\.txt$/;
    const earlier = new Set(resultDocuments(reviewName).map((document) => document.uri.toString()));
    // A modal would throw in this workbench: the outcome is returned and shown only if none was asked for.
    assert.equal((await review(token, ['vault'])).authenticated, true);
    const path = join(vscode.workspace.workspaceFolders![0].uri.fsPath, 'review-me.env');
    writeFileSync(path, `TOKEN=${token}\n`);
    await vscode.window.showTextDocument(vscode.Uri.file(path));
    const location = { uri: vscode.Uri.file(path).toString(), line: 0, character: 8 };
    let settled = false;
    const running = Promise.resolve(vscode.commands.executeCommand<TokenReviewOutcome>('kubeSaTokens.reviewToken', location)).finally(() => (settled = true));
    while (!settled) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      // The audiences prompt starts from the token's own.
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    }
    assert.equal((await running)?.authenticated, true);
    const documents = resultDocuments(reviewName).filter((document) => !earlier.has(document.uri.toString()));
    assert.equal(documents.length, 2, 'two reviews, two documents');
    const byCommand = documents.find((document) => document.getText().includes('review-me.env'));
    const byApi = documents.find((document) => document !== byCommand);
    assert.ok(byCommand && byApi);
    for (const document of documents) {
      const text = document.getText();
      assert.match(text, /^Authenticated as system:serviceaccount:demo:vault-auth\.$/m);
      assert.ok(text.includes(`, server ${local.cluster.url}\n`), text);
      assert.ok(!text.includes(token) && !text.includes(token.split('.')[2]), 'the token is masked');
      assert.ok(!document.uri.toString().includes(token.slice(0, 20)), 'no token in a name');
    }
    assert.match(byApi.getText(), /^Token: a token handed to the command, /m);
    assert.match(byCommand.getText(), /^Token: the token in review-me\.env, /m);
    const source = vscode.window.visibleTextEditors.find((editor) => editor.document.uri.fsPath === path);
    const outcome = vscode.window.visibleTextEditors.find((editor) => editor.document === byCommand);
    assert.ok(source && outcome && outcome.viewColumn !== source.viewColumn, 'the outcome opens beside the token');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('hand-off: Copy as export puts a line starting with a space on the clipboard', async () => {
    const { issued } = await send(manifest('  audiences: [vault]\n'));
    assert.ok(issued);
    await vscode.env.clipboard.writeText('');
    await handOff(issued, 'export');
    assert.equal(await vscode.env.clipboard.readText(), ` export KUBE_SA_TOKEN='${issued.token}'`);
  });

  test('hand-off: the terminal holds the token in its environment only, never in its name or its text, and its curl command works', async () => {
    const { issued, error } = await send(manifest('  audiences: []\n'));
    assert.ok(issued, error);
    const opened = new Promise<vscode.Terminal>((resolve) => {
      const listener = vscode.window.onDidOpenTerminal((terminal) => {
        listener.dispose();
        resolve(terminal);
      });
    });
    await handOff(issued, 'terminal');
    const terminal = await opened;
    try {
      const options = terminal.creationOptions as vscode.TerminalOptions;
      assert.equal(options.env?.KUBE_SA_TOKEN, issued.token);
      assert.ok(!terminal.name.includes(issued.token) && !String(options.message).includes(issued.token));
      // The curl command waits at the prompt: Enter runs it, and it reads the token from the environment.
      terminal.sendText('', true);
      const text = await eventually(async () => {
        const shown = await terminalText();
        return shown.includes('system:serviceaccount:demo:vault-auth') ? shown : undefined;
      }, 'the curl command answering who the token is', 30_000);
      assert.ok(text.includes('$KUBE_SA_TOKEN'), 'the command names the variable');
      assert.ok(!text.includes(issued.token) && !text.includes(issued.token.split('.')[2]), 'the terminal never shows the token');
    } finally {
      terminal.dispose();
    }
  });

  test('throttling and server failures: 429 with Retry-After, 500, 503', async () => {
    const text = manifest('  audiences: [vault]\n');
    local.cluster.injectFailures({ status: 429, retryAfterSeconds: 7, method: 'POST' });
    assert.match((await send(text)).error ?? '', /^Too many requests: the API server is throttling you\. Retry after 7 s\./);
    for (const status of [500, 503] as const) {
      local.cluster.injectFailures({ status, method: 'POST' });
      assert.match((await send(text)).error ?? '', new RegExp(`^The API server failed \\(HTTP ${status}`));
    }
  });
});

suite('Error classes through the extension', () => {
  suiteSetup(async () => {
    api = await activateExtension();
  });

  async function withKubeconfig(yaml: string, run: () => Promise<void>): Promise<void> {
    const path = join(vscode.workspace.workspaceFolders![0].uri.fsPath, `.kubeconfig-${fileCount++}`);
    writeFileSync(path, yaml);
    const previous = process.env.KUBECONFIG;
    process.env.KUBECONFIG = path;
    await vscode.commands.executeCommand('kubeSaTokens.refresh');
    try {
      await run();
    } finally {
      process.env.KUBECONFIG = previous;
      await vscode.commands.executeCommand('kubeSaTokens.refresh');
    }
  }

  test('401 names the user, 403 the verb and resource; refused connections, DNS, TLS, credential plugins and timeouts say so', async () => {
    const local = await useLocalCluster('restricted');
    try {
      assert.match((await send(manifest('  audiences: [vault]\n', 'ci-deployer', 'payments'))).error ?? '', /^Forbidden: you cannot create serviceaccounts\/token in namespace payments; ask for RBAC verb create on serviceaccounts\/token\./);
      const admin = local.cluster.kubeconfigYaml('admin');
      await withKubeconfig(admin.replace(/token: .*/, 'token: not-a-valid-token'), async () => {
        assert.match((await send(manifest('  audiences: [vault]\n'))).error ?? '', /^Unauthorized: the cluster rejected the credentials of user admin/);
      });
      await withKubeconfig(admin.replace(local.cluster.url, 'https://127.0.0.1:1'), async () => {
        assert.match((await send(manifest('  audiences: [vault]\n'))).error ?? '', /^Connection refused by https:\/\/127\.0\.0\.1:1/);
      });
      await withKubeconfig(admin.replace(local.cluster.url, 'https://no-such-host.invalid:6443'), async () => {
        assert.match((await send(manifest('  audiences: [vault]\n'))).error ?? '', /no-such-host\.invalid/);
      });
      const other = await startLocalCluster();
      await other.close();
      await withKubeconfig(admin.replace(/certificate-authority-data: .*/, `certificate-authority-data: ${Buffer.from(other.caPem).toString('base64')}`), async () => {
        assert.match((await send(manifest('  audiences: [vault]\n'))).error ?? '', /^TLS error talking to https:\/\/127\.0\.0\.1:\d+: the server certificate is not signed by a CA in the kubeconfig/);
      });
      await withKubeconfig(admin.replace(/token: .*/, "exec: { apiVersion: client.authentication.k8s.io/v1, command: sh, args: ['-c', 'echo login expired >&2; exit 1'], interactiveMode: Never }"), async () => {
        assert.match((await send(manifest('  audiences: [vault]\n'))).error ?? '', /credential plugin sh of user admin failed: login expired\. Log in again/);
      });
      await withKubeconfig(admin.replace(/token: .*/, 'exec: { apiVersion: client.authentication.k8s.io/v1, command: no-such-credential-plugin, interactiveMode: Never }'), async () => {
        assert.match((await send(manifest('  audiences: [vault]\n'))).error ?? '', /credential plugin no-such-credential-plugin of user admin is not installed/);
      });
      const settings = vscode.workspace.getConfiguration('kubeSaTokens');
      await settings.update('requestTimeoutSeconds', 1, vscode.ConfigurationTarget.Global);
      local.cluster.setLatency(2500);
      try {
        await withKubeconfig(admin, async () => {
          assert.match((await send(manifest('  audiences: [vault]\n'))).error ?? '', /timed out|did not answer within/i);
        });
      } finally {
        local.cluster.setLatency(0);
        await settings.update('requestTimeoutSeconds', undefined, vscode.ConfigurationTarget.Global);
      }
    } finally {
      await local.dispose();
    }
  });
});
