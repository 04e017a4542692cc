import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fileRow, findingKey, findingRow, groupByFile, msUntilFindingsChange, summaryDetails, summaryText } from '../../../src/scan/findingRows';
import type { ScanSummary } from '../../../src/scan/types';
import { finding, now, nowSeconds } from './findings';

function summary(overrides: Partial<ScanSummary> = {}): ScanSummary {
  return { findings: [], otherJwts: 0, unreadable: [], durationMs: 1500, cancelled: false, filesScanned: 10, bytesScanned: 3 * 1024 * 1024, filesSkipped: 0, ...overrides };
}

test('a bound token reads as the ServiceAccount, what it is bound to and when it expires', () => {
  const row = findingRow(finding(), now);
  assert.equal(row.label, 'demo/vault-auth');
  assert.equal(row.description, 'bound to Pod web-0 · expires in 3 h');
  assert.equal(row.live, true);
});

test('a legacy token never expires; an expired one says how long ago', () => {
  const legacy = findingRow(finding({ kind: 'legacy', boundObject: undefined, issuer: 'kubernetes/serviceaccount', audiences: [], issuedAt: undefined, expiresAt: undefined }), now);
  assert.equal(legacy.description, 'legacy · never expires');
  assert.equal(legacy.live, true);
  assert.match(legacy.tooltip, /\*\*Legacy ServiceAccount token\*\* of `demo\/vault-auth`/);
  assert.match(legacy.tooltip, /Audiences: none/);
  const expired = findingRow(finding({ boundObject: undefined, expiresAt: nowSeconds - 2 * 86400 - 60 }), now);
  assert.equal(expired.description, 'bound · expired 2 days ago');
  assert.equal(expired.live, false);
});

test('the tooltip names issuer, audiences, times, line and fingerprint as code spans', () => {
  const { tooltip } = findingRow(finding({ audiences: ['vault', 'sts.amazonaws.com'] }), now);
  assert.match(tooltip, /Issuer: `https:\/\/kubernetes\.default\.svc\.cluster\.local`/);
  assert.match(tooltip, /Audiences: `vault`, `sts\.amazonaws\.com`/);
  assert.match(tooltip, /Bound to Pod `web-0` \(uid `pod-uid`\)/);
  assert.match(tooltip, /Expires 2026-11-27T15:00:00Z \(expires in 3 h\)/);
  assert.match(tooltip, /Line 5, column 11/);
  assert.match(tooltip, /`0123456789abcdef`/);
});

test('what the cluster said shows on the row and in its tooltip', () => {
  assert.equal(findingRow(finding(), now, { kind: 'accepted', cluster: 'kind-dev' }).description, 'bound to Pod web-0 · expires in 3 h · accepted by cluster kind-dev');
  const rejected = findingRow(finding(), now, { kind: 'rejected', cluster: 'kind-dev', reason: 'service account demo/vault-auth has been deleted' });
  assert.equal(rejected.description, 'bound to Pod web-0 · expires in 3 h · rejected: service account demo/vault-auth has been deleted');
  assert.equal(rejected.live, false);
  assert.match(findingRow(finding(), now, { kind: 'file-changed' }).description, /not checked: the file changed since the scan/);
  assert.match(findingRow(finding(), now, { kind: 'failed', reason: 'Forbidden' }).tooltip, /Not checked: `Forbidden`/);
});

test("attacker's test: names, claims and reasons with links, icons, bidi and newlines render inert", () => {
  const hostile = finding({
    namespace: 'demo\u202E[x](command:workbench.action.terminal.new)',
    serviceAccount: 'a\nb $(alert)',
    boundObject: { kind: 'Pod', name: '[run](command:x)\u200B' },
    issuer: 'https://evil`](command:x)',
    audiences: ['<img src=x onerror=alert(1)>', '``` '],
  });
  const row = findingRow(hostile, now, { kind: 'rejected', cluster: 'c\u2028', reason: '[click](https://evil.example)\r\n' });
  for (const plain of [row.label, row.description]) {
    assert.ok(!/[\n\r\u202E\u200B\u2028]/.test(plain), plain);
    assert.ok(!plain.includes('](') && !plain.includes('$('), plain);
  }
  assert.ok(!/[\n\r\u202E\u200B\u2028]/.test(row.tooltip.replace(/\n\n/g, ' ')), row.tooltip);
  // Every value sits in a code span: outside the spans no link, image or HTML remains.
  const outsideSpans = row.tooltip.replace(/(`+)[\s\S]*?\1/g, '');
  assert.ok(!/\]\(|<img|\$\(/.test(outsideSpans), outsideSpans);
});

test('findings are grouped by file, files sorted by relative path, findings by place', () => {
  const groups = groupByFile(
    [finding({ file: '/r/b.yaml', line: 9 }), finding({ file: '/r/a.env' }), finding({ file: '/r/b.yaml', line: 2 })],
    (file) => file.slice(3),
  );
  assert.deepEqual(groups.map((group) => [group.relativePath, group.findings.map((f) => f.line)]), [['a.env', [4]], ['b.yaml', [2, 9]]]);
  assert.deepEqual(fileRow(groups[1]), { label: 'b.yaml', description: '2 tokens' });
  assert.notEqual(findingKey(groups[1].findings[0]), findingKey(groups[1].findings[1]));
});

test('the summary counts tokens, files, other JWTs and skipped files', () => {
  const findings = [finding(), finding({ line: 8 }), finding({ file: '/other' })];
  assert.equal(summaryText(summary({ findings, otherJwts: 4, filesSkipped: 1 })), '3 ServiceAccount tokens in 2 files · 4 other JWTs not flagged · 1 file skipped');
  assert.equal(summaryText(summary({ cancelled: true })), '0 ServiceAccount tokens in 0 files · 0 other JWTs not flagged · 0 files skipped · cancelled');
  const details = summaryDetails(summary({ unreadable: [{ file: '/r/x\u202E', reason: { kind: 'permission-denied' } }, { file: '/r/d', reason: { kind: 'other', code: 'EISDIR' } }] }), ['**/*.js']);
  assert.equal(details, 'Scanned 10 files (3.0 MB) in 1.5 s.\nScanned although excluded when a sibling exists (not applied by the scan): **/*.js\nNot read: /r/x\\u202E: permission denied\nNot read: /r/d: could not be read (EISDIR)');
});

test('rows are redrawn when their words change, and never when no row shows a time', () => {
  assert.equal(msUntilFindingsChange([finding({ expiresAt: undefined })], now), undefined);
  // "expires in 3 h" reads "expires in 2 h 59 min" one second later.
  assert.equal(msUntilFindingsChange([finding(), finding({ expiresAt: nowSeconds + 90 })], now), 1000);
  assert.ok(msUntilFindingsChange([finding({ expiresAt: nowSeconds + 5 * 86400 })], now)! > 3600_000);
});
