import * as vscode from 'vscode';
import type { ContextSummary, ServiceAccountListing } from '../../cluster';
import { CommandIds } from '../../commandIds';
import { isClusterFailure, messageOf } from '../../errors';
import { rootProblemOf } from '../../explorer/listing';
import { childrenOf, presentNode, type Node, type NodePresentation } from '../../explorer/treeNodes';
import type { IssuedTokens } from '../tokens/issuedTokens';
import type { ClusterConnection } from './clusterConnection';

export type { Node } from '../../explorer/treeNodes';

export const serviceAccountsViewId = 'kubeSaTokens.serviceAccounts';
/** Context key read by the welcome views in package.json. */
const problemContextKey = 'kubeSaTokens.treeProblem';
const filteredContextKey = 'kubeSaTokens.treeFiltered';

interface Load {
  readonly context: ContextSummary;
  readonly listing: Promise<ServiceAccountListing>;
}

const collapsibleStates: Record<NodePresentation['collapsible'], vscode.TreeItemCollapsibleState> = {
  none: vscode.TreeItemCollapsibleState.None,
  collapsed: vscode.TreeItemCollapsibleState.Collapsed,
  expanded: vscode.TreeItemCollapsibleState.Expanded,
};

function treeItem(node: Node, presentation: NodePresentation): vscode.TreeItem {
  const item = new vscode.TreeItem(presentation.label, collapsibleStates[presentation.collapsible]);
  item.id = presentation.id;
  item.description = presentation.description;
  item.tooltip = presentation.markdownTooltip && presentation.tooltip ? new vscode.MarkdownString(presentation.tooltip, true) : presentation.tooltip;
  item.iconPath = new vscode.ThemeIcon(presentation.icon.name, presentation.icon.warning ? new vscode.ThemeColor('list.warningForeground') : undefined);
  item.contextValue = presentation.contextValue;
  if (node.kind === 'issuedToken') {
    item.command = { command: CommandIds.handOffIssuedToken, title: 'Use token', arguments: [node] };
  } else if (node.kind === 'message' && node.isError) {
    item.command = { command: CommandIds.refresh, title: 'Retry' };
  }
  return item;
}

/**
 * Namespaces and their ServiceAccounts for the active context, loaded in as few calls as RBAC
 * allows. It owns its view (title description, message, welcome view); whether the cluster is
 * reachable belongs to the connection, which it tells how each listing went.
 */
export class ServiceAccountTree implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  readonly view: vscode.TreeView<Node>;
  private current: Load | undefined;
  private cancelLoad: AbortController | undefined;
  private filterText = '';
  private readonly subscriptions: vscode.Disposable[];
  /** Time left on issued tokens is shown in the tree, so it is redrawn while any are listed. */
  private readonly clock = setInterval(() => {
    if (this.issuedTokens.all().length > 0) {
      this.changed.fire(undefined);
    }
  }, 30_000);

  constructor(
    private readonly connection: ClusterConnection,
    private readonly issuedTokens: IssuedTokens,
  ) {
    this.view = vscode.window.createTreeView(serviceAccountsViewId, { treeDataProvider: this, showCollapseAll: true });
    this.subscriptions = [this.view, connection.onDidChange(() => this.refresh()), issuedTokens.onDidChange(() => this.changed.fire(undefined))];
  }

  get filter(): string {
    return this.filterText;
  }

  setFilter(text: string): void {
    this.filterText = text.trim();
    void vscode.commands.executeCommand('setContext', filteredContextKey, this.filterText.length > 0);
    this.changed.fire(undefined);
  }

  /** Drops the loaded tree; a listing still in flight is cancelled and its answer discarded. */
  refresh(): void {
    this.cancelLoad?.abort();
    this.current = undefined;
    this.changed.fire(undefined);
  }

  dispose(): void {
    this.cancelLoad?.abort();
    clearInterval(this.clock);
    vscode.Disposable.from(...this.subscriptions, this.changed).dispose();
  }

  getTreeItem(node: Node): vscode.TreeItem {
    return treeItem(node, presentNode(node, this.issuedTokens, Date.now(), this.filterText));
  }

  async getChildren(node?: Node): Promise<Node[]> {
    return node ? childrenOf(node, this.issuedTokens, this.filterText) : this.rootChildren();
  }

  /** The tree of one load: the context with its listing, an error node, or nothing (a welcome view explains). */
  private async rootChildren(): Promise<Node[]> {
    let load: Load;
    try {
      load = this.startLoad();
    } catch (error) {
      return this.showProblem(undefined, error);
    }
    try {
      const listing = await load.listing;
      if (load !== this.current) {
        return [];
      }
      this.setProblem(undefined, undefined);
      this.view.description = load.context.name;
      return [{ kind: 'context', context: load.context, listing }];
    } catch (error) {
      // A listing that failed after a refresh or context switch belongs to a tree that is gone.
      return load === this.current ? this.showProblem(load.context.name, error) : [];
    }
  }

  private showProblem(contextName: string | undefined, error: unknown): Node[] {
    this.view.description = contextName;
    const problem = rootProblemOf(isClusterFailure(error) ? error.kind : undefined);
    if (problem === 'error') {
      this.setProblem(undefined, undefined);
      return [{ kind: 'message', text: messageOf(error), isError: true }];
    }
    this.setProblem(problem, messageOf(error));
    return [];
  }

  private setProblem(problem: string | undefined, message: string | undefined): void {
    void vscode.commands.executeCommand('setContext', problemContextKey, problem);
    this.view.message = message;
  }

  private startLoad(): Load {
    if (!this.current) {
      const session = this.connection.current();
      this.cancelLoad = new AbortController();
      const cancel = this.cancelLoad.signal;
      const listing = vscode.window.withProgress({ location: { viewId: serviceAccountsViewId } }, () => this.connection.call((active) => active.listServiceAccounts(cancel), session));
      this.current = { context: session.context, listing: Promise.resolve(listing) };
    }
    return this.current;
  }
}
