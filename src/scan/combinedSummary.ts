/** Scans of several folders (one per workspace folder, each with its own excludes) reported as one. */
import * as l10n from '../text/l10n';
import { count } from '../explorer/treeNodes';
import type { ScanProgress, ScanSummary } from './types';

/** Files of unreadable entries kept in all: a summary is shown and sent between threads. */
const maxUnreadable = 100;

export const emptySummary: ScanSummary = { findings: [], otherJwts: 0, unreadable: [], durationMs: 0, cancelled: false, filesScanned: 0, bytesScanned: 0, filesSkipped: 0 };

export function combinedSummary(before: ScanSummary, next: ScanSummary): ScanSummary {
  return {
    findings: [...before.findings, ...next.findings],
    otherJwts: before.otherJwts + next.otherJwts,
    unreadable: [...before.unreadable, ...next.unreadable].slice(0, maxUnreadable),
    durationMs: before.durationMs + next.durationMs,
    cancelled: before.cancelled || next.cancelled,
    filesScanned: before.filesScanned + next.filesScanned,
    bytesScanned: before.bytesScanned + next.bytesScanned,
    filesSkipped: before.filesSkipped + next.filesSkipped,
  };
}

/** "1,234 files · 56.7 MB · 3 skipped": what a progress notification says while a scan runs. */
export function progressMessage(done: ScanProgress, current: ScanProgress): string {
  const files = done.filesScanned + current.filesScanned;
  const megabytes = (done.bytesScanned + current.bytesScanned) / 1024 / 1024;
  const skipped = done.filesSkipped + current.filesSkipped;
  const scanned = l10n.t('{0} · {1} MB', count(files, l10n.t('{0} file'), l10n.t('{0} files')), megabytes.toFixed(1));
  return skipped > 0 ? l10n.t('{0} · {1} skipped', scanned, skipped.toLocaleString('en-US')) : scanned;
}
