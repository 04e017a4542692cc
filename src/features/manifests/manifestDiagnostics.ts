import * as vscode from 'vscode';
import { displayName } from '../../displayName';
import type { Finding, Severity } from '../../manifests';
import { DocumentDebouncer } from '../common/documentDebouncer';
import { guarded } from '../common/guarded';
import type { ManifestAnalyses } from './manifestAnalyses';

export const manifestDiagnosticSource = displayName;

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

/** Diagnostics for TokenRequest and TokenReview manifests in YAML files, and their quick fixes, from the documents' one analysis. */
export class ManifestDiagnostics implements vscode.CodeActionProvider, vscode.Disposable {
  static readonly providedCodeActionKinds = [vscode.CodeActionKind.QuickFix];
  private readonly diagnostics = vscode.languages.createDiagnosticCollection('kubeSaTokens.manifests');
  private readonly debouncer = new DocumentDebouncer(typingPauseMs, (document) => this.show(document));
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly analyses: ManifestAnalyses,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.subscriptions = [
      this.diagnostics,
      this.debouncer,
      vscode.workspace.onDidOpenTextDocument((document) => this.show(document)),
      vscode.workspace.onDidChangeTextDocument((event) => this.debouncer.schedule(event.document)),
      vscode.workspace.onDidCloseTextDocument((document) => {
        this.debouncer.forget(document.uri);
        this.diagnostics.delete(document.uri);
      }),
      // A lens or a fix may have analysed a newer version first, or the options changed: show what it found.
      analyses.onDidChange((uri) => {
        const document = vscode.workspace.textDocuments.find((candidate) => candidate.uri.toString() === uri.toString());
        if (document) {
          this.show(document);
        }
      }),
    ];
    vscode.workspace.textDocuments.forEach((document) => this.show(document));
  }

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    return guarded(this.log, 'Manifest quick fixes', () => this.fixes(document, context), []);
  }

  private fixes(document: vscode.TextDocument, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const findings = this.analyses.analysisOf(document)?.findings ?? [];
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

  private show(document: vscode.TextDocument): void {
    guarded(this.log, `Validating ${document.uri.toString(true)}`, () => this.showNow(document), undefined);
  }

  private showNow(document: vscode.TextDocument): void {
    const analysis = this.analyses.analysisOf(document);
    if (!analysis) {
      return;
    }
    this.diagnostics.set(document.uri, analysis.findings.map((finding: Finding) => {
      const diagnostic = new vscode.Diagnostic(toRange(document, finding.start, finding.end), finding.message, severities[finding.severity]);
      diagnostic.code = finding.code;
      diagnostic.source = manifestDiagnosticSource;
      return diagnostic;
    }));
  }

  dispose(): void {
    vscode.Disposable.from(...this.subscriptions).dispose();
  }
}
