import type * as vscode from 'vscode';

/**
 * One timer per document for a per-document check: after typing pauses (so a large file is
 * checked once per burst of edits rather than per key), or at a time the check asked for.
 * Forgetting a document drops its timer.
 */
export class DocumentDebouncer implements vscode.Disposable {
  private readonly pending = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly pauseMs: number,
    private readonly check: (document: vscode.TextDocument) => void,
  ) {}

  /** (Re)starts the document's timer: `delayMs` instead of the pause, for a check due at a known time. */
  schedule(document: vscode.TextDocument, delayMs = this.pauseMs): void {
    const key = document.uri.toString();
    clearTimeout(this.pending.get(key));
    this.pending.set(
      key,
      setTimeout(() => {
        this.pending.delete(key);
        this.check(document);
      }, delayMs),
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
