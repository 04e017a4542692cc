/**
 * Measurements taken inside code-server's extension host, shared by rows 6, 9 and 10 (one host run
 * per `npm run bench`): the production build is packaged (.vsix) and loaded as the integration suite
 * loads the extension, bench/host/index.ts runs in two windows one after another (a first start, then
 * a warm start in a fresh host), against a local API server with 10,000 ServiceAccounts in a process of its own.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as esbuild from 'esbuild';
import type { BrowserContext } from 'playwright-core';
import type { RequestRecord } from '../test/cluster/server';
import { startServerProcess } from './localServer';
import type { HostReport } from './hostReport';

const root = resolve(__dirname, '..');
const hostTimeoutMs = 5 * 60 * 1000;
/** Fresh extension hosts after the first one: their median is the warm start. */
const warmWindows = 7;

export interface HostMeasurements {
  /** Why the host could not be measured; the other fields are then absent. */
  readonly problem?: string;
  /** The first window's activation, then warm starts (fresh hosts after it); the last warm window also loads the tree and the tokens. */
  readonly firstStart?: HostReport;
  readonly warmStarts?: readonly HostReport[];
  /** Requests the server answered for one tree refresh (everything but token requests, per refresh). */
  readonly treeRequests?: number;
  readonly vsixBytes?: number;
  /** Sources of the production dist/extension.js (from its source map) that come from the Kubernetes client, jose or yaml. */
  readonly heavySourcesInActivationBundle?: readonly string[];
}

interface CodeServer {
  readonly url: string;
  readonly port: number;
  readonly log: string;
  stop(): void;
}

let measured: Promise<HostMeasurements> | undefined;

/** The host's measurements, taken once however many rows ask. */
export function hostMeasurements(): Promise<HostMeasurements> {
  measured ??= measure().catch((error: unknown) => ({ problem: error instanceof Error ? error.message : String(error) }));
  return measured;
}

/**
 * The .vsix as shipped, unpacked into `folder` to run from, with one change: no activation event, so
 * start-up does not activate it before the host bench can time our module's evaluation and activate().
 */
function packageProductionBuild(folder: string): { vsixBytes: number; heavySources: string[]; extensionPath: string } {
  execFileSync('node', ['scripts/package.mjs'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  const vsix = join(root, 'dist', 'kube-sa-tokens.vsix');
  execFileSync('unzip', ['-q', vsix, 'extension/*', '-d', folder]);
  const extensionPath = join(folder, 'extension');
  const manifest = JSON.parse(readFileSync(join(extensionPath, 'package.json'), 'utf8')) as { activationEvents: string[] };
  writeFileSync(join(extensionPath, 'package.json'), JSON.stringify({ ...manifest, activationEvents: [] }, null, 2));
  const map = JSON.parse(readFileSync(join(root, 'dist', 'extension.js.map'), 'utf8')) as { sources: string[] };
  return {
    vsixBytes: statSync(vsix).size,
    heavySources: map.sources.filter((source) => /node_modules\/(@kubernetes|jose|yaml)\/|src\/manifests\//.test(source)),
    extensionPath,
  };
}

async function buildHostBench(): Promise<string> {
  await esbuild.build({
    entryPoints: { index: join(root, 'bench', 'host', 'index.ts') },
    outdir: join(root, 'dist', 'bench', 'host'),
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    external: ['vscode'],
    logLevel: 'warning',
  });
  return join(root, 'dist', 'bench', 'host', 'index');
}

/** One window: the page loads the workbench, the host runs the bench and exits; resolves with its report. */
async function runWindow(server: CodeServer, browser: BrowserContext, extensionPath: string, workspace: string, tests: string, resultsPath: string, activationOnly: boolean): Promise<HostReport> {
  writeFileSync(`${resultsPath}.plan`, JSON.stringify({ activationOnly }));
  rmSync(resultsPath, { force: true });
  const page = await browser.newPage();
  try {
    const remote = (path: string) => `vscode-remote://127.0.0.1:${server.port}${path}`;
    const payload = [
      ['extensionDevelopmentPath', remote(extensionPath)],
      ['extensionTestsPath', remote(tests)],
    ];
    const exited = new Promise<number>((resolveExit) => {
      void page.exposeFunction('codeAutomationLog', () => undefined);
      void page.exposeFunction('codeAutomationExit', (code: number) => resolveExit(code));
    });
    await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
    let timer: NodeJS.Timeout | undefined;
    const code = await Promise.race([exited, new Promise<number>((_, reject) => (timer = setTimeout(() => reject(new Error(`the extension host did not finish within ${hostTimeoutMs / 60000} minutes; see ${server.log}`)), hostTimeoutMs)))]);
    clearTimeout(timer);
    const report = JSON.parse(readFileSync(resultsPath, 'utf8')) as HostReport;
    if (code !== 0 || report.problem) {
      throw new Error(`the extension host bench failed (exit ${code}): ${report.problem ?? `see ${server.log}`}`);
    }
    return report;
  } finally {
    await page.close();
  }
}

function treeRequestsPerRefresh(requests: readonly RequestRecord[], refreshes: number): number {
  return requests.filter((request) => !(request.method === 'POST' && request.path.endsWith('/token'))).length / refreshes;
}

async function measure(): Promise<HostMeasurements> {
  const folder = mkdtempSync(join(tmpdir(), 'kube-sa-tokens-bench-host-'));
  try {
    return await measureIn(folder);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

async function measureIn(folder: string): Promise<HostMeasurements> {
  const { vsixBytes, heavySources, extensionPath } = packageProductionBuild(folder);
  const tests = await buildHostBench();
  const { namespaces, serviceAccountsPerNamespace } = await import('./rows/serviceAccounts');
  const { testFolder } = (await import(join(root, 'scripts', 'vscode', 'install.mjs'))) as { testFolder: string };
  const { startCodeServer } = (await import(join(root, 'scripts', 'vscode', 'codeServer.mjs'))) as { startCodeServer(options: object): Promise<CodeServer> };
  const { launchBrowser } = (await import(join(root, 'scripts', 'vscode', 'browser.mjs'))) as { launchBrowser(): Promise<BrowserContext> };
  mkdirSync(testFolder, { recursive: true });
  const workspace = mkdtempSync(join(testFolder, 'bench-workspace-'));
  writeFileSync(join(workspace, 'README.md'), 'Workspace for npm run bench.\n');
  const cluster = await startServerProcess({ namespaces, serviceAccountsPerNamespace });
  const resultsPath = join(folder, 'host-report.json');
  try {
    const server = await startCodeServer({ env: { KUBECONFIG: cluster.kubeconfigPath, KUBE_SA_TOKENS_BENCH_RESULTS: resultsPath }, smokeTestDriver: true, trustWorkspaces: true });
    const browser = await launchBrowser().catch((error: unknown) => {
      server.stop();
      throw error;
    });
    try {
      const firstStart = await runWindow(server, browser, extensionPath, workspace, tests, resultsPath, true);
      const warmStarts: HostReport[] = [];
      for (let window = 1; window < warmWindows; window += 1) {
        warmStarts.push(await runWindow(server, browser, extensionPath, workspace, tests, resultsPath, true));
      }
      await cluster.clearRequests();
      const full = await runWindow(server, browser, extensionPath, workspace, tests, resultsPath, false);
      warmStarts.push(full);
      return { firstStart, warmStarts, treeRequests: treeRequestsPerRefresh(await cluster.requests(), full.firstLevelMs.length), vsixBytes, heavySourcesInActivationBundle: heavySources };
    } finally {
      await browser.close();
      server.stop();
    }
  } finally {
    await cluster.close();
    rmSync(workspace, { recursive: true, force: true });
  }
}
