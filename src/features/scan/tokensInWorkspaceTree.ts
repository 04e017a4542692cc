import * as vscode from 'vscode';
import { fileRow, findingKey, findingRow, groupByFile, msUntilFindingsChange, summaryDetails, summaryText, type FileGroup, type FindingCheck } from '../../scan/findingRows';
import type { ScanSummary, TokenFinding } from '../../scan/types';

export const tokensInWorkspaceViewId = 'kubeSaTokens.tokensInWorkspace';
/** Context key read by the view's title actions in package.json. */
const hasFindingsContextKey = 'kubeSaTokens.scanHasFindings';

export type ScanNode =
  | { readonly kind: 'summary' }
  | { readonly kind: 'file'; readonly group: FileGroup }
  | { readonly kind: 'finding'; readonly finding: TokenFinding };

interface ShownScan {
  readonly summary: ScanSummary;
  readonly groups: readonly FileGroup[];
  readonly conditionalExcludes: readonly string[];
}

/**
 * "Tokens in Workspace": the last scan's findings grouped by file, with what the cluster said about
 * each one it was asked about. Rows say how long a token has left, so the view is redrawn when
 * those words change while it is visible. Nothing here holds a token, only where one is.
 */
export class TokensInWorkspaceTree implements vscode.TreeDataProvider<ScanNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ScanNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  readonly view: vscode.TreeView<ScanNode>;
  private shown: ShownScan | undefined;
  private readonly checks = new Map<string, FindingCheck>();
  private readonly subscriptions: vscode.Disposable[];
  private clock: NodeJS.Timeout | undefined;

  constructor() {
    this.view = vscode.window.createTreeView(tokensInWorkspaceViewId, { treeDataProvider: this, showCollapseAll: true });
    this.subscriptions = [this.view, this.view.onDidChangeVisibility(() => this.scheduleClock()), this.changed.event(() => this.scheduleClock())];
  }

  /** The findings shown, in the order of the view. */
  get findings(): readonly TokenFinding[] {
    return this.shown?.groups.flatMap((group) => group.findings) ?? [];
  }

  /**
   * The findings a row stands for (a file's, or one), taken from the scan shown, never from the
   * node object itself, so a command called with a made-up node cannot choose a file to read.
   */
  findingsOf(node: unknown): readonly TokenFinding[] {
    const candidate = node as Partial<{ group: unknown; finding: unknown }> | undefined;
    const groups = this.shown?.groups ?? [];
    const group = groups.find((shown) => shown === candidate?.group);
    const finding = groups.flatMap((shown) => shown.findings).find((shown) => shown === candidate?.finding);
    if (!group && !finding) {
      throw new Error(vscode.l10n.t('That row is not in the Tokens in Workspace view any more (the workspace was scanned again). Pick it in the view again.'));
    }
    return group ? group.findings : [finding!];
  }

  show(summary: ScanSummary, conditionalExcludes: readonly string[]): void {
    this.checks.clear();
    this.shown = { summary, groups: groupByFile(summary.findings, (file) => vscode.workspace.asRelativePath(file)), conditionalExcludes };
    void vscode.commands.executeCommand('setContext', hasFindingsContextKey, summary.findings.length > 0);
    this.changed.fire(undefined);
  }

  /** What the cluster said about `findings` (every place of one token). */
  setCheck(findings: readonly TokenFinding[], check: FindingCheck): void {
    for (const finding of findings) {
      this.checks.set(findingKey(finding), check);
    }
    this.changed.fire(undefined);
  }

  checkOf(finding: TokenFinding): FindingCheck | undefined {
    return this.checks.get(findingKey(finding));
  }

  dispose(): void {
    clearTimeout(this.clock);
    vscode.Disposable.from(...this.subscriptions, this.changed).dispose();
  }

  private scheduleClock(): void {
    clearTimeout(this.clock);
    const ms = this.view.visible ? msUntilFindingsChange(this.findings, Date.now()) : undefined;
    if (ms !== undefined) {
      this.clock = setTimeout(() => this.changed.fire(undefined), Math.min(ms, 2 ** 31 - 1));
    }
  }

  getChildren(node?: ScanNode): ScanNode[] {
    if (!this.shown) {
      return [];
    }
    if (!node) {
      return [{ kind: 'summary' }, ...this.shown.groups.map((group): ScanNode => ({ kind: 'file', group }))];
    }
    return node.kind === 'file' ? node.group.findings.map((finding): ScanNode => ({ kind: 'finding', finding })) : [];
  }

  getTreeItem(node: ScanNode): vscode.TreeItem {
    switch (node.kind) {
      case 'summary':
        return this.summaryItem();
      case 'file':
        return this.fileItem(node.group);
      case 'finding':
        return this.findingItem(node.finding);
    }
  }

  private summaryItem(): vscode.TreeItem {
    const shown = this.shown!;
    const item = new vscode.TreeItem(summaryText(shown.summary), vscode.TreeItemCollapsibleState.None);
    item.id = 'summary';
    item.tooltip = summaryDetails(shown.summary, shown.conditionalExcludes);
    item.iconPath = new vscode.ThemeIcon(shown.summary.cancelled ? 'debug-pause' : 'search');
    item.contextValue = 'scanSummary';
    return item;
  }

  private fileItem(group: FileGroup): vscode.TreeItem {
    const row = fileRow(group);
    const item = new vscode.TreeItem(row.label, vscode.TreeItemCollapsibleState.Expanded);
    item.id = `file:${group.file}`;
    item.description = row.description;
    item.tooltip = row.label;
    item.resourceUri = vscode.Uri.file(group.file);
    item.iconPath = vscode.ThemeIcon.File;
    item.contextValue = 'scanFile';
    return item;
  }

  private findingItem(finding: TokenFinding): vscode.TreeItem {
    const row = findingRow(finding, Date.now(), this.checkOf(finding));
    const item = new vscode.TreeItem(row.label, vscode.TreeItemCollapsibleState.None);
    item.id = `finding:${findingKey(finding)}`;
    item.description = row.description;
    item.tooltip = new vscode.MarkdownString(row.tooltip);
    item.iconPath = new vscode.ThemeIcon('key', row.live ? new vscode.ThemeColor('list.warningForeground') : undefined);
    item.contextValue = 'scanFinding';
    const selection = new vscode.Range(finding.line, finding.character, finding.line, finding.character + finding.length);
    item.command = { command: 'vscode.open', title: vscode.l10n.t('Open at the token'), arguments: [vscode.Uri.file(finding.file), { selection } satisfies vscode.TextDocumentShowOptions] };
    return item;
  }
}
