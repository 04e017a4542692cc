import type { TokenReviewOutcome } from '../cluster/types';
import { checkedToken, localAndUtc, shown, shownJson, shownLines, type ResultDocument, type TokenSource } from './resultDocument';
import { describeReview } from './review';
import * as l10n from '../text/l10n';

/** One TokenReview as it happened: the token, which cluster answered, what was asked, and the answer. */
export interface ReviewResult {
  readonly token: string;
  readonly source: TokenSource;
  readonly contextName: string;
  readonly server: string;
  readonly requestedAudiences: readonly string[];
  readonly outcome: TokenReviewOutcome;
  readonly reviewedAt: number;
}

/**
 * Review number `sequence` as a plain-text document to keep and compare: when and where it was
 * reviewed, which token (masked), the outcome in words, and the outcome's fields as JSON.
 */
export function reviewDocument(sequence: number, result: ReviewResult): ResultDocument {
  const token = checkedToken(result.token, result.source);
  const { headline, details } = describeReview(result.outcome, result.requestedAudiences);
  const asked = result.requestedAudiences.length > 0 ? result.requestedAudiences.join(', ') : l10n.t('none (the API server\'s own)');
  const facts = [
    l10n.t('Reviewed {0}', localAndUtc(result.reviewedAt)),
    shown(l10n.t('Cluster: context {0}, server {1}', result.contextName, result.server)),
    shown(l10n.t('Audiences asked for: {0}', asked)),
  ];
  const answer = [shown(headline), ...shownLines(details), '', l10n.t('The outcome as JSON (the TokenReview status fields the extension read):'), shownJson(result.outcome)];
  return {
    fileName: `${l10n.t('Token review {0}', sequence)}.txt`,
    render: (now) => [...facts, ...token.lines(now), '', ...answer, ''].join('\n'),
    msUntilChange: (now) => token.msUntilChange(now),
  };
}
