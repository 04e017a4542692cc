import * as vscode from 'vscode';
import { parseAudiences } from '../tokens/handoff';
import { describeReview } from '../tokens/review';
import type { TokenReviewOutcome } from '../cluster';
import type { ClusterConnection } from './clusterConnection';
import { showResult } from '../vscodeUtil';
import { chooseToken } from './tokenSource';

/** "Review Token": asks the API server (TokenReview) whether a token authenticates, and for whom. */
export class ReviewTokenCommand {
  constructor(private readonly connection: ClusterConnection) {}

  /**
   * `given`: a token, or where a hover found one; otherwise the selection, clipboard or an input box.
   * `audiences` given (keybindings, other extensions, tests) skips asking for them.
   */
  async run(given?: unknown, audiences?: readonly string[]): Promise<TokenReviewOutcome | undefined> {
    const session = this.connection.current();
    const chosen = await chooseToken(given, 'Review Token', 'The token to review (it is sent only to the current cluster)');
    if (!chosen) {
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
        return session.reviewToken(chosen, requested, abort.signal);
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
