import type { TokenReviewOutcome } from '../cluster/types';
import { checkedToken, localAndUtc, shown, shownJson, shownLines, type ResultDocument, type TokenSource } from './resultDocument';
import { describeReview } from './review';

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
  const asked = result.requestedAudiences.length > 0 ? result.requestedAudiences.join(', ') : "none (the API server's own)";
  const facts = [
    `Reviewed ${localAndUtc(result.reviewedAt)}`,
    shown(`Cluster: context ${result.contextName}, server ${result.server}`),
    shown(`Audiences asked for: ${asked}`),
  ];
  const answer = [shown(headline), ...shownLines(details), '', 'The outcome as JSON (the TokenReview status fields the extension read):', shownJson(result.outcome)];
  return {
    fileName: `Token review ${sequence}.txt`,
    render: (now) => [...facts, ...token.lines(now), '', ...answer, ''].join('\n'),
    msUntilChange: (now) => token.msUntilChange(now),
  };
}
