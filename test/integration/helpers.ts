import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import { startLocalCluster, type LocalCluster, type LocalClusterOptions, type LocalUser } from '../cluster/server';
import type { IssuedToken } from '../../src/cluster';

export const extensionId = 'kube-sa-tokens.kube-sa-tokens';

export async function activateExtension(): Promise<ExtensionApi> {
  const extension = vscode.extensions.getExtension<ExtensionApi>(extensionId);
  if (!extension) {
    throw new Error(`${extensionId} is not installed in this VS Code`);
  }
  return extension.activate();
}

/**
 * A local API server in this extension host, with the extension pointed at it through KUBECONFIG
 * (the extension reads it like kubectl, on every session it opens).
 */
export async function useLocalCluster(user: LocalUser = 'admin', options: LocalClusterOptions = {}): Promise<{ cluster: LocalCluster; dispose(): Promise<void> }> {
  const cluster = await startLocalCluster(options);
  rememberSecrets(cluster);
  const folder = mkdtempSync(join(tmpdir(), 'kube-sa-tokens-it-'));
  const kubeconfig = join(folder, 'kubeconfig');
  await cluster.writeKubeconfig(kubeconfig, user);
  const previous = process.env.KUBECONFIG;
  process.env.KUBECONFIG = kubeconfig;
  await vscode.commands.executeCommand('kubeSaTokens.refresh');
  return {
    cluster,
    async dispose() {
      process.env.KUBECONFIG = previous;
      await cluster.close();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

/**
 * Every credential the run's clusters handed out that is not a JWT (JWTs are found by their
 * shape): the log test looks for each. Kept on globalThis because each test file is its own bundle.
 */
export function runSecrets(): Set<string> {
  const global = globalThis as { kubeSaTokensTestSecrets?: Set<string> };
  global.kubeSaTokensTestSecrets ??= new Set();
  return global.kubeSaTokensTestSecrets;
}

function rememberSecrets(cluster: LocalCluster): void {
  for (const user of ['admin', 'restricted', 'cert-admin'] as const) {
    for (const match of cluster.kubeconfigYaml(user).matchAll(/^\s*(?:token|client-key-data|client-certificate-data): (\S+)$/gm)) {
      runSecrets().add(match[1]);
    }
  }
}

/** A token for ServiceAccount demo/`name` with audience vault, signed by the cluster as a TokenRequest would be. */
export async function issuedToken(cluster: LocalCluster, name: string, expirationSeconds = 3600): Promise<string> {
  const account = cluster.store.get('serviceaccounts', 'demo', name)!;
  return (await cluster.tokens.issue(account, ['vault'], expirationSeconds, undefined, undefined)).token;
}

/** Polls until the check passes: UI state settles asynchronously, so tests wait for it instead of sleeping. */
export async function eventually<T>(check: () => Promise<T | undefined> | T | undefined, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) {
        return value;
      }
    } catch (error) {
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${String(last)}` : ''}`);
}

/**
 * Answers whatever a running command asks, with a workbench command, until it settles:
 * `workbench.action.closeQuickOpen` dismisses (a hand-off choice), `acceptSelectedQuickOpenItem`
 * accepts each prompt as it is (an input box's value, a quick pick's first item).
 */
export async function answering<T>(running: Thenable<T>, answer: 'workbench.action.closeQuickOpen' | 'workbench.action.acceptSelectedQuickOpenItem'): Promise<T> {
  let settled = false;
  const result = Promise.resolve(running).finally(() => (settled = true));
  while (!settled) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    await vscode.commands.executeCommand(answer);
  }
  return result;
}

/**
 * Runs a command that requests a token and answers its prompts as a person who goes ahead: the
 * dangerous-rights step (before the TokenRequest reaches `cluster`) with "Request anyway", its second
 * item, and the hand-off choice after it dismissed. The keys go in one batch so they reach the
 * workbench together: all before the step opens (doing nothing) or all after it.
 */
export async function requestingAnyway<T extends IssuedToken | undefined>(running: Thenable<T>, cluster: LocalCluster): Promise<T> {
  const earlier = new Set(cluster.requests);
  const posted = () => cluster.requests.some((request) => !earlier.has(request) && request.method === 'POST' && request.path.endsWith('/token'));
  let settled = false;
  const result = Promise.resolve(running).finally(() => (settled = true));
  while (!settled) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    if (settled) {
      break;
    }
    if (posted()) {
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    } else {
      await Promise.all([vscode.commands.executeCommand('quickInput.first'), vscode.commands.executeCommand('quickInput.next'), vscode.commands.executeCommand('quickInput.accept')]);
    }
  }
  return result;
}

/** The error messages the extension showed while `run` ran a command, which must have returned nothing (it failed). */
export async function reportedErrors(api: ExtensionApi, run: () => Thenable<unknown>): Promise<string[]> {
  const errors: string[] = [];
  const listener = api.onDidReportError((message) => errors.push(message));
  try {
    assert.equal(await run(), undefined);
  } finally {
    listener.dispose();
  }
  return errors;
}
