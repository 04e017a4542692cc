// Runs inside code-server's extension host (loaded like an integration suite through the page's
// `payload`, see bench/extensionHost.ts): times the extension's activation, checks what it loaded,
// loads the ServiceAccounts tree from the local server the harness runs, issues tokens through the
// extension's own cluster bundle, and weighs the heap after GC between the steps. Writes one JSON
// file (path in KUBE_SA_TOKENS_BENCH_RESULTS) and returns, which ends the host.
import { readFileSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import * as vscode from 'vscode';
import type * as clusterModule from '../../src/cluster';
import type { ExtensionApi } from '../../src/extension';
import type { Node } from '../../src/explorer/treeNodes';
import type { HostReport } from '../hostReport';

const extensionId = 'kube-sa-tokens.kube-sa-tokens';
const treeRuns = 3;
const tokens = 100;
const inFlight = 10;

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

/** MB of V8 heap in use after full collections (several: finalizers free more on the next pass). */
async function heapMb(): Promise<number> {
  for (let pass = 0; pass < 4; pass += 1) {
    collectGarbage();
    await new Promise((resolve) => setImmediate(resolve));
  }
  return process.memoryUsage().heapUsed / 2 ** 20;
}

interface PerformanceMark {
  readonly name: string;
  readonly startTime: number;
}

/**
 * VS Code's own activation timing: the extension host marks (vs/base/common/performance, kept on
 * globalThis.MonacoPerformanceMarks) around requiring an extension's main module and around its
 * activate() call until the promise it returns settles: the spans of activationTimes' codeLoadingTime
 * and activateCallTime + activateResolvedTime, which no API hands to an extension.
 */
function activationMarks(): { codeLoadingMs: number; activateMs: number } | undefined {
  const marks = (globalThis as { MonacoPerformanceMarks?: { getMarks(): PerformanceMark[] } }).MonacoPerformanceMarks?.getMarks() ?? [];
  const at = (step: string) => marks.find((mark) => mark.name === `code/extHost/${step}/${extensionId}`)?.startTime;
  const [willLoad, didLoad, willActivate, didActivate] = ['willLoadExtensionCode', 'didLoadExtensionCode', 'willActivateExtension', 'didActivateExtension'].map(at);
  if (willLoad === undefined || didLoad === undefined || willActivate === undefined || didActivate === undefined) {
    return undefined;
  }
  return { codeLoadingMs: didLoad - willLoad, activateMs: didActivate - willActivate };
}

interface Span {
  readonly wallMs: number;
  readonly cpuMs: number;
}

/** Wall and CPU time of a synchronous call: on a busy shared machine the wall time also counts waiting for a core. */
function timedCall<T>(call: () => T): { result: T; span: Span } {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const result = call();
  const used = process.cpuUsage(cpu);
  return { result, span: { wallMs: performance.now() - started, cpuMs: (used.user + used.system) / 1000 } };
}

type ExtensionModule = { activate(context: vscode.ExtensionContext): ExtensionApi; deactivate(): void };

/**
 * Our code's share, timed apart: dist/extension.js is required here first (its module evaluation),
 * and the cached module handed to VS Code wraps activate() in a timer; VS Code's require then finds
 * it in the cache. Then the extension is activated as VS Code does it, and VS Code's marks are read.
 */
async function timedActivation(extension: vscode.Extension<ExtensionApi>): Promise<{ api: ExtensionApi; times?: HostReport['activation']; unmeasured?: string }> {
  const require = Module.createRequire(join(extension.extensionPath, 'package.json'));
  const path = require.resolve('./dist/extension.js');
  let load: Span | undefined;
  let activateCall: Span | undefined;
  const before = extension.isActive ? 'the extension was active before the bench ran' : require.cache[path] ? 'dist/extension.js was loaded before the bench ran' : undefined;
  if (!before) {
    const loaded = timedCall(() => require(path) as ExtensionModule);
    load = loaded.span;
    require.cache[path]!.exports = {
      ...loaded.result,
      activate(context: vscode.ExtensionContext) {
        const called = timedCall(() => loaded.result.activate(context));
        activateCall = called.span;
        return called.result;
      },
    };
  }
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const api = await extension.activate();
  const cpu = process.cpuUsage(cpuBefore);
  const awaitedMs = performance.now() - started;
  const marks = activationMarks();
  const lazyBundlesLoaded = Object.keys(require.cache).filter((cached) => /[\\/]dist[\\/](cluster|jose|yaml|manifests)\.js$/.test(cached)).map((cached) => cached.slice(cached.lastIndexOf('dist')));
  if (!marks || !load || !activateCall) {
    const why = before ?? (!activateCall ? "VS Code did not take dist/extension.js from require's cache" : "VS Code's activation marks are missing");
    return { api, unmeasured: why };
  }
  return { api, times: { load, activateCall, marks, awaitedMs, awaitedCpuMs: (cpu.user + cpu.system) / 1000, lazyBundlesLoaded } };
}

/** Refresh, then the root and its first level with their tree items: what the view asks for before it draws. */
async function firstLevelMs(api: ExtensionApi): Promise<number> {
  const started = performance.now();
  await vscode.commands.executeCommand('kubeSaTokens.refresh');
  const [root] = await api.serviceAccounts.getChildren();
  if (root?.kind !== 'context') {
    throw new Error(`the tree shows no context: ${JSON.stringify(api.serviceAccounts.problem)}`);
  }
  api.serviceAccounts.getTreeItem(root);
  const level: Node[] = await api.serviceAccounts.getChildren(root);
  level.forEach((node) => api.serviceAccounts.getTreeItem(node));
  return performance.now() - started;
}

async function issueTokens(extension: vscode.Extension<ExtensionApi>): Promise<{ issued: clusterModule.IssuedToken[]; ms: number }> {
  // The bundle the extension itself required for the tree (require's cache hands back the same module).
  const cluster = Module.createRequire(join(extension.extensionPath, 'package.json'))('./dist/cluster.js') as typeof clusterModule;
  const session = cluster.ClusterSession.open({ timeoutMs: 60_000 });
  const issued: clusterModule.IssuedToken[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next < tokens) {
        next += 1;
        issued.push(await session.requestToken({ namespace: 'ns-000', serviceAccount: 'sa-00', audiences: ['vault'], expirationSeconds: 3600 }));
      }
    }),
  );
  return { issued, ms: performance.now() - started };
}

export async function run(): Promise<void> {
  const resultsPath = process.env.KUBE_SA_TOKENS_BENCH_RESULTS;
  if (!resultsPath) {
    throw new Error('KUBE_SA_TOKENS_BENCH_RESULTS is not set: run this through `npm run bench`');
  }
  // The harness says, per window, whether to time activation only or to go on with the tree and the tokens.
  const { activationOnly } = JSON.parse(readFileSync(`${resultsPath}.plan`, 'utf8')) as { activationOnly: boolean };
  const report: HostReport = { tokens: 0, firstLevelMs: [], heapMb: {} };
  try {
    const extension = vscode.extensions.getExtension<ExtensionApi>(extensionId);
    if (!extension) {
      throw new Error(`${extensionId} is not installed in this extension host`);
    }
    const { api, times, unmeasured } = await timedActivation(extension);
    report.activation = times;
    report.activationUnmeasured = unmeasured;
    if (activationOnly) {
      return;
    }
    report.heapMb.start = await heapMb();
    // The Kubernetes client's code, which the tree loads on first use and Node never unloads: weighed apart.
    Module.createRequire(join(extension.extensionPath, 'package.json'))('./dist/cluster.js');
    report.heapMb.withClientCode = await heapMb();
    for (let run = 0; run < treeRuns; run += 1) {
      report.firstLevelMs.push(await firstLevelMs(api));
    }
    report.heapMb.withTree = await heapMb();
    let held: Awaited<ReturnType<typeof issueTokens>> | undefined = await issueTokens(extension);
    report.tokens = held.issued.length;
    report.tokensMs = held.ms;
    report.heapMb.withTreeAndTokens = await heapMb();
    held = undefined;
    // Closing: the tokens dropped, and the tree pointed at a kubeconfig that does not exist (it shows its welcome view).
    process.env.KUBECONFIG = join(extension.extensionPath, 'no-such-kubeconfig');
    await vscode.commands.executeCommand('kubeSaTokens.refresh');
    await api.serviceAccounts.getChildren();
    report.heapMb.closed = await heapMb();
  } catch (error) {
    report.problem = error instanceof Error ? (error.stack ?? error.message) : String(error);
  } finally {
    writeFileSync(resultsPath, JSON.stringify(report, null, 2));
  }
}
