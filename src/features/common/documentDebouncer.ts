import type * as vscode from 'vscode';

/**
 * Runs a per-document check once typing pauses, so a large file is checked once per burst of
 * edits rather than per key. One timer per document; forgetting a document drops its timer.
 */
export class DocumentDebouncer implements vscode.Disposable {
  private readonly pending = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly pauseMs: number,
    private readonly check: (document: vscode.TextDocument) => void,
  ) {}

  schedule(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    clearTimeout(this.pending.get(key));
    this.pending.set(
      key,
      setTimeout(() => {
        this.pending.delete(key);
        this.check(document);
      }, this.pauseMs),
    );
  }

  forget(uri: vscode.Uri): void {
    const key = uri.toString();
    clearTimeout(this.pending.get(key));
    this.pending.delete(key);
  }

  dispose(): void {
    this.pending.forEach((timer) => clearTimeout(timer));
    this.pending.clear();
  }
}
