import * as vscode from 'vscode';
import { parseAudiences } from '../tokens/handoff';
import { describeReview } from '../tokens/review';
import type { TokenReviewOutcome } from '../cluster';
import type { ClusterConnection } from './clusterConnection';
import { showResult } from '../vscodeUtil';
import { chooseToken, type GivenToken, type TokenTarget } from './tokenSource';
import { confirmSendFromUntrustedWorkspace } from './workspaceTrust';

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
    const outcome = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Reviewing the token with ${session.context.name}…`, cancellable: true },
      (_progress, cancellation) => {
        const abort = new AbortController();
        cancellation.onCancellationRequested(() => abort.abort());
        return session.reviewToken(chosen.token, requested, abort.signal);
      },
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
