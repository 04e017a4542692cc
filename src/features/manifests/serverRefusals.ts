import * as vscode from 'vscode';
import { isClusterFailure } from '../../errors';
import { refusalFindings, type Finding } from '../../manifests';
import { guarded } from '../common/guarded';
import { manifestDiagnosticSource } from './manifestDiagnostics';

/**
 * The cluster's refusals of manifests sent from their lenses, as diagnostics on the fields they
 * name. They are the server's answer to the text as it was sent, so any change to the document
 * clears them; sending a manifest again replaces its own.
 */
export class ServerRefusals implements vscode.Disposable {
  private readonly diagnostics = vscode.languages.createDiagnosticCollection('kubeSaTokens.serverRefusals');
  /** Per document, the findings of each manifest by where it starts. */
  private readonly refused = new Map<string, Map<number, Finding[]>>();
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly log: vscode.LogOutputChannel) {
    this.subscriptions = [
      this.diagnostics,
      vscode.workspace.onDidChangeTextDocument((event) => event.contentChanges.length > 0 && this.clear(event.document.uri)),
      vscode.workspace.onDidCloseTextDocument((document) => this.clear(document.uri)),
    ];
  }

  /** Runs the send of the manifest at `start` in `uri`; a refusal is recorded if the document did not change meanwhile, then rethrown. */
  async track<T>(uri: unknown, start: unknown, send: () => Promise<T>): Promise<T> {
    const document = vscode.workspace.textDocuments.find((candidate) => candidate.uri.toString() === uri);
    const version = document?.version;
    try {
      const result = await send();
      if (document && typeof start === 'number') {
        this.set(document, start, []);
      }
      return result;
    } catch (error) {
      if (document && typeof start === 'number' && document.version === version && isClusterFailure(error)) {
        guarded(this.log, 'Showing the server refusal', () => this.set(document, start, refusalFindings(document.getText(), start, error)), undefined);
      }
      throw error;
    }
  }

  /** Replaces the findings of the manifest at `start`; none clears them. */
  private set(document: vscode.TextDocument, start: number, findings: Finding[]): void {
    const key = document.uri.toString();
    const byManifest = this.refused.get(key) ?? new Map<number, Finding[]>();
    if (findings.length > 0) {
      byManifest.set(start, findings);
    } else {
      byManifest.delete(start);
    }
    if (byManifest.size === 0) {
      this.clear(document.uri);
      return;
    }
    this.refused.set(key, byManifest);
    this.diagnostics.set(
      document.uri,
      [...byManifest.values()].flat().map((finding) => {
        const range = new vscode.Range(document.positionAt(finding.start), document.positionAt(finding.end));
        const diagnostic = new vscode.Diagnostic(range, finding.message, vscode.DiagnosticSeverity.Error);
        diagnostic.code = finding.code;
        diagnostic.source = manifestDiagnosticSource;
        return diagnostic;
      }),
    );
  }

  private clear(uri: vscode.Uri): void {
    if (this.refused.delete(uri.toString())) {
      this.diagnostics.delete(uri);
    }
  }

  dispose(): void {
    vscode.Disposable.from(...this.subscriptions).dispose();
  }
}
