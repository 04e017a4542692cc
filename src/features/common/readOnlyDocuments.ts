import * as vscode from 'vscode';
import { guarded } from './guarded';

/** What one read-only document shows: a result, a decoded token, a ServiceAccount's details. */
export interface ReadOnlyContent {
  /** The tab's name; its extension picks the language (`.jsonc`, `.yaml`, `.txt`). Never a token's text. */
  readonly fileName: string;
  render(now: number): string;
  /** Milliseconds until `render` would read differently because time passed ("expires in 9 min"); undefined: never. */
  msUntilChange?(now: number): number | undefined;
}

export const readOnlyScheme = 'kube-sa-tokens';

/** setTimeout's longest delay; a later change is looked at again then. */
const longestDelayMs = 2 ** 31 - 1;

/**
 * The extension's read-only documents: one per result the person asked for, kept open as long as
 * they like, compared and copied as text. Their content lives in memory, keyed by an opaque id in
 * the URI, so a token never appears in a file name, a tab title or the recent-files list. Open ones
 * are rendered again when their relative times change, and only while visible.
 */
export class ReadOnlyDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly contents = new Map<string, ReadOnlyContent>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly subscriptions: vscode.Disposable[];
  private nextId = 1;
  private clock: NodeJS.Timeout | undefined;

  constructor(private readonly log: vscode.LogOutputChannel) {
    this.subscriptions = [
      vscode.workspace.registerTextDocumentContentProvider(readOnlyScheme, this),
      vscode.workspace.onDidCloseTextDocument((document) => this.forget(document.uri)),
      vscode.window.onDidChangeVisibleTextEditors(() => this.scheduleClock()),
    ];
  }

  /** Opens `content` in a new tab (beside the current editor, or as a preview the next one replaces, when asked) and returns its editor. */
  async open(content: ReadOnlyContent, options: { readonly beside?: boolean; readonly preview?: boolean } = {}): Promise<vscode.TextEditor> {
    const id = String(this.nextId++);
    this.contents.set(id, content);
    const uri = vscode.Uri.from({ scheme: readOnlyScheme, path: `/${content.fileName}`, query: id });
    const document = await vscode.workspace.openTextDocument(uri);
    return vscode.window.showTextDocument(document, { preview: options.preview ?? false, viewColumn: options.beside ? vscode.ViewColumn.Beside : undefined });
  }

  /** The content shown at `uri`, when it is one of ours and still open. */
  contentOf(uri: vscode.Uri | undefined): ReadOnlyContent | undefined {
    return uri?.scheme === readOnlyScheme ? this.contents.get(uri.query) : undefined;
  }

  /** Renders `uri` again (its content changed, for instance a token was revealed or masked). */
  refresh(uri: vscode.Uri): void {
    this.changed.fire(uri);
    this.scheduleClock();
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    const content = this.contentOf(uri);
    if (!content) {
      return vscode.l10n.t('This document is no longer available: results and decoded tokens are kept in memory only, for this window. Run the command again.');
    }
    return guarded(this.log, `Showing ${content.fileName}`, () => content.render(Date.now()), vscode.l10n.t('This could not be shown: see the Kubernetes SA Tokens log for why.'));
  }

  dispose(): void {
    clearTimeout(this.clock);
    this.contents.clear();
    vscode.Disposable.from(...this.subscriptions, this.changed).dispose();
  }

  private forget(uri: vscode.Uri): void {
    if (uri.scheme === readOnlyScheme) {
      this.contents.delete(uri.query);
    }
  }

  /** One timer, set for the soonest change among the visible documents. */
  private scheduleClock(): void {
    clearTimeout(this.clock);
    const now = Date.now();
    const due = this.visible()
      .map(({ content }) => guarded(this.log, `Timing ${content.fileName}`, () => content.msUntilChange?.(now), undefined))
      .filter((ms): ms is number => ms !== undefined && Number.isFinite(ms));
    if (due.length === 0) {
      return;
    }
    this.clock = setTimeout(() => this.tick(), Math.min(Math.max(Math.min(...due), 1000), longestDelayMs));
  }

  private tick(): void {
    const now = Date.now();
    for (const { uri, content } of this.visible()) {
      const ms = guarded(this.log, `Timing ${content.fileName}`, () => content.msUntilChange?.(now), undefined);
      if (ms !== undefined) {
        this.changed.fire(uri);
      }
    }
    this.scheduleClock();
  }

  private visible(): { readonly uri: vscode.Uri; readonly content: ReadOnlyContent }[] {
    const seen = new Set<string>();
    return vscode.window.visibleTextEditors.flatMap(({ document: { uri } }) => {
      const content = this.contentOf(uri);
      if (!content || seen.has(uri.query)) {
        return [];
      }
      seen.add(uri.query);
      return [{ uri, content }];
    });
  }
}
