import * as vscode from 'vscode';
import type { ContextSummary, LegacyTokenSecret, ServiceAccountListing, ServiceAccountSummary } from '../../cluster';
import { CommandIds } from '../../commandIds';
import { messageOf } from '../../errors';
import { flagServiceAccount, permissionChildren, presentPermissions } from '../../explorer/permissionNodes';
import { childrenOf, msUntilIssuedTokensChange, presentNode, type Node, type NodePresentation } from '../../explorer/treeNodes';
import { treeProblemOf, type TreeProblem } from '../../explorer/treeProblems';
import { visibleText } from '../../text/visibleText';
import { maxMessageLength } from '../common/registerCommand';
import type { IssuedTokens } from '../tokens/issuedTokens';
import { WalkthroughSteps, type WalkthroughProgress } from '../walkthrough/walkthroughSteps';
import type { ClusterConnection } from './clusterConnection';
import type { PermissionsFeature } from './permissionsFeature';

export type { Node } from '../../explorer/treeNodes';

export const serviceAccountsViewId = 'kubeSaTokens.serviceAccounts';
/** Context key read by the welcome views in package.json. */
const problemContextKey = 'kubeSaTokens.treeProblem';
const filteredContextKey = 'kubeSaTokens.treeFiltered';

interface Load {
  readonly context: ContextSummary;
  readonly listing: Promise<ServiceAccountListing>;
}

/** Why the view shows no tree: the welcome view of `kind` explains, the log holds the error's own words. */
export interface ShownProblem {
  readonly kind: TreeProblem;
  readonly message: string;
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
    item.command = { command: CommandIds.handOffIssuedToken, title: vscode.l10n.t('Use token'), arguments: [node] };
  } else if (node.kind === 'serviceAccount') {
    item.command = { command: CommandIds.showServiceAccount, title: vscode.l10n.t('Show details'), arguments: [node] };
  } else if (node.kind === 'message' && node.isError) {
    item.command = { command: CommandIds.refresh, title: vscode.l10n.t('Retry') };
  }
  return item;
}

/**
 * Namespaces and their ServiceAccounts for the active context, loaded in as few calls as RBAC
 * allows. It owns its view (title description, welcome view); whether the cluster is
 * reachable belongs to the connection, which it tells how each listing went.
 */
export class ServiceAccountTree implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  readonly view: vscode.TreeView<Node>;
  private current: Load | undefined;
  /** The listing the tree shows, once it loaded: the ServiceAccounts commands may be asked about. */
  private shownListing: ServiceAccountListing | undefined;
  private shownProblem: ShownProblem | undefined;
  private cancelLoad: AbortController | undefined;
  private filterText = '';
  private readonly subscriptions: vscode.Disposable[];
  /** Redraws the tree when the time left on an issued token reads differently, while the view is visible. */
  private clock: NodeJS.Timeout | undefined;

  constructor(
    private readonly connection: ClusterConnection,
    private readonly issuedTokens: IssuedTokens,
    private readonly log: vscode.LogOutputChannel,
    private readonly permissions: PermissionsFeature,
    private readonly walkthrough: WalkthroughProgress,
  ) {
    this.view = vscode.window.createTreeView(serviceAccountsViewId, { treeDataProvider: this, showCollapseAll: true });
    this.subscriptions = [
      this.view,
      connection.onDidChange(() => this.refresh()),
      issuedTokens.onDidChange(() => this.changed.fire(undefined)),
      permissions.onDidChange(() => this.changed.fire(undefined)),
      this.view.onDidChangeVisibility(() => this.scheduleClock()),
      this.changed.event(() => this.scheduleClock()),
    ];
  }

  get filter(): string {
    return this.filterText;
  }

  /** The listing the view shows, once it loaded: commands offer its ServiceAccounts and namespaces without listing them again. */
  get listing(): ServiceAccountListing | undefined {
    return this.shownListing;
  }

  /** Why the view shows no tree, or undefined while it shows one (or is loading). */
  get problem(): ShownProblem | undefined {
    return this.shownProblem;
  }

  /**
   * The ServiceAccount a tree node stands for. Taken from the listing shown, never from the node
   * object itself, so a command called with a made-up node cannot choose what it asks the cluster.
   */
  serviceAccountOf(node: unknown): ServiceAccountSummary {
    const candidate = (node as { account?: unknown } | undefined)?.account;
    const found = this.shownListing?.namespaces.flatMap((namespace) => namespace.serviceAccounts).find((account) => account === candidate);
    if (!found) {
      throw new Error(vscode.l10n.t('That ServiceAccount is not in the ServiceAccounts view any more (it was refreshed, or the context changed). Pick it in the view again.'));
    }
    return found;
  }

  /** The legacy token Secret a tree node stands for, taken from the listing shown as serviceAccountOf does. */
  legacySecretOf(node: unknown): { readonly account: ServiceAccountSummary; readonly secret: LegacyTokenSecret } {
    const account = this.serviceAccountOf(node);
    const candidate = (node as { secret?: unknown } | undefined)?.secret;
    const secret = account.legacyTokenSecrets.find((shown) => shown === candidate);
    if (!secret) {
      throw new Error(vscode.l10n.t('That legacy token Secret is not in the ServiceAccounts view any more (it was refreshed, or the context changed). Pick it in the view again.'));
    }
    return { account, secret };
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
    this.shownListing = undefined;
    this.changed.fire(undefined);
  }

  dispose(): void {
    this.cancelLoad?.abort();
    clearTimeout(this.clock);
    vscode.Disposable.from(...this.subscriptions, this.changed).dispose();
  }

  private scheduleClock(): void {
    clearTimeout(this.clock);
    const ms = this.view.visible ? msUntilIssuedTokensChange(this.issuedTokens.all(), Date.now()) : undefined;
    if (ms !== undefined) {
      this.clock = setTimeout(() => this.changed.fire(undefined), Math.min(ms, 2 ** 31 - 1));
    }
  }

  getTreeItem(node: Node): vscode.TreeItem {
    const presentation = presentNode(node, this.issuedTokens, Date.now(), this.filterText);
    // Permissions loaded on expanding show on their node and flag their ServiceAccount.
    if (node.kind === 'permissions') {
      return treeItem(node, presentPermissions(node.account, this.permissions.loadedFor(node.account)));
    }
    return treeItem(node, node.kind === 'serviceAccount' ? flagServiceAccount(presentation, this.permissions.loadedFor(node.account)) : presentation);
  }

  async getChildren(node?: Node): Promise<Node[]> {
    if (node?.kind === 'permissions') {
      return this.permissionRows(node.account);
    }
    return node ? childrenOf(node, this.issuedTokens, this.filterText) : this.rootChildren();
  }

  /** A ServiceAccount's permissions, loaded on first expanding them (progress in the view); a failure is one row that retries. */
  private async permissionRows(account: ServiceAccountSummary): Promise<Node[]> {
    try {
      const loaded = this.permissions.loadedFor(account) ?? (await vscode.window.withProgress({ location: { viewId: serviceAccountsViewId } }, () => this.permissions.load(account)));
      return permissionChildren(account, loaded);
    } catch (error) {
      return [{ kind: 'message', text: visibleText(vscode.l10n.t('Could not read its permissions: {0}', messageOf(error)), maxMessageLength), isError: true }];
    }
  }

  /** The tree of one load: the context with its listing, or nothing (the welcome view of its problem explains). */
  private async rootChildren(): Promise<Node[]> {
    let load: Load;
    try {
      load = this.startLoad();
    } catch (error) {
      this.show(undefined, { error });
      return [];
    }
    try {
      const listing = await load.listing;
      if (load !== this.current) {
        return [];
      }
      this.show(load.context.name, { listing });
      this.walkthrough.complete(WalkthroughSteps.connected);
      return [{ kind: 'context', context: load.context, listing }];
    } catch (error) {
      // A listing that failed after a refresh or context switch belongs to a tree that is gone.
      if (load === this.current) {
        this.show(load.context.name, { error });
      }
      return [];
    }
  }

  /** Shows what a load came to: its listing, or the problem its error is (that problem's welcome view). */
  private show(contextName: string | undefined, outcome: { readonly listing: ServiceAccountListing } | { readonly error: unknown }): void {
    this.view.description = contextName;
    const shownBefore = this.shownProblem;
    this.shownListing = 'listing' in outcome ? outcome.listing : undefined;
    this.shownProblem = 'error' in outcome ? { kind: treeProblemOf(outcome.error), message: visibleText(messageOf(outcome.error), maxMessageLength) } : undefined;
    // A view with a message shows no welcome view, so the exact words go to the log its Show Log button opens.
    if (this.shownProblem && this.shownProblem.message !== shownBefore?.message) {
      this.log.warn(`ServiceAccounts view: ${this.shownProblem.message}`);
    }
    void vscode.commands.executeCommand('setContext', problemContextKey, this.shownProblem?.kind);
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
