import { verificationLines, type Verification } from '../jwt/verify';
import { checkedToken, localAndUtc, shown, shownLines, type ResultDocument, type TokenSource } from './resultDocument';
import * as l10n from '../text/l10n';

/** One signature check as it happened: the token, the audience required, and what was found. */
export interface VerificationResult {
  readonly token: string;
  readonly source: TokenSource;
  /** Undefined: the `aud` claim was not checked. */
  readonly audience: string | undefined;
  readonly verification: Verification;
  readonly verifiedAt: number;
}

/** The outcome in one sentence. A valid signature with notes (a legacy token that never expires) is not a plain "valid". */
export function verificationHeadline(verification: Verification): string {
  if (verification.valid) {
    return verification.notes.length > 0 ? l10n.t('The signature is valid; read the notes below.') : l10n.t('The token is valid.');
  }
  return verification.signatureValid ? l10n.t('The signature is valid, but a claim check failed.') : l10n.t('The token could not be verified.');
}

/**
 * Check number `sequence` as a plain-text document to keep and compare: when, with which keys,
 * which token (masked), the outcome, and each check. The checks' relative times ("expires in
 * 14 min") are as of the check, and the document says so; the decoded line follows the clock.
 */
export function verificationDocument(sequence: number, result: VerificationResult): ResultDocument {
  const token = checkedToken(result.token, result.source);
  const { verification } = result;
  const facts = [
    l10n.t('Verified {0}', localAndUtc(result.verifiedAt)),
    shown(l10n.t('Keys: {0}', verification.verifiedWith)),
    shown(l10n.t('Audience required: {0}', result.audience ?? l10n.t('none (the aud claim was not checked)'))),
  ];
  const answer = [verificationHeadline(verification), l10n.t('What the check found, with times as of when it ran:'), ...shownLines(verificationLines(verification))];
  return {
    fileName: `${l10n.t('Signature check {0}', sequence)}.txt`,
    render: (now) => [...facts, ...token.lines(now), '', ...answer, ''].join('\n'),
    msUntilChange: (now) => token.msUntilChange(now),
  };
}
