import * as vscode from 'vscode';
import { withCancellableProgress } from '../common/progress';
import { parseAudiences } from '../../tokens/handoffFormats';
import { describeReview } from '../../tokens/review';
import type { TokenReviewOutcome } from '../../cluster';
import type { ClusterConnection } from '../explorer/clusterConnection';
import { showResult } from '../common/showResult';
import { chooseToken, type GivenToken, type TokenTarget } from '../jwt/tokenSource';
import { confirmSendFromUntrustedWorkspace } from '../common/workspaceTrust';

/** "Review Token": asks the API server (TokenReview) whether a token authenticates, and for whom. */
export class ReviewTokenCommand {
  constructor(private readonly connection: ClusterConnection) {}

  /**
   * `target`: where a hover found a token, the editor, or a token handed over in code; `audiences`
   * given (a manifest, other extensions, tests) skips asking for them. A token taken from a file
   * of an untrusted workspace is sent only after the person confirms.
   */
  async run(target: TokenTarget | GivenToken, audiences?: readonly string[]): Promise<TokenReviewOutcome | undefined> {
    const session = this.connection.current();
    const chosen = await chooseToken(target, 'Review Token', 'The token to review (it is sent only to the current cluster)');
    if (!chosen) {
      return undefined;
    }
    if (chosen.origin.kind === 'document' && !(await confirmSendFromUntrustedWorkspace('a token', chosen.origin.uri, session.context))) {
      return undefined;
    }
    const requested = audiences ? [...audiences] : await this.askAudiences();
    if (!requested) {
      return undefined;
    }
    const outcome = await withCancellableProgress(`Reviewing the token with ${session.context.name}…`, (signal) =>
      this.connection.call((active) => active.reviewToken(chosen.token, requested, signal), session),
    );
    const { headline, details } = describeReview(outcome, requested);
    void showResult(outcome.authenticated && outcome.missingAudiences.length === 0 ? 'info' : 'warning', headline, details);
    return outcome;
  }

  private async askAudiences(): Promise<string[] | undefined> {
    const text = await vscode.window.showInputBox({
      title: 'Review Token',
      prompt: "Audiences to check, separated by commas. Empty: the API server's own audience.",
      ignoreFocusOut: true,
    });
    return text === undefined ? undefined : parseAudiences(text);
  }
}
