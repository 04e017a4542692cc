import * as vscode from 'vscode';
import { guarded } from '../common/guarded';
import { affectsSettings, Settings } from '../common/settings';
import { IncrementalValidator, type Finding, type Severity } from '../../manifests';

export const manifestDiagnosticSource = 'Kubernetes SA Tokens';

const severities: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

/** Settles after a burst of keystrokes; each run revalidates only the YAML documents that changed. */
const typingPauseMs = 150;

function toRange(document: vscode.TextDocument, start: number, end: number): vscode.Range {
  return new vscode.Range(document.positionAt(start), document.positionAt(end));
}

/**
 * Diagnostics for TokenRequest and TokenReview manifests in YAML files, and their quick fixes.
 * Each file keeps its own incremental validator, so typing in a large file re-checks one document.
 */
export class ManifestDiagnostics implements vscode.CodeActionProvider, vscode.Disposable {
  static readonly providedCodeActionKinds = [vscode.CodeActionKind.QuickFix];
  private readonly diagnostics = vscode.languages.createDiagnosticCollection('kubeSaTokens.manifests');
  private readonly validators = new Map<string, IncrementalValidator>();
  private readonly findings = new Map<string, Finding[]>();
  private readonly pending = new Map<string, NodeJS.Timeout>();
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly log: vscode.LogOutputChannel) {
    this.subscriptions = [
      this.diagnostics,
      vscode.workspace.onDidOpenTextDocument((document) => this.validate(document)),
      vscode.workspace.onDidChangeTextDocument((event) => this.schedule(event.document)),
      vscode.workspace.onDidCloseTextDocument((document) => this.forget(document.uri)),
      vscode.workspace.onDidChangeConfiguration((event) => affectsSettings(event, 'defaultAudiences') && this.revalidateAll()),
      // Trusting the workspace lets its settings count: the default audiences the fixes offer may change.
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.revalidateAll()),
    ];
    vscode.workspace.textDocuments.forEach((document) => this.validate(document));
  }

  private revalidateAll(): void {
    this.validators.clear();
    vscode.workspace.textDocuments.forEach((document) => this.validate(document));
  }

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    return guarded(this.log, 'Manifest quick fixes', () => this.fixes(document, context), []);
  }

  private fixes(document: vscode.TextDocument, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const findings = this.findings.get(document.uri.toString()) ?? [];
    return context.diagnostics
      .filter((diagnostic) => diagnostic.source === manifestDiagnosticSource)
      .flatMap((diagnostic) => {
        const finding = findings.find((f) => f.code === diagnostic.code && toRange(document, f.start, f.end).isEqual(diagnostic.range));
        return (finding?.fixes ?? []).map((fix, index, fixes) => {
          const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
          action.diagnostics = [diagnostic];
          action.isPreferred = fixes.length === 1 || index === 0;
          action.edit = new vscode.WorkspaceEdit();
          for (const edit of fix.edits) {
            action.edit.replace(document.uri, toRange(document, edit.start, edit.end), edit.newText);
          }
          return action;
        });
      });
  }

  private schedule(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    clearTimeout(this.pending.get(key));
    this.pending.set(key, setTimeout(() => {
      this.pending.delete(key);
      this.validate(document);
    }, typingPauseMs));
  }

  private validate(document: vscode.TextDocument): void {
    if (document.languageId !== 'yaml' || document.isClosed) {
      return;
    }
    guarded(this.log, `Validating ${document.uri.toString(true)}`, () => this.validateNow(document), undefined);
  }

  private validateNow(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    let validator = this.validators.get(key);
    if (!validator) {
      const defaultAudiences = Settings.defaultAudiences(document.uri);
      validator = new IncrementalValidator({ defaultAudiences, now: Date.now() });
      this.validators.set(key, validator);
    }
    const findings = validator.validate(document.getText());
    this.findings.set(key, findings);
    this.diagnostics.set(
      document.uri,
      findings.map((finding) => {
        const diagnostic = new vscode.Diagnostic(toRange(document, finding.start, finding.end), finding.message, severities[finding.severity]);
        diagnostic.code = finding.code;
        diagnostic.source = manifestDiagnosticSource;
        return diagnostic;
      }),
    );
  }

  private forget(uri: vscode.Uri): void {
    const key = uri.toString();
    clearTimeout(this.pending.get(key));
    this.pending.delete(key);
    this.validators.delete(key);
    this.findings.delete(key);
    this.diagnostics.delete(uri);
  }

  dispose(): void {
    this.pending.forEach((timer) => clearTimeout(timer));
    vscode.Disposable.from(...this.subscriptions).dispose();
  }
}
