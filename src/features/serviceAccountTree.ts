import * as vscode from 'vscode';
import type { ContextSummary, IssuedToken, LegacyTokenSecret, NamespaceListing, ServiceAccountListing, ServiceAccountSummary } from '../cluster';
import { CommandIds } from '../commandIds';
import { countServiceAccounts, filterListing, formatAge, rootProblemOf } from '../explorer/listing';
import { describeIssued } from '../tokens/handoff';
import type { ClusterConnection } from './clusterConnection';
import type { IssuedTokens } from './issuedTokens';

export const serviceAccountsViewId = 'kubeSaTokens.serviceAccounts';
/** Context key read by the welcome views in package.json. */
const problemContextKey = 'kubeSaTokens.treeProblem';
const filteredContextKey = 'kubeSaTokens.treeFiltered';

export type Node =
  | { readonly kind: 'context'; readonly context: ContextSummary; readonly listing: ServiceAccountListing }
  | { readonly kind: 'namespace'; readonly namespace: NamespaceListing }
  | { readonly kind: 'serviceAccount'; readonly account: ServiceAccountSummary }
  | { readonly kind: 'issuedToken'; readonly issued: IssuedToken }
  | { readonly kind: 'legacySecret'; readonly account: ServiceAccountSummary; readonly secret: LegacyTokenSecret }
  | { readonly kind: 'message'; readonly text: string; readonly isError: boolean };

interface Load {
  readonly context: ContextSummary;
  readonly listing: Promise<ServiceAccountListing>;
}

function errorOf(error: unknown): { message: string; kind: string | undefined } {
  return { message: error instanceof Error ? error.message : String(error), kind: (error as { kind?: string } | undefined)?.kind };
}

/** Namespaces and their ServiceAccounts for the active context, loaded in as few calls as RBAC allows. */
export class ServiceAccountTree implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly contextLoaded = new vscode.EventEmitter<string | undefined>();
  /** Fires with the context's name (or undefined) each time the root is rebuilt. */
  readonly onDidLoadContext = this.contextLoaded.event;
  /** Fires with a message for the view when the whole tree could not be loaded. */
  private readonly problem = new vscode.EventEmitter<string | undefined>();
  readonly onDidChangeProblem = this.problem.event;
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
    this.subscriptions = [connection.onDidChange(() => this.refresh()), issuedTokens.onDidChange(() => this.changed.fire(undefined))];
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
    vscode.Disposable.from(...this.subscriptions, this.changed, this.contextLoaded, this.problem).dispose();
  }

  getTreeItem(node: Node): vscode.TreeItem {
    switch (node.kind) {
      case 'context': {
        const { context, listing } = node;
        const item = new vscode.TreeItem(context.name, vscode.TreeItemCollapsibleState.Expanded);
        item.id = `context:${context.name}`;
        item.description = `${context.server} · ${countServiceAccounts(listing)} ServiceAccounts`;
        item.iconPath = new vscode.ThemeIcon('server-environment');
        item.contextValue = 'context';
        item.tooltip = new vscode.MarkdownString(
          [
            `**${context.name}**`,
            `Cluster: \`${context.server}\``,
            `User: \`${context.user}\``,
            `Default namespace: \`${context.namespace ?? 'default'}\``,
            `Loaded ${listing.strategy} in ${listing.requestCount} requests`,
            ...(listing.legacySecretsError ? [`$(warning) ${listing.legacySecretsError}`] : []),
          ].join('\n\n'),
          true,
        );
        return item;
      }
      case 'namespace': {
        const { namespace } = node;
        const item = new vscode.TreeItem(namespace.name, vscode.TreeItemCollapsibleState.Collapsed);
        item.id = `namespace:${namespace.name}`;
        item.iconPath = new vscode.ThemeIcon(namespace.error ? 'warning' : 'symbol-namespace');
        item.description = namespace.error ? 'cannot list' : `${namespace.serviceAccounts.length}`;
        item.tooltip = namespace.error;
        item.contextValue = 'namespace';
        return item;
      }
      case 'serviceAccount': {
        const { account } = node;
        const issued = this.issuedTokens.forServiceAccount(account.namespace, account.name).length;
        const legacy = account.legacyTokenSecrets.length;
        const item = new vscode.TreeItem(account.name, issued + legacy > 0 ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
        item.id = `serviceAccount:${account.namespace}/${account.name}`;
        item.iconPath = legacy > 0 ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground')) : new vscode.ThemeIcon('account');
        item.description = [formatAge(account.createdAt, Date.now()), issued > 0 ? `${issued} issued` : '', legacy > 0 ? `${legacy} legacy token secret${legacy > 1 ? 's' : ''}` : '']
          .filter(Boolean)
          .join(' · ');
        item.tooltip = `ServiceAccount ${account.namespace}/${account.name}\nUID ${account.uid}${legacy > 0 ? `\nHas ${legacy} legacy token Secret(s): credentials that never expire.` : ''}`;
        item.contextValue = 'serviceAccount';
        return item;
      }
      case 'issuedToken': {
        const { issued } = node;
        const item = new vscode.TreeItem(describeIssued(issued).slice(`${issued.namespace}/${issued.serviceAccount} `.length), vscode.TreeItemCollapsibleState.None);
        item.iconPath = new vscode.ThemeIcon('key');
        item.tooltip = `Issued ${issued.issuedAt.toISOString()}, expires ${issued.expiresAt.toISOString()} (the token's exp claim)`;
        item.contextValue = 'issuedToken';
        item.command = { command: CommandIds.handOffIssuedToken, title: 'Use token', arguments: [node] };
        return item;
      }
      case 'legacySecret': {
        const item = new vscode.TreeItem(node.secret.name, vscode.TreeItemCollapsibleState.None);
        item.iconPath = new vscode.ThemeIcon('unlock', new vscode.ThemeColor('list.warningForeground'));
        item.description = `legacy token, never expires · ${formatAge(node.secret.createdAt, Date.now())}`;
        item.tooltip = `Secret ${node.account.namespace}/${node.secret.name} holds a legacy ServiceAccount token that never expires. Prefer short-lived tokens from TokenRequest and delete this Secret when nothing uses it.`;
        item.contextValue = 'legacySecret';
        return item;
      }
      case 'message': {
        const item = new vscode.TreeItem(node.text, vscode.TreeItemCollapsibleState.None);
        item.iconPath = new vscode.ThemeIcon(node.isError ? 'error' : 'info');
        item.tooltip = node.text;
        if (node.isError) {
          item.description = 'Retry';
          item.command = { command: CommandIds.refresh, title: 'Retry' };
          item.contextValue = 'error';
        }
        return item;
      }
    }
  }

  async getChildren(node?: Node): Promise<Node[]> {
    if (!node) {
      return this.rootChildren();
    }
    switch (node.kind) {
      case 'context': {
        const namespaces = filterListing(node.listing.namespaces, this.filterText);
        if (namespaces.length === 0) {
          return [{ kind: 'message', text: this.filterText ? `Nothing matches "${this.filterText}".` : 'No namespaces you may list.', isError: false }];
        }
        return namespaces.map((namespace) => ({ kind: 'namespace', namespace }));
      }
      case 'namespace':
        if (node.namespace.error) {
          return [{ kind: 'message', text: node.namespace.error, isError: true }];
        }
        return node.namespace.serviceAccounts.map((account) => ({ kind: 'serviceAccount', account }));
      case 'serviceAccount': {
        const { account } = node;
        return [
          ...this.issuedTokens.forServiceAccount(account.namespace, account.name).map((issued): Node => ({ kind: 'issuedToken', issued })),
          ...account.legacyTokenSecrets.map((secret): Node => ({ kind: 'legacySecret', account, secret })),
        ];
      }
      default:
        return [];
    }
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
      this.contextLoaded.fire(load.context.name);
      return [{ kind: 'context', context: load.context, listing }];
    } catch (error) {
      // A listing that failed after a refresh or context switch belongs to a tree that is gone.
      return load === this.current ? this.showProblem(load.context.name, error) : [];
    }
  }

  private showProblem(contextName: string | undefined, error: unknown): Node[] {
    this.contextLoaded.fire(contextName);
    const { message, kind } = errorOf(error);
    const problem = rootProblemOf(kind);
    if (problem === 'error') {
      this.setProblem(undefined, undefined);
      return [{ kind: 'message', text: message, isError: true }];
    }
    this.setProblem(problem, message);
    return [];
  }

  private setProblem(problem: string | undefined, message: string | undefined): void {
    void vscode.commands.executeCommand('setContext', problemContextKey, problem);
    this.problem.fire(message);
  }

  private startLoad(): Load {
    if (!this.current) {
      const session = this.connection.current();
      this.cancelLoad = new AbortController();
      const cancel = this.cancelLoad.signal;
      const listing = vscode.window.withProgress({ location: { viewId: serviceAccountsViewId } }, () => session.listServiceAccounts(cancel));
      this.current = { context: session.context, listing: Promise.resolve(listing) };
    }
    return this.current;
  }
}
