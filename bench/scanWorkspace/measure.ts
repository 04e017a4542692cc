/**
 * Measures the workspace scan on a generated workspace (generate.ts) and compares it, on the same
 * files, with the published JWT rules of gitleaks and trufflehog (publishedRules.ts):
 *
 *   npm run bench:scan -- [--dir DIR] [--scale 1]
 *
 * DIR is reused when it holds an expected.json (generating the full 500 MB takes a few minutes);
 * otherwise the workspace is generated there first, in a child process, so that this process's
 * peak RSS is the scan's. Reports files, bytes, time, MB/s, this process's peak RSS (the worker
 * thread lives in it) and the worker's peak heap, found / false positives / missed, how long the
 * main thread's event loop was held up while the worker scanned (and, for contrast, while the same
 * scan ran on the main thread), and how soon a cancelled scan resolves.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import * as esbuild from 'esbuild';
import { scanText } from '../../src/scan/scanText';
import { scanWorkspace } from '../../src/scan/scanWorkspace';
import type { ScanOptions, ScanSummary } from '../../src/scan/types';
import { walkTextFiles } from '../../src/scan/walk';
import type { Expected, PlantedToken } from './generate';
import { gitleaksMatches, trufflehogMatches, type RuleMatch } from './publishedRules';

const { values } = parseArgs({ options: { dir: { type: 'string' }, scale: { type: 'string' } } });
const dir = values.dir ?? join(tmpdir(), 'kube-sa-tokens-scan-bench');
const scale = values.scale ?? '1';
const mb = (bytes: number) => (bytes / 1e6).toFixed(1);
const ms = (nanoseconds: number) => (nanoseconds / 1e6).toFixed(1);

function ensureWorkspace(): Expected {
  if (!existsSync(join(dir, 'expected.json'))) {
    console.log(`generating the workspace in ${dir} (scale ${scale})…`);
    const tsx = pathToFileURL(require.resolve('tsx')).href;
    const result = spawnSync(process.execPath, ['--import', tsx, join(__dirname, 'generate.ts'), dir, '--scale', scale], { stdio: 'inherit' });
    if (result.status !== 0) {
      throw new Error(`generate.ts failed with exit code ${result.status}`);
    }
  }
  return JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Expected;
}

/** The worker as the extension runs it: bundled by esbuild (as esbuild.mjs does), not compiled by tsx on start. */
async function bundledWorker(): Promise<string> {
  const outfile = join(tmpdir(), `kube-sa-tokens-scanWorker-${process.pid}.js`);
  await esbuild.build({ entryPoints: [join(__dirname, '..', '..', 'src', 'scan', 'scanWorker.ts')], outfile, bundle: true, format: 'cjs', platform: 'node', target: 'node20', logLevel: 'warning' });
  return outfile;
}

/** The event loop's delays over `milliseconds` while this process does nothing: the machine's noise floor. */
async function idleDelay(milliseconds: number) {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  await new Promise((resolve) => setTimeout(resolve, milliseconds));
  histogram.disable();
  return histogram;
}

const keyOf = (file: string, line: number, character: number) => `${file}:${line}:${character}`;

/** Offsets of the planted tokens of one file's text, from their lines and characters. */
function plantedOffsets(text: string, planted: readonly PlantedToken[]): { plant: PlantedToken; start: number; end: number }[] {
  const lineStarts = [0];
  for (const match of text.matchAll(/\r\n|\r|\n/g)) {
    lineStarts.push(match.index + match[0].length);
  }
  return planted.map((plant) => {
    const start = lineStarts[plant.line] + plant.character;
    return { plant, start, end: start + plant.length };
  });
}

interface Tally {
  matches: number;
  serviceAccount: Set<PlantedToken>;
  others: Set<PlantedToken>;
  unplanted: number;
  ms: number;
}

async function compareRules(options: ScanOptions, workspace: string, expected: Expected): Promise<Record<string, Tally>> {
  const byFile = new Map<string, PlantedToken[]>();
  for (const plant of expected.planted) {
    byFile.set(plant.file, [...(byFile.get(plant.file) ?? []), plant]);
  }
  const rules: Record<string, (text: string) => RuleMatch[]> = { gitleaks: gitleaksMatches, trufflehog: trufflehogMatches };
  const tallies: Record<string, Tally> = {};
  for (const name of Object.keys(rules)) {
    tallies[name] = { matches: 0, serviceAccount: new Set(), others: new Set(), unplanted: 0, ms: 0 };
  }
  await walkTextFiles(options, {
    onText(file, text) {
      const plants = plantedOffsets(text, byFile.get(relative(workspace, file)) ?? []);
      for (const [name, rule] of Object.entries(rules)) {
        const tally = tallies[name];
        const started = performance.now();
        const matches = rule(text);
        tally.ms += performance.now() - started;
        for (const match of matches) {
          tally.matches++;
          const hit = plants.find((p) => match.start < p.end && p.start < match.end);
          if (!hit) {
            tally.unplanted++;
          } else {
            (hit.plant.serviceAccount ? tally.serviceAccount : tally.others).add(hit.plant);
          }
        }
      }
    },
  });
  return tallies;
}

async function main(): Promise<void> {
  const expected = ensureWorkspace();
  const workspace = join(dir, 'workspace');
  // VS Code's default search.exclude; .gitignore (build/) honoured.
  const options: ScanOptions = { roots: [workspace], excludeGlobs: ['**/node_modules', '**/bower_components', '**/*.code-search'], maxFileBytes: 10 * 1024 * 1024, useGitignore: true, useParentGitignore: false };
  const serviceAccountKeys = new Set(expected.planted.filter((p) => p.serviceAccount).map((p) => keyOf(p.file, p.line, p.character)));
  const otherKeys = new Set(expected.planted.filter((p) => !p.serviceAccount).map((p) => keyOf(p.file, p.line, p.character)));
  console.log(`workspace: ${expected.files} files, ${mb(expected.bytes)} MB, ${expected.planted.length} planted JWTs (${serviceAccountKeys.size} ServiceAccount tokens), ${expected.decoys.length} ServiceAccount decoys in skipped places`);

  const workerFile = await bundledWorker();
  const idle = await idleDelay(2000);
  console.log(`main thread idle for 2 s (the machine's noise): event-loop delay max ${ms(idle.max)} ms, p99 ${ms(idle.percentile(99))} ms`);

  // 1. The scan in its worker thread, with the main thread's event loop watched.
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  let heapPeak = 0;
  const summary: ScanSummary = await scanWorkspace(options, { onWorkerHeapPeak: (bytes) => (heapPeak = bytes) }, workerFile);
  delay.disable();
  const rssPeak = process.resourceUsage().maxRSS * 1024;
  const found = summary.findings.filter((f) => serviceAccountKeys.has(keyOf(relative(workspace, f.file), f.line, f.character)));
  const falsePositives = summary.findings.length - found.length;
  const flaggedOthers = summary.findings.filter((f) => otherKeys.has(keyOf(relative(workspace, f.file), f.line, f.character))).length;
  console.log(`scan (worker): ${summary.filesScanned} files scanned, ${mb(summary.bytesScanned)} MB, ${summary.filesSkipped} skipped, ${summary.unreadable.length} unreadable, in ${(summary.durationMs / 1000).toFixed(2)} s = ${(summary.bytesScanned / 1e6 / (summary.durationMs / 1000)).toFixed(1)} MB/s`);
  console.log(`memory: process peak RSS ${mb(rssPeak)} MB (main thread and worker), worker heap peak ${mb(heapPeak)} MB`);
  console.log(`found ${found.length} of ${serviceAccountKeys.size} ServiceAccount tokens; false positives ${falsePositives} (of them planted other JWTs: ${flaggedOthers}); missed ${serviceAccountKeys.size - found.length}; other JWTs counted ${summary.otherJwts} (planted ${otherKeys.size})`);
  console.log(`main thread during the worker scan: event-loop delay max ${ms(delay.max)} ms, p99 ${ms(delay.percentile(99))} ms, mean ${ms(delay.mean)} ms`);

  // 2. For contrast: the same walk and scan on the main thread.
  const inline = monitorEventLoopDelay({ resolution: 10 });
  inline.enable();
  const inlineStarted = performance.now();
  await walkTextFiles(options, { onText: (file, text) => void scanText(text, file) });
  const inlineSeconds = (performance.now() - inlineStarted) / 1000;
  inline.disable();
  console.log(`same scan on the main thread: ${inlineSeconds.toFixed(2)} s; event-loop delay max ${ms(inline.max)} ms, p99 ${ms(inline.percentile(99))} ms`);

  // 3. Cancellation: abort after one second, time until the promise resolves.
  const controller = new AbortController();
  let abortedAt = 0;
  const timer = setTimeout(() => {
    abortedAt = performance.now();
    controller.abort();
  }, 1000);
  const cancelled = await scanWorkspace(options, { signal: controller.signal }, workerFile);
  clearTimeout(timer);
  console.log(
    abortedAt === 0
      ? 'cancel after 1 s: the scan finished first (the workspace is too small to measure it)'
      : `cancel after 1 s: resolved ${(performance.now() - abortedAt).toFixed(1)} ms after the abort, cancelled=${cancelled.cancelled}, ${cancelled.filesScanned} files scanned by then`,
  );

  rmSync(workerFile);

  // 4. The published rules of gitleaks and trufflehog on the same files.
  const tallies = await compareRules(options, workspace, expected);
  console.log('side by side on the same files (of 50 ServiceAccount tokens and 150 other JWTs and near misses planted):');
  console.log(`  ours:       ${summary.findings.length} flagged; ServiceAccount tokens ${found.length}/50; other JWTs flagged ${flaggedOthers}/150; unplanted ${falsePositives - flaggedOthers}`);
  for (const [name, tally] of Object.entries(tallies)) {
    console.log(`  ${name.padEnd(11)} ${tally.matches} flagged; ServiceAccount tokens ${tally.serviceAccount.size}/50; other JWTs flagged ${tally.others.size}/150; unplanted ${tally.unplanted}; regex time ${(tally.ms / 1000).toFixed(2)} s`);
    const missedKinds = new Map<string, number>();
    for (const plant of expected.planted.filter((p) => p.serviceAccount && !tally.serviceAccount.has(p))) {
      missedKinds.set(plant.context, (missedKinds.get(plant.context) ?? 0) + 1);
    }
    if (missedKinds.size > 0) {
      console.log(`    ServiceAccount tokens it missed, by place: ${[...missedKinds].map(([context, n]) => `${context} ${n}`).join(', ')}`);
    }
  }
}

void main();
