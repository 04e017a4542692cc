import * as vscode from 'vscode';
import { parseAudiences } from '../tokens/handoff';
import { describeReview } from '../tokens/review';
import type { ClusterConnection } from './clusterConnection';

const compactJws = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

/** The selection or the clipboard, when either holds something shaped like a token. */
async function tokenNearby(): Promise<string | undefined> {
  const editor = vscode.window.activeTextEditor;
  const selected = editor && !editor.selection.isEmpty ? editor.document.getText(editor.selection).trim() : '';
  if (compactJws.test(selected)) {
    return selected;
  }
  const clipboard = (await vscode.env.clipboard.readText()).trim();
  return compactJws.test(clipboard) ? clipboard : undefined;
}

/** "Review Token": asks the API server (TokenReview) whether a token authenticates, and for whom. */
export class ReviewTokenCommand {
  constructor(private readonly connection: ClusterConnection) {}

  async run(token?: string): Promise<void> {
    const session = this.connection.current();
    const candidate = token ?? (await tokenNearby());
    const chosen =
      candidate ??
      (await vscode.window.showInputBox({
        title: 'Review Token',
        prompt: 'The token to review (it is sent only to the current cluster)',
        password: true,
        ignoreFocusOut: true,
        validateInput: (value) => (compactJws.test(value.trim()) ? undefined : 'A JWT has three base64url parts separated by dots.'),
      }))?.trim();
    if (!chosen) {
      return;
    }
    const audienceText = await vscode.window.showInputBox({
      title: 'Review Token',
      prompt: "Audiences to check, separated by commas. Empty: the API server's own audience.",
      ignoreFocusOut: true,
    });
    if (audienceText === undefined) {
      return;
    }
    const audiences = parseAudiences(audienceText);
    const outcome = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Reviewing the token with ${session.context.name}…`, cancellable: true },
      (_progress, cancellation) => {
        const abort = new AbortController();
        cancellation.onCancellationRequested(() => abort.abort());
        return session.reviewToken(chosen, audiences, abort.signal);
      },
    );
    const { headline, details } = describeReview(outcome, audiences);
    const show = outcome.authenticated && outcome.missingAudiences.length === 0 ? vscode.window.showInformationMessage : vscode.window.showWarningMessage;
    await show(headline, { modal: true, detail: details.join('\n') });
  }
}
