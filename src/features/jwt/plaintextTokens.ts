import * as vscode from 'vscode';
import { displayName } from '../../displayName';
import { type DecodedAccount, plaintextCheckSliceMs, PlaintextTokenCheck, type PlaintextToken, type PlaintextTokenReport } from '../../jwt/credentials';
import { DocumentDebouncer } from '../common/documentDebouncer';
import { guarded } from '../common/guarded';
import { affectsSettings, Settings, type PlaintextSeverity } from '../common/settings';

const severities: Record<PlaintextSeverity, vscode.DiagnosticSeverity | undefined> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
  off: undefined,
};

export const plaintextTokenCode = 'plaintext-service-account-token';

/** Timers are re-armed at least this often, so a long wait never outlives a sleeping machine's clock jump. */
const maxWaitSeconds = 3600;

const checking = (document: vscode.TextDocument) => `Checking ${document.uri.toString(true)} for plaintext tokens`;

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
  private readonly found = new Map<string, readonly PlaintextToken[]>();
  /** Per document: what the last finished check decoded, so the next one decodes only changed tokens. */
  private readonly decoded = new Map<string, ReadonlyMap<string, DecodedAccount>>();
  /** Per document: the check under way, dropped when the document changes again. */
  private readonly running = new Map<string, NodeJS.Immediate>();
  /** Typing re-checks after a pause, so a large file is scanned once per burst of edits, not per key. */
  private readonly debouncer = new DocumentDebouncer(300, (document) => this.check(document));
  /** "expires in 9 min" is re-checked when its words change, for open documents only, so it never goes stale. */
  private readonly clock = new DocumentDebouncer(0, (document) => this.check(document));
  private readonly hintsChanged = new vscode.EventEmitter<void>();
  readonly onDidChangeInlayHints = this.hintsChanged.event;
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly log: vscode.LogOutputChannel) {
    this.subscriptions = [
      this.diagnostics,
      this.hintsChanged,
      this.debouncer,
      this.clock,
      vscode.workspace.onDidOpenTextDocument((document) => this.check(document)),
      vscode.workspace.onDidChangeTextDocument((event) => {
        this.cancel(event.document.uri);
        this.debouncer.schedule(event.document);
      }),
      vscode.workspace.onDidCloseTextDocument((document) => this.forget(document.uri)),
      vscode.workspace.onDidChangeConfiguration((event) => affectsSettings(event, 'plaintextTokens') && this.checkAll()),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.checkAll()),
    ];
    this.checkAll();
  }

  provideInlayHints(document: vscode.TextDocument, range: vscode.Range): vscode.InlayHint[] {
    return guarded(this.log, 'Expired-token hints', () => this.hints(document, range), []);
  }

  private hints(document: vscode.TextDocument, range: vscode.Range): vscode.InlayHint[] {
    return (this.found.get(document.uri.toString()) ?? []).flatMap((token) => {
      // Hints are asked for while a new check is under way: a token of the old text may lie past the new end.
      const lineEnd = token.line < document.lineCount ? document.lineAt(token.line).range.end : undefined;
      if (!token.expired || !lineEnd || !range.contains(lineEnd)) {
        return [];
      }
      const hint = new vscode.InlayHint(lineEnd, vscode.l10n.t('ServiceAccount token {0}', token.expired));
      hint.paddingLeft = true;
      return [hint];
    });
  }

  private checkAll(): void {
    vscode.workspace.textDocuments.forEach((document) => this.check(document));
  }

  private check(document: vscode.TextDocument): void {
    guarded(this.log, checking(document), () => this.checkNow(document), undefined);
  }

  private checkNow(document: vscode.TextDocument): void {
    const severity = severities[Settings.plaintextSeverity(document.uri)];
    if (!isWorkspaceFile(document) || severity === undefined) {
      this.forget(document.uri);
      return;
    }
    const key = document.uri.toString();
    this.cancel(document.uri);
    const check = new PlaintextTokenCheck(document.getText(), Date.now(), this.decoded.get(key));
    const slice = () => {
      this.running.delete(key);
      const deadline = performance.now() + plaintextCheckSliceMs;
      const report = check.advance(() => performance.now() > deadline);
      if (report) {
        this.decoded.set(key, check.decoded);
        this.publish(document, report, severity);
      } else {
        this.running.set(key, setImmediate(() => guarded(this.log, checking(document), slice, undefined)));
      }
    };
    slice();
  }

  private publish(document: vscode.TextDocument, report: PlaintextTokenReport, severity: vscode.DiagnosticSeverity): void {
    this.found.set(document.uri.toString(), report.tokens);
    const diagnostic = (range: vscode.Range, message: string) => {
      const created = new vscode.Diagnostic(range, message, severity);
      created.code = plaintextTokenCode;
      created.source = displayName;
      return created;
    };
    const diagnostics = report.tokens.map((token) => diagnostic(new vscode.Range(token.line, token.character, token.line, token.character + token.end - token.start), token.message));
    if (report.summary) {
      // One diagnostic for the rest, on the first line: a file of thousands of tokens must not flood the Problems view.
      diagnostics.push(diagnostic(document.lineAt(0).range, report.summary));
    }
    this.diagnostics.set(document.uri, diagnostics);
    this.hintsChanged.fire();
    const changesIn = Math.min(...report.tokens.map((token) => token.changesIn ?? Infinity));
    if (Number.isFinite(changesIn)) {
      this.clock.schedule(document, Math.min(changesIn, maxWaitSeconds) * 1000);
    }
  }

  /** Drops the document's check under way: the text it reads is no longer the document's. */
  private cancel(uri: vscode.Uri): void {
    const key = uri.toString();
    clearImmediate(this.running.get(key));
    this.running.delete(key);
  }

  private forget(uri: vscode.Uri): void {
    this.cancel(uri);
    this.decoded.delete(uri.toString());
    this.debouncer.forget(uri);
    this.clock.forget(uri);
    if (this.found.delete(uri.toString())) {
      this.hintsChanged.fire();
    }
    this.diagnostics.delete(uri);
  }

  dispose(): void {
    this.running.forEach((immediate) => clearImmediate(immediate));
    this.running.clear();
    vscode.Disposable.from(...this.subscriptions).dispose();
  }
}
