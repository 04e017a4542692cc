import * as vscode from 'vscode';
import { DocumentAnalyses, nextTokenExpiry, type FileAnalysis } from '../../manifests';
import { affectsSettings, Settings } from '../common/settings';
import type { ClusterConnection } from '../explorer/clusterConnection';
import { WalkthroughSteps, type WalkthroughProgress } from '../walkthrough/walkthroughSteps';

/** Above this, a validation is worth a line in the log: typing in that file may be felt. */
const slowValidationMs = 50;

/**
 * The editor's side of the one analysis per YAML document: it hands each version of a document
 * to DocumentAnalyses, and drops the analyses when their options change (the default audiences,
 * workspace trust, the connected cluster's version). Diagnostics, quick fixes, lenses and
 * sending all read from here.
 */
export class ManifestAnalyses implements vscode.Disposable {
  /** Made when the first YAML document is analysed: the validator is a bundle of its own, loaded on first use (esbuild.mjs). */
  private made: DocumentAnalyses | undefined;
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  /** Fires with each document whose analysis changed or was dropped. */
  readonly onDidChange = this.changed.event;
  private readonly subscriptions: vscode.Disposable[];
  /** Per document, when the first of its TokenReviews' tokens expires. */
  private readonly tokenExpiries = new Map<string, number>();
  private expiryCheck: NodeJS.Timeout | undefined;

  constructor(
    private readonly connection: Pick<ClusterConnection, 'status' | 'onDidChangeStatus'>,
    private readonly log: vscode.LogOutputChannel,
    private readonly walkthrough: WalkthroughProgress,
  ) {
    this.subscriptions = [
      this.changed,
      vscode.workspace.onDidCloseTextDocument((document) => this.made?.forget(document.uri.toString())),
      vscode.workspace.onDidChangeConfiguration((event) => affectsSettings(event, 'defaultAudiences') && this.made?.reset()),
      // Trusting the workspace lets its settings count: the default audiences the fixes offer may change.
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.made?.reset()),
      // The cluster's version decides what it cannot do (Node binding).
      connection.onDidChangeStatus((status) => (status.state === 'connected' || status.state === 'idle') && this.made?.reset()),
    ];
  }

  private get analyses(): DocumentAnalyses {
    if (!this.made) {
      const analyses = new DocumentAnalyses((key) => {
        const status = this.connection.status;
        return {
          defaultAudiences: Settings.defaultAudiences(vscode.Uri.parse(key)),
          // Read when a document part is checked, so an edit an hour later is checked against the clock of then.
          get now() {
            return Date.now();
          },
          serverVersion: status.state === 'connected' ? status.version : undefined,
        };
      });
      this.subscriptions.push(
        analyses,
        analyses.onDidChange((key) => {
          this.changed.fire(vscode.Uri.parse(key));
          this.scheduleExpiryCheck(key);
        }),
      );
      this.made = analyses;
    }
    return this.made;
  }

  /** The analysis of the document as it is now; undefined for anything but an open YAML document. */
  analysisOf(document: vscode.TextDocument): FileAnalysis | undefined {
    if (document.languageId !== 'yaml' || document.isClosed) {
      return undefined;
    }
    const started = performance.now();
    let length = 0;
    const analysis = this.analyses.update(document.uri.toString(), document.version, () => {
      const text = document.getText();
      length = text.length;
      return text;
    });
    const milliseconds = performance.now() - started;
    if (milliseconds > slowValidationMs) {
      this.log.info(`Validated ${document.uri.toString(true)} (${length} characters) in ${Math.round(milliseconds)} ms`);
    }
    if (analysis.manifests.some((manifest) => manifest.kind === 'TokenRequest')) {
      this.walkthrough.complete(WalkthroughSteps.wroteTokenRequest);
    }
    return analysis;
  }

  /**
   * Parts of a document that did not change keep their findings; a TokenReview's token that expires
   * while its document is open would keep reading as valid. So every analysis is dropped (and made
   * again) at the moment the first such token expires.
   */
  private scheduleExpiryCheck(changedKey: string): void {
    const now = Date.now();
    const analysis = this.analyses.get(changedKey);
    const expiry = analysis && nextTokenExpiry(analysis.manifests, now);
    if (expiry === undefined) {
      this.tokenExpiries.delete(changedKey);
    } else {
      this.tokenExpiries.set(changedKey, expiry);
    }
    clearTimeout(this.expiryCheck);
    if (this.tokenExpiries.size > 0) {
      // One second late, so the check runs when the token has expired by the validator's clock too; at
      // once (not a negative delay) when a busy event loop let that moment pass before this ran.
      const delay = Math.min(...this.tokenExpiries.values()) - now + 1000;
      this.expiryCheck = setTimeout(() => this.made?.reset(), Math.min(Math.max(delay, 0), 2 ** 31 - 1));
    }
  }

  dispose(): void {
    clearTimeout(this.expiryCheck);
    vscode.Disposable.from(...this.subscriptions).dispose();
  }
}
