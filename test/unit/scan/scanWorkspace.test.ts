import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import * as esbuild from 'esbuild';
import { defaultWorkerFile, ScanFailure, scanWorkspace } from '../../../src/scan/scanWorkspace';
import type { ScanProgress, TokenFinding } from '../../../src/scan/types';
import { makeTokenKeys, otherJwt, serviceAccountToken } from '../../fixtures/tokens/scanCases';

const temp = mkdtempSync(join(tmpdir(), 'scan-workspace-'));
after(() => rmSync(temp, { recursive: true, force: true }));
const shape = { namespace: 'demo', name: 'web', nowSeconds: Math.floor(Date.now() / 1000), expired: false, n: 1 };
let bound: string;
let legacy: string;
let oidc: string;

before(async () => {
  const keys = await makeTokenKeys();
  bound = await serviceAccountToken(keys, 'bound-secret', shape);
  legacy = await serviceAccountToken(keys, 'legacy', shape);
  oidc = await otherJwt(keys, 'oidc-google', shape);
  mkdirSync(join(temp, 'small', 'node_modules'), { recursive: true });
  writeFileSync(join(temp, 'small', 'deploy.yaml'), `kind: Secret\ndata:\n  token: ${bound}\n`);
  writeFileSync(join(temp, 'small', 'notes.md'), `id token: ${oidc}\n\nlegacy: ${legacy}\n`);
  writeFileSync(join(temp, 'small', 'node_modules', 'dep.js'), `const t = "${bound}";`);
  // Enough text that a scan takes a while: 40 files of 1 MB.
  mkdirSync(join(temp, 'large'));
  const line = `${'2026-11-27T00:00:00Z INFO request served path=/api/v1/namespaces status=200 '.repeat(3)}\n`;
  for (let i = 0; i < 40; i++) {
    writeFileSync(join(temp, 'large', `app-${i}.log`), line.repeat(Math.ceil(1_000_000 / line.length)));
  }
});

const options = (root: string) => ({ roots: [join(temp, root)], excludeGlobs: ['**/node_modules'], maxFileBytes: 10_000_000, useGitignore: true, useParentGitignore: true });

test('the worker scans and streams findings and progress; the summary counts everything', async () => {
  const streamed: TokenFinding[] = [];
  const progress: ScanProgress[] = [];
  const summary = await scanWorkspace(options('small'), { onFinding: (finding) => streamed.push(finding), onProgress: (p) => progress.push(p) });
  assert.equal(summary.cancelled, false);
  assert.deepEqual(
    summary.findings.map((finding) => [finding.file, finding.line, finding.character, finding.kind, finding.boundObject?.kind]).sort(),
    [
      [join(temp, 'small', 'deploy.yaml'), 2, 9, 'bound', 'Secret'],
      [join(temp, 'small', 'notes.md'), 2, 8, 'legacy', 'Secret'],
    ],
  );
  assert.deepEqual(streamed, summary.findings);
  assert.equal(summary.otherJwts, 1);
  assert.deepEqual([summary.filesScanned, summary.filesSkipped], [2, 0]);
  assert.ok(progress.length >= 1);
  assert.deepEqual(progress.at(-1), { filesScanned: 2, bytesScanned: summary.bytesScanned, filesSkipped: 0 });
});

test('progress is throttled to about one message per 100 ms', async () => {
  let calls = 0;
  const summary = await scanWorkspace(options('large'), { onProgress: () => calls++ });
  assert.equal(summary.filesScanned, 40);
  assert.ok(calls <= summary.durationMs / 100 + 3, `${calls} progress calls in ${summary.durationMs} ms`);
});

test('cancelling resolves at once, as cancelled, with what was found so far; nothing is reported after it', async () => {
  const controller = new AbortController();
  let abortedAt = 0;
  let atAbort: ScanProgress | undefined;
  let reportsAfterAbort = 0;
  const summary = await scanWorkspace(options('large'), {
    signal: controller.signal,
    onProgress: (p) => {
      if (atAbort) {
        reportsAfterAbort++;
        return;
      }
      atAbort = p;
      abortedAt = performance.now();
      controller.abort();
    },
  });
  const latency = performance.now() - abortedAt;
  assert.equal(summary.cancelled, true);
  assert.equal(summary.filesScanned, atAbort?.filesScanned);
  assert.equal(reportsAfterAbort, 0);
  assert.ok(latency < 100, `resolved ${latency.toFixed(1)} ms after the abort`);
});

test('an already aborted signal starts no worker', async () => {
  const summary = await scanWorkspace(options('small'), { signal: AbortSignal.abort() });
  assert.equal(summary.cancelled, true);
  assert.equal(summary.filesScanned, 0);
});

test('a worker that cannot start rejects with a ScanFailure', async () => {
  await assert.rejects(scanWorkspace(options('small'), {}, join(temp, 'no-such-worker.js')), (error: Error) => error instanceof ScanFailure && error.kind === 'worker-failed');
});

test('from source the worker is scanWorker.ts; bundled, the scanWorker.js beside the running bundle', async () => {
  assert.equal(defaultWorkerFile(), join(__dirname, '..', '..', '..', 'src', 'scan', 'scanWorker.ts'));
  const outdir = join(temp, 'dist');
  const src = join(__dirname, '..', '..', '..', 'src', 'scan');
  await esbuild.build({ entryPoints: { extension: join(src, 'scanWorkspace.ts'), scanWorker: join(src, 'scanWorker.ts') }, outdir, bundle: true, format: 'cjs', platform: 'node', target: 'node20', logLevel: 'error' });
  const bundled = (await import(join(outdir, 'extension.js'))) as { defaultWorkerFile: typeof defaultWorkerFile; scanWorkspace: typeof scanWorkspace };
  assert.equal(bundled.defaultWorkerFile(), join(outdir, 'scanWorker.js'));
  const summary = await bundled.scanWorkspace(options('small'));
  assert.equal(summary.findings.length, 2);
});
