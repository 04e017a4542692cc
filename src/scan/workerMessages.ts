/** What the scan's worker thread tells the thread that started it (structured-cloned: plain data only). */
import type { ScanProgress, TokenFinding, Unreadable } from './types';

/** Sent at most every `progressIntervalMs` while the scan runs (sooner when findings pile up), and once at the end. */
export interface ScanBatch {
  readonly type: 'batch';
  readonly progress: ScanProgress;
  /** Found since the previous batch. */
  readonly findings: readonly TokenFinding[];
  readonly unreadable: readonly Unreadable[];
  /** Totals so far. */
  readonly otherJwts: number;
  /** The largest heap the worker's isolate used so far, in bytes. */
  readonly heapPeakBytes: number;
}

export interface ScanDone {
  readonly type: 'done';
  readonly cancelled: boolean;
}

export type WorkerMessage = ScanBatch | ScanDone;

export const progressIntervalMs = 100;
/** A batch is sent early when this many findings wait, so a file full of tokens streams. */
export const maxFindingsPerBatch = 200;
