import * as vscode from 'vscode';
import { decodeJwt, type DecodedJwt } from '../../jwt/decode';
import { describeJwt, type TokenDescription } from '../../jwt/describe';
import { visibleText } from '../../text/visibleText';
import { askInModal } from '../common/confirmModal';
import { withCancellableProgress } from '../common/progress';
import { parseAudiences } from '../../tokens/handoffFormats';
import { sourceLabel } from '../../tokens/resultDocument';
import { reviewDocument } from '../../tokens/reviewDocument';
import type { TokenReviewOutcome } from '../../cluster';
import type { ClusterConnection } from '../explorer/clusterConnection';
import type { ReadOnlyDocuments } from '../common/readOnlyDocuments';
import { chooseToken, type ChosenToken, type GivenToken, type TokenTarget } from '../jwt/tokenSource';
import { confirmSendFromUntrustedWorkspace } from '../common/workspaceTrust';

/** "Review Token": asks the API server (TokenReview) whether a token authenticates, and for whom; each answer opens in its own document. */
export class ReviewTokenCommand {
  private reviews = 0;

  constructor(
    private readonly connection: ClusterConnection,
    private readonly documents: ReadOnlyDocuments,
  ) {}

  /**
   * `target`: where a hover found a token, the editor, or a token handed over in code; `audiences`
   * given (a manifest, other extensions, tests) skips asking for them. A token taken from a file
   * of an untrusted workspace is sent only after the person confirms.
   */
  async run(target: TokenTarget | GivenToken, audiences?: readonly string[]): Promise<TokenReviewOutcome | undefined> {
    const session = this.connection.current();
    const chosen = await chooseToken(target, vscode.l10n.t('Review Token'), vscode.l10n.t('The token to review (it is sent only to the current cluster)'));
    if (!chosen) {
      return undefined;
    }
    if (chosen.origin.kind === 'document' && !(await confirmSendFromUntrustedWorkspace('token', chosen.origin.uri, session.context))) {
      return undefined;
    }
    const decoded = decodeJwt(chosen.token);
    const description = describeJwt(decoded, Date.now());
    if (chosen.origin.kind !== 'given' && !(await this.confirmOtherToken(description, session.context.name))) {
      return undefined;
    }
    const requested = audiences ? [...audiences] : await this.askAudiences(chosen, decoded, description);
    if (!requested) {
      return undefined;
    }
    const outcome = await withCancellableProgress(vscode.l10n.t('Reviewing the token with {0}…', session.context.name), (signal) =>
      this.connection.call((active) => active.reviewToken(chosen.token, requested, signal), session),
    );
    const result = { token: chosen.token, source: chosen.origin, contextName: session.context.name, server: session.context.server, requestedAudiences: requested, outcome, reviewedAt: Date.now() };
    await this.documents.open(reviewDocument(++this.reviews, result), { beside: true });
    return outcome;
  }

  /**
   * A token that is not a ServiceAccount token authenticates only if the cluster trusts its issuer
   * (an OIDC authenticator): sending a Google ID token to a cluster is asked about first.
   */
  private async confirmOtherToken(description: TokenDescription, contextName: string): Promise<boolean> {
    if (description.kind === 'kubernetes-bound' || description.kind === 'kubernetes-legacy') {
      return true;
    }
    const send = vscode.l10n.t('Send It');
    const answer = await askInModal(
      vscode.l10n.t('this is a {0}, not a Kubernetes ServiceAccount token', description.title),
      vscode.l10n.t('This is a {0}, not a Kubernetes ServiceAccount token. Send it to {1} for review anyway?', description.title, visibleText(contextName, 120)),
      vscode.l10n.t('The cluster authenticates it only if it is configured to trust its issuer; otherwise you only tell the cluster the token.'),
      send,
    );
    return answer === send;
  }

  /** Says which token is about to be sent (where it came from, its masked head, whom it names), and starts from its own audiences. */
  private async askAudiences(chosen: ChosenToken, decoded: DecodedJwt, description: TokenDescription): Promise<string[] | undefined> {
    const aud = decoded.form === 'jws' ? decoded.payload.aud : undefined;
    const own = (Array.isArray(aud) ? aud : [aud]).filter((value): value is string => typeof value === 'string');
    const text = await vscode.window.showInputBox({
      title: vscode.l10n.t('Review Token: {0}, {1}…', visibleText(sourceLabel(chosen.origin), 120), visibleText(chosen.token.slice(0, 10), 10)),
      prompt: vscode.l10n.t('{0}. Audiences to check, separated by commas; empty: the API server\'s own audience.', visibleText(description.summary.plain(), 200)),
      value: own.map((audience) => visibleText(audience, 200)).join(', '),
      ignoreFocusOut: true,
    });
    return text === undefined ? undefined : parseAudiences(text);
  }
}
