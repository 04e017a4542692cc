import type { DeletedObject, TokenReviewOutcome } from '../cluster';
import { checkedToken, localAndUtc, shown, shownLines, type ResultDocument, type TokenSource } from './resultDocument';
import { outcomeLine, type CheckEnd, type RevocationRoute } from './revocation';

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
    return [shown(`Created again: ServiceAccount ${deleted.namespace}/${deleted.name}, new UID ${recreation.uid}`)];
  }
  return [
    shown(`Not created again: ${recreation.failure ?? 'the create failed'}`),
    'Create it again with `kubectl create -f <file>` from this manifest:',
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
    shown(`Cluster: context ${result.contextName}, server ${result.server}`),
    shown(`Route: ${result.route.label}`),
    shown(`Deleted ${localAndUtc(result.deletedAt)}: ${deleted.kind} ${deleted.namespace}/${deleted.name}, UID ${deleted.uid}${deleted.pendingSeconds ? ` (it stops within its ${deleted.pendingSeconds} s grace period)` : ''}`),
    ...recreationLines(deleted, result.recreation),
    review ? shown(`Last TokenReview: ${review.authenticated ? `authenticated as ${review.username ?? '(no name)'}` : `not authenticated: ${review.error ?? 'no reason given'}`}`) : 'Last TokenReview: none answered',
  ];
  return {
    fileName: `Token revocation ${sequence}.txt`,
    render: (now) => [...lines, ...token.lines(now), '', 'What else it did or broke:', ...shownLines(result.route.effects.map((effect) => `- ${effect}`)), ''].join('\n'),
    msUntilChange: (now) => token.msUntilChange(now),
  };
}
