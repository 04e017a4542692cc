import * as vscode from 'vscode';
import { guarded } from '../common/guarded';

export const decodedTokenScheme = 'kube-sa-token';

/**
 * Read-only documents that show a decoded token. The token itself stays in memory, keyed by an
 * opaque id in the URI, so it never appears in a file name, a tab title or the recent-files list.
 */
export class DecodedTokenView implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly tokens = new Map<string, { token: string; revealed: boolean }>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private nextId = 1;

  constructor(
    private readonly render: (token: string, revealed: boolean, now: number) => string,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  async open(token: string): Promise<void> {
    const id = String(this.nextId++);
    this.tokens.set(id, { token, revealed: false });
    const uri = vscode.Uri.from({ scheme: decodedTokenScheme, path: `/Decoded token ${id}.md`, query: id });
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document, { preview: false });
  }

  /** Shows the raw token in the decoded view the person is looking at, on their request only. */
  revealActive(): void {
    const uri = vscode.window.activeTextEditor?.document.uri;
    const entry = uri?.scheme === decodedTokenScheme ? this.tokens.get(uri.query) : undefined;
    if (uri && entry) {
      entry.revealed = true;
      this.changed.fire(uri);
    }
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    const entry = this.tokens.get(uri.query);
    if (!entry) {
      return 'This decoded token is no longer available: decoded tokens are kept in memory only, for this window.';
    }
    return guarded(this.log, 'Decoded token view', () => this.render(entry.token, entry.revealed, Date.now()), 'This token could not be shown: see the Kubernetes SA Tokens log for why.');
  }

  /** Forgets tokens whose documents were closed. */
  forget(uri: vscode.Uri): void {
    if (uri.scheme === decodedTokenScheme) {
      this.tokens.delete(uri.query);
    }
  }

  dispose(): void {
    this.tokens.clear();
    this.changed.dispose();
  }
}
