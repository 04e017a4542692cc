/**
 * How the results of a workspace scan read in the "Tokens in Workspace" view: one group per file,
 * one row per token, and a summary. Everything shown comes from files, so each value is made
 * visible and bounded (labels, descriptions) or quoted as a code span (tooltips).
 */
import { count } from '../explorer/treeNodes';
import { joined, ours, phrase, type Phrase } from '../jwt/phrase';
import { absoluteTime, expiryPhrase, secondsUntilExpiryPhraseChanges } from '../jwt/time';
import { visibleText } from '../text/visibleText';
import type { ScanSummary, TokenFinding } from './types';
import { unreadableReason } from './unreadableReason';
import * as l10n from '../text/l10n';

/** What asking the cluster about one finding came to. */
export type FindingCheck =
  | { readonly kind: 'accepted'; readonly cluster: string }
  | { readonly kind: 'rejected'; readonly cluster: string; readonly reason: string }
  /** The file no longer holds the same token at the finding's place: nothing was sent. */
  | { readonly kind: 'file-changed' }
  /** The review could not be made (network, permissions, cancelled): the reason, in our words or the server's. */
  | { readonly kind: 'failed'; readonly reason: string };

export interface FileGroup {
  readonly file: string;
  readonly relativePath: string;
  readonly findings: readonly TokenFinding[];
}

export interface FindingRow {
  readonly label: string;
  readonly description: string;
  /** Markdown: our words, with every value from the token or the file as a code span. */
  readonly tooltip: string;
  /** The token still looks usable: not expired and not rejected by a cluster. */
  readonly live: boolean;
}

const nameLimit = 120;
const reasonLimit = 200;

/** Tells findings apart without the token: the same token twice in one file has two places. */
export function findingKey(finding: TokenFinding): string {
  return `${finding.file}\u0000${finding.line}\u0000${finding.character}\u0000${finding.fingerprint}`;
}

/** Findings grouped by file, files by their relative path, findings in the order of the file. */
export function groupByFile(findings: readonly TokenFinding[], relativePathOf: (file: string) => string): FileGroup[] {
  const byFile = new Map<string, TokenFinding[]>();
  for (const finding of findings) {
    byFile.set(finding.file, [...(byFile.get(finding.file) ?? []), finding]);
  }
  return [...byFile]
    .map(([file, inFile]) => ({ file, relativePath: relativePathOf(file), findings: inFile.sort((a, b) => a.line - b.line || a.character - b.character) }))
    .sort((a, b) => (a.relativePath < b.relativePath ? -1 : a.relativePath > b.relativePath ? 1 : 0));
}

/** `deploy/values.yaml` with `2 tokens`. */
export function fileRow(group: FileGroup): { readonly label: string; readonly description: string } {
  return { label: visibleText(group.relativePath, 300), description: count(group.findings.length, l10n.t('{0} token'), l10n.t('{0} tokens')) };
}

function boundWords(finding: TokenFinding): string {
  if (finding.kind === 'legacy') {
    return l10n.t('legacy');
  }
  return finding.boundObject ? l10n.t('bound to {0} {1}', finding.boundObject.kind, visibleText(finding.boundObject.name, nameLimit)) : l10n.t('bound');
}

function checkWords(check: FindingCheck): string {
  switch (check.kind) {
    case 'accepted':
      return l10n.t('accepted by cluster {0}', visibleText(check.cluster, nameLimit));
    case 'rejected':
      return l10n.t('rejected: {0}', visibleText(check.reason, reasonLimit));
    case 'file-changed':
      return l10n.t('not checked: the file changed since the scan (scan again)');
    case 'failed':
      return l10n.t('not checked: {0}', visibleText(check.reason, reasonLimit));
  }
}

function checkPhrase(check: FindingCheck): Phrase {
  switch (check.kind) {
    case 'accepted':
      return phrase`Accepted by cluster ${check.cluster} (TokenReview): it still authenticates.`;
    case 'rejected':
      return phrase`Rejected by cluster ${check.cluster}: ${check.reason}`;
    case 'file-changed':
      return ours(l10n.t('Not checked: the file no longer holds this token at this place. Scan again.'));
    case 'failed':
      return phrase`Not checked: ${check.reason}`;
  }
}

function timePhrases(finding: TokenFinding, nowSeconds: number): Phrase[] {
  const issued = finding.issuedAt === undefined ? undefined : absoluteTime(finding.issuedAt);
  const expires = finding.expiresAt === undefined ? undefined : absoluteTime(finding.expiresAt);
  return [
    ...(issued === undefined ? [] : [ours(l10n.t('Issued {0}', issued))]),
    ...(finding.expiresAt === undefined || expires === undefined ? [] : [ours(l10n.t('Expires {0} ({1})', expires, expiryPhrase(finding.expiresAt, nowSeconds)))]),
  ];
}

/** "demo/vault-auth" · "bound to Pod web-0 · expires in 3 h", and what the tooltip says about it. */
export function findingRow(finding: TokenFinding, nowMs: number, check?: FindingCheck): FindingRow {
  const nowSeconds = nowMs / 1000;
  const expiry = finding.expiresAt === undefined ? l10n.t('never expires') : expiryPhrase(finding.expiresAt, nowSeconds);
  const expired = finding.expiresAt !== undefined && finding.expiresAt <= nowSeconds;
  const account = `${finding.namespace}/${finding.serviceAccount}`;
  const tooltip: Phrase[] = [
    finding.kind === 'legacy'
      ? phrase`**Legacy ServiceAccount token** of ${account}: it never expires and works until its Secret is deleted.`
      : phrase`**Bound ServiceAccount token** of ${account}`,
    ...(finding.boundObject
      ? [
          finding.boundObject.uid
            ? phrase`Bound to ${ours(finding.boundObject.kind)} ${finding.boundObject.name} (uid ${finding.boundObject.uid})`
            : phrase`Bound to ${ours(finding.boundObject.kind)} ${finding.boundObject.name}`,
        ]
      : []),
    phrase`Issuer: ${finding.issuer}`,
    finding.audiences.length > 0 ? phrase`Audiences: ${joined(finding.audiences.map((audience) => phrase`${audience}`), ', ')}` : ours(l10n.t('Audiences: none')),
    ...timePhrases(finding, nowSeconds),
    ours(l10n.t('Line {0}, column {1}', finding.line + 1, finding.character + 1)),
    phrase`Fingerprint (SHA-256 of the token, first 16 hex digits): ${finding.fingerprint}`,
    ...(check ? [checkPhrase(check)] : []),
  ];
  return {
    label: visibleText(account, 2 * nameLimit),
    description: [boundWords(finding), expiry, ...(check ? [checkWords(check)] : [])].join(' · '),
    tooltip: joined(tooltip, '\n\n').markdown(),
    live: !expired && check?.kind !== 'rejected',
  };
}

/** "3 ServiceAccount tokens in 2 files · 4 other JWTs not flagged · 1 file skipped". */
export function summaryText(summary: ScanSummary): string {
  const files = new Set(summary.findings.map((finding) => finding.file)).size;
  return [
    l10n.t('{0} in {1}', count(summary.findings.length, l10n.t('{0} ServiceAccount token'), l10n.t('{0} ServiceAccount tokens')), count(files, l10n.t('{0} file'), l10n.t('{0} files'))),
    l10n.t('{0} not flagged', count(summary.otherJwts, l10n.t('{0} other JWT'), l10n.t('{0} other JWTs'))),
    l10n.t('{0} skipped', count(summary.filesSkipped, l10n.t('{0} file'), l10n.t('{0} files'))),
    ...(summary.cancelled ? [l10n.t('cancelled')] : []),
  ].join(' · ');
}

/** What the summary's tooltip adds: how much was read, how long it took, what was not applied or not read. */
export function summaryDetails(summary: ScanSummary, conditionalExcludes: readonly string[]): string {
  return [
    (summary.cancelled ? l10n.t('Cancelled after {0} ({1} MB) in {2} s.', count(summary.filesScanned, l10n.t('{0} file'), l10n.t('{0} files')), (summary.bytesScanned / 1024 / 1024).toFixed(1), (summary.durationMs / 1000).toFixed(1)) : l10n.t('Scanned {0} ({1} MB) in {2} s.', count(summary.filesScanned, l10n.t('{0} file'), l10n.t('{0} files')), (summary.bytesScanned / 1024 / 1024).toFixed(1), (summary.durationMs / 1000).toFixed(1))),
    ...(conditionalExcludes.length > 0 ? [l10n.t('Scanned although excluded when a sibling exists (not applied by the scan): {0}', conditionalExcludes.map((glob) => visibleText(glob, nameLimit)).join(', '))] : []),
    ...summary.unreadable.map((entry) => l10n.t('Not read: {0}: {1}', visibleText(entry.file, 300), visibleText(unreadableReason(entry.reason), reasonLimit))),
  ].join('\n');
}

/** In how many milliseconds a row's "expires in …" reads differently; undefined when no row shows a time. */
export function msUntilFindingsChange(findings: readonly TokenFinding[], nowMs: number): number | undefined {
  let soonest: number | undefined;
  for (const finding of findings) {
    if (finding.expiresAt !== undefined) {
      const seconds = secondsUntilExpiryPhraseChanges(finding.expiresAt, nowMs / 1000);
      soonest = soonest === undefined ? seconds : Math.min(soonest, seconds);
    }
  }
  return soonest === undefined ? undefined : soonest * 1000;
}
