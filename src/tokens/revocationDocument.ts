import type { DeletedObject, TokenReviewOutcome } from '../cluster';
import { checkedToken, localAndUtc, shown, shownLines, type ResultDocument, type TokenSource } from './resultDocument';
import { outcomeLine, type CheckEnd, type RevocationRoute } from './revocation';
import * as l10n from '../text/l10n';

/** How checking after the delete ended, with the last TokenReview's answer when one came. */
export interface RevocationCheck extends CheckEnd {
  readonly lastReview?: TokenReviewOutcome;
}

/** A ServiceAccount created again, or why not, with the manifest that creates it by hand. */
export interface Recreation {
  readonly uid?: string;
  readonly failure?: string;
  readonly manifest: string;
}

/** One revocation as it happened. */
export interface RevocationResult {
  readonly token: string;
  readonly source: TokenSource;
  readonly contextName: string;
  readonly server: string;
  readonly route: RevocationRoute;
  readonly deleted: DeletedObject;
  readonly deletedAt: number;
  readonly recreation?: Recreation;
  readonly check: RevocationCheck;
}

function recreationLines(deleted: DeletedObject, recreation: Recreation | undefined): string[] {
  if (!recreation) {
    return [];
  }
  if (recreation.uid) {
    return [shown(l10n.t('Created again: ServiceAccount {0}/{1}, new UID {2}', deleted.namespace, deleted.name, recreation.uid))];
  }
  return [
    shown(l10n.t('Not created again: {0}', recreation.failure ?? l10n.t('the create failed'))),
    l10n.t('Create it again with `kubectl create -f <file>` from this manifest:'),
    ...shownLines(recreation.manifest.split('\n')),
  ];
}

/** Revocation number `sequence` as a plain-text document: the outcome first, then what was done where, to which token, and what else it broke. */
export function revocationDocument(sequence: number, result: RevocationResult): ResultDocument {
  const token = checkedToken(result.token, result.source);
  const { deleted, check } = result;
  const review = check.lastReview;
  const lines = [
    shown(outcomeLine(result.route.kind, check, result.recreation?.uid !== undefined)),
    '',
    shown(l10n.t('Cluster: context {0}, server {1}', result.contextName, result.server)),
    shown(l10n.t('Route: {0}', result.route.label)),
    shown(deleted.pendingSeconds ? l10n.t('Deleted {0}: {1} {2}/{3}, UID {4} (it stops within its {5} s grace period)', localAndUtc(result.deletedAt), deleted.kind, deleted.namespace, deleted.name, deleted.uid, deleted.pendingSeconds) : l10n.t('Deleted {0}: {1} {2}/{3}, UID {4}', localAndUtc(result.deletedAt), deleted.kind, deleted.namespace, deleted.name, deleted.uid)),
    ...recreationLines(deleted, result.recreation),
    review ? shown(review.authenticated ? l10n.t('Last TokenReview: authenticated as {0}', review.username ?? l10n.t('(no name)')) : l10n.t('Last TokenReview: not authenticated: {0}', review.error ?? l10n.t('no reason given'))) : l10n.t('Last TokenReview: none answered'),
  ];
  return {
    fileName: `${l10n.t('Token revocation {0}', sequence)}.txt`,
    render: (now) => [...lines, ...token.lines(now), '', l10n.t('What else it did or broke:'), ...shownLines(result.route.effects.map((effect) => `- ${effect}`)), ''].join('\n'),
    msUntilChange: (now) => token.msUntilChange(now),
  };
}
