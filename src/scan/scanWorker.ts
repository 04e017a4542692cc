/**
 * The scan's worker thread (dist/scanWorker.js in the bundle): walks, reads and scans off the
 * extension host's main thread, and reports in batches. Started by scanWorkspace with the
 * ScanOptions as its workerData; stopped by terminate() when the scan is cancelled.
 */
import { getHeapStatistics } from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import { scanText } from './scanText';
import type { ScanOptions, ScanProgress, TokenFinding, Unreadable } from './types';
import { walkTextFiles } from './walk';
import { maxFindingsPerBatch, progressIntervalMs, type WorkerMessage } from './workerMessages';

const port = parentPort!;
const options = workerData as ScanOptions;
let findings: TokenFinding[] = [];
let unreadable: Unreadable[] = [];
let otherJwts = 0;
let heapPeakBytes = 0;
let lastBatchAt = 0;

function post(message: WorkerMessage): void {
  port.postMessage(message);
}

function sendBatch(progress: ScanProgress): void {
  post({ type: 'batch', progress, findings, unreadable, otherJwts, heapPeakBytes });
  findings = [];
  unreadable = [];
  lastBatchAt = performance.now();
}

void walkTextFiles(options, {
  onText(file, text) {
    const scanned = scanText(text, file);
    findings.push(...scanned.findings);
    otherJwts += scanned.otherJwts;
    // Sampled while the file's text is still held: the moment the heap is largest.
    heapPeakBytes = Math.max(heapPeakBytes, getHeapStatistics().used_heap_size);
  },
  onUnreadable(entry) {
    unreadable.push(entry);
  },
  onProgress(progress) {
    if (performance.now() - lastBatchAt >= progressIntervalMs || findings.length >= maxFindingsPerBatch) {
      sendBatch(progress);
    }
  },
}).then((summary) => {
  sendBatch({ filesScanned: summary.filesScanned, bytesScanned: summary.bytesScanned, filesSkipped: summary.filesSkipped });
  post({ type: 'done', cancelled: summary.cancelled });
});
