// TokenRequest and TokenReview through the extension's commands in the extension host, against the
// local API server: every option, each bound kind, the server's rule violations and every error class.
import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { IssuedToken, TokenReviewOutcome } from '../../src/cluster';
import type { ExtensionApi } from '../../src/extension';
import { startLocalCluster } from '../cluster/server';
import { activateExtension, eventually, useLocalCluster } from './helpers';

type Local = Awaited<ReturnType<typeof useLocalCluster>>;

let api: ExtensionApi;
let fileCount = 0;

function manifest(spec: string, name = 'vault-auth', namespace = 'demo'): string {
  return `apiVersion: authentication.k8s.io/v1\nkind: TokenRequest\nmetadata:\n  name: ${name}\n  namespace: ${namespace}\nspec:\n${spec}`;
}

/**
 * Sends a TokenRequest manifest through its CodeLens command. The hand-off choice that follows is
 * the person's; it is dismissed here. Resolves with the issued token or the error message shown.
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
    let settled = false;
    const running = Promise.resolve(vscode.commands.executeCommand<IssuedToken | undefined>(lens.command.command, ...(lens.command.arguments ?? []))).finally(() => (settled = true));
    while (!settled) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    }
    return { issued: await running, error };
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

suite('TokenRequest and TokenReview from the extension', () => {
  let local: Local;
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
