/**
 * Runs a workspace scan in a worker thread, so the extension host's main loop (and the CLI's)
 * stays free while files are read and scanned: findings and progress arrive as messages. Cancelling
 * terminates the worker at once, even in the middle of a large file, and resolves with what was
 * found until then.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { maxUnreadableListed, type ScanOptions, type ScanProgress, type ScanSummary, type TokenFinding, type Unreadable } from './types';
import type { WorkerMessage } from './workerMessages';
import * as l10n from '../text/l10n';

export interface ScanHooks {
  readonly signal?: AbortSignal;
  /** At most every 100 ms while the scan runs. */
  onProgress?(progress: ScanProgress): void;
  onFinding?(finding: TokenFinding): void;
  /** The largest heap the worker used, in bytes, when it last reported (for measurements). */
  onWorkerHeapPeak?(bytes: number): void;
}

/** The worker thread failed (it could not start, or crashed): the scan has no complete result. */
export class ScanFailure extends Error {
  override readonly name = 'ScanFailure';
  readonly kind = 'worker-failed';
}

/** The worker's entry beside this module: `scanWorker.js` in the bundle (dist/, next to extension.js), `scanWorker.ts` in the source. */
export function defaultWorkerFile(): string {
  const bundled = join(__dirname, 'scanWorker.js');
  return existsSync(bundled) ? bundled : join(__dirname, 'scanWorker.ts');
}

function startWorker(file: string, options: ScanOptions): Worker {
  if (file.endsWith('.ts')) {
    // Run from source (the CLI, the tests): a worker does not inherit tsx's loader, so it registers it
    // first. The name is in a variable so that esbuild does not try to bundle tsx: the bundle never comes here.
    const tsxLoader = 'tsx/cjs/api';
    const tsx = require.resolve(tsxLoader);
    return new Worker(`require(${JSON.stringify(tsx)}).register(); require(${JSON.stringify(file)});`, { eval: true, workerData: options });
  }
  return new Worker(file, { workerData: options });
}

export function scanWorkspace(options: ScanOptions, hooks: ScanHooks = {}, workerFile = defaultWorkerFile()): Promise<ScanSummary> {
  const started = performance.now();
  const findings: TokenFinding[] = [];
  const unreadable: Unreadable[] = [];
  let progress: ScanProgress = { filesScanned: 0, bytesScanned: 0, filesSkipped: 0 };
  let otherJwts = 0;
  const summary = (cancelled: boolean): ScanSummary => ({ ...progress, findings, otherJwts, unreadable, durationMs: Math.round(performance.now() - started), cancelled });
  if (hooks.signal?.aborted) {
    return Promise.resolve(summary(true));
  }
  return new Promise((resolve, reject) => {
    const worker = startWorker(workerFile, options);
    let settled = false;
    const settle = (outcome: () => void) => {
      if (!settled) {
        settled = true;
        hooks.signal?.removeEventListener('abort', cancel);
        outcome();
      }
    };
    const cancel = () => {
      settle(() => resolve(summary(true)));
      void worker.terminate();
    };
    hooks.signal?.addEventListener('abort', cancel, { once: true });
    worker.on('message', (message: WorkerMessage) => {
      if (settled) {
        return;
      }
      if (message.type === 'done') {
        settle(() => resolve(summary(message.cancelled)));
        void worker.terminate();
        return;
      }
      progress = message.progress;
      otherJwts = message.otherJwts;
      unreadable.push(...message.unreadable.slice(0, maxUnreadableListed - unreadable.length));
      for (const finding of message.findings) {
        findings.push(finding);
        hooks.onFinding?.(finding);
      }
      hooks.onWorkerHeapPeak?.(message.heapPeakBytes);
      hooks.onProgress?.(progress);
    });
    worker.on('error', (error) => settle(() => reject(new ScanFailure(l10n.t('The scan\'s worker thread failed: {0}. Run the scan again.', error.message), { cause: error }))));
    worker.on('exit', (code) => settle(() => reject(new ScanFailure(l10n.t('The scan\'s worker thread stopped (exit code {0}) before it finished. Run the scan again.', code)))));
  });
}
