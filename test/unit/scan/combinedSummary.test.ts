import assert from 'node:assert/strict';
import { test } from 'node:test';
import { combinedSummary, emptySummary, progressMessage } from '../../../src/scan/combinedSummary';
import { finding } from './findings';

test('the scans of two folders add up, and one cancelled makes the whole cancelled', () => {
  const first = { ...emptySummary, findings: [finding()], otherJwts: 2, filesScanned: 10, bytesScanned: 100, filesSkipped: 1, durationMs: 5, unreadable: [{ file: '/a', reason: { kind: 'permission-denied' as const } }] };
  const second = { ...emptySummary, findings: [finding({ file: '/b' })], otherJwts: 1, filesScanned: 3, bytesScanned: 50, durationMs: 7, cancelled: true };
  const both = combinedSummary(combinedSummary(emptySummary, first), second);
  assert.deepEqual(both, { findings: [first.findings[0], second.findings[0]], otherJwts: 3, unreadable: first.unreadable, durationMs: 12, cancelled: true, filesScanned: 13, bytesScanned: 150, filesSkipped: 1 });
});

test('the list of unreadable files stays bounded', () => {
  const many = { ...emptySummary, unreadable: Array.from({ length: 80 }, (_, i) => ({ file: `/f${i}`, reason: { kind: 'permission-denied' as const } })) };
  assert.equal(combinedSummary(many, many).unreadable.length, 100);
});

test('progress counts files, megabytes and skipped files of the folders done and the one running', () => {
  assert.equal(progressMessage({ filesScanned: 1000, bytesScanned: 50 * 1024 * 1024, filesSkipped: 0 }, { filesScanned: 234, bytesScanned: 6.7 * 1024 * 1024, filesSkipped: 0 }), '1,234 files · 56.7 MB');
  assert.equal(progressMessage(emptySummary, { filesScanned: 1, bytesScanned: 0, filesSkipped: 2 }), '1 file · 0.0 MB · 2 skipped');
});
