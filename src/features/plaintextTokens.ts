import * as vscode from 'vscode';
import { plaintextServiceAccountTokens, type PlaintextToken } from '../jwt/credentials';

const severities: Record<string, vscode.DiagnosticSeverity | undefined> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
  off: undefined,
};

export const plaintextTokenCode = 'plaintext-service-account-token';

/** Files only: a decoded view, an output channel or a diff side is not where a credential is stored. */
function isWorkspaceFile(document: vscode.TextDocument): boolean {
  return document.uri.scheme === 'file' || document.uri.scheme === 'untitled';
}

/**
 * Reports Kubernetes ServiceAccount tokens written in plain text (who they act as, until when),
 * and shows "expired …" at the end of the line of an expired one.
 */
export class PlaintextTokens implements vscode.InlayHintsProvider, vscode.Disposable {
  private readonly diagnostics = vscode.languages.createDiagnosticCollection('kubeSaTokens.plaintextTokens');
  private readonly found = new Map<string, PlaintextToken[]>();
  private readonly pending = new Map<string, NodeJS.Timeout>();
  private readonly hintsChanged = new vscode.EventEmitter<void>();
  readonly onDidChangeInlayHints = this.hintsChanged.event;
  private readonly subscriptions: vscode.Disposable[];

  constructor() {
    this.subscriptions = [
      this.diagnostics,
      this.hintsChanged,
      vscode.workspace.onDidOpenTextDocument((document) => this.check(document)),
      vscode.workspace.onDidChangeTextDocument((event) => this.schedule(event.document)),
      vscode.workspace.onDidCloseTextDocument((document) => this.forget(document.uri)),
      vscode.workspace.onDidChangeConfiguration((event) => event.affectsConfiguration('kubeSaTokens.plaintextTokens') && this.checkAll()),
    ];
    this.checkAll();
  }

  provideInlayHints(document: vscode.TextDocument, range: vscode.Range): vscode.InlayHint[] {
    return (this.found.get(document.uri.toString()) ?? []).flatMap((token) => {
      const lineEnd = document.lineAt(document.positionAt(token.start).line).range.end;
      if (!token.expired || !range.contains(lineEnd)) {
        return [];
      }
      const hint = new vscode.InlayHint(lineEnd, `ServiceAccount token ${token.expired}`);
      hint.paddingLeft = true;
      return [hint];
    });
  }

  private checkAll(): void {
    vscode.workspace.textDocuments.forEach((document) => this.check(document));
  }

  /** Typing re-checks after a pause, so a large file is scanned once per burst of edits, not per key. */
  private schedule(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    clearTimeout(this.pending.get(key));
    this.pending.set(key, setTimeout(() => {
      this.pending.delete(key);
      this.check(document);
    }, 300));
  }

  private check(document: vscode.TextDocument): void {
    const severity = severities[vscode.workspace.getConfiguration('kubeSaTokens').get<string>('plaintextTokens.severity', 'information')];
    if (!isWorkspaceFile(document) || severity === undefined) {
      this.forget(document.uri);
      return;
    }
    const tokens = plaintextServiceAccountTokens(document.getText(), Date.now());
    this.found.set(document.uri.toString(), tokens);
    this.diagnostics.set(
      document.uri,
      tokens.map((token) => {
        const diagnostic = new vscode.Diagnostic(new vscode.Range(document.positionAt(token.start), document.positionAt(token.end)), token.message, severity);
        diagnostic.code = plaintextTokenCode;
        diagnostic.source = 'Kubernetes SA Tokens';
        return diagnostic;
      }),
    );
    this.hintsChanged.fire();
  }

  private forget(uri: vscode.Uri): void {
    const key = uri.toString();
    clearTimeout(this.pending.get(key));
    this.pending.delete(key);
    if (this.found.delete(key)) {
      this.hintsChanged.fire();
    }
    this.diagnostics.delete(uri);
  }

  dispose(): void {
    this.pending.forEach((timer) => clearTimeout(timer));
    vscode.Disposable.from(...this.subscriptions).dispose();
  }
}
