import * as vscode from 'vscode';
import type { ContextSummary, NamespaceListing, ServiceAccountListing, ServiceAccountSummary } from '../cluster';
import { CommandIds } from '../commandIds';
import type { ClusterConnection } from './clusterConnection';

export const serviceAccountsViewId = 'kubeSaTokens.serviceAccounts';

type Node =
  | { readonly kind: 'context'; readonly context: ContextSummary }
  | { readonly kind: 'namespace'; readonly namespace: NamespaceListing }
  | { readonly kind: 'serviceAccount'; readonly account: ServiceAccountSummary }
  | { readonly kind: 'message'; readonly text: string; readonly detail?: string; readonly isError: boolean };

interface LoadedTree {
  readonly context: ContextSummary;
  readonly listing: Promise<ServiceAccountListing>;
}

function age(createdAt: Date | undefined, now: number): string {
  if (!createdAt) {
    return '';
  }
  const seconds = Math.max(0, Math.floor((now - createdAt.getTime()) / 1000));
  const units: [number, string][] = [[86400, 'd'], [3600, 'h'], [60, 'm']];
  for (const [size, suffix] of units) {
    if (seconds >= size) {
      return `${Math.floor(seconds / size)}${suffix}`;
    }
  }
  return `${seconds}s`;
}

/** Namespaces and their ServiceAccounts for the active context, loaded in as few calls as RBAC allows. */
export class ServiceAccountTree implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private loaded: LoadedTree | undefined;
  private cancelLoad: AbortController | undefined;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly connection: ClusterConnection) {
    this.subscription = connection.onDidChange(() => this.refresh());
  }

  refresh(): void {
    this.cancelLoad?.abort();
    this.loaded = undefined;
    this.changed.fire(undefined);
  }

  dispose(): void {
    this.cancelLoad?.abort();
    this.subscription.dispose();
    this.changed.dispose();
  }

  getTreeItem(node: Node): vscode.TreeItem {
    switch (node.kind) {
      case 'context': {
        const item = new vscode.TreeItem(node.context.name, vscode.TreeItemCollapsibleState.Expanded);
        item.id = `context:${node.context.name}`;
        item.description = node.context.server;
        item.iconPath = new vscode.ThemeIcon('server-environment');
        item.contextValue = 'context';
        item.tooltip = new vscode.MarkdownString(
          `**${node.context.name}**\n\nCluster: \`${node.context.server}\`\n\nUser: \`${node.context.user}\`\n\nDefault namespace: \`${node.context.namespace ?? 'default'}\``,
        );
        return item;
      }
      case 'namespace': {
        const item = new vscode.TreeItem(node.namespace.name, vscode.TreeItemCollapsibleState.Collapsed);
        item.id = `namespace:${node.namespace.name}`;
        item.iconPath = new vscode.ThemeIcon(node.namespace.error ? 'warning' : 'symbol-namespace');
        item.description = node.namespace.error ? 'cannot list' : `${node.namespace.serviceAccounts.length}`;
        item.tooltip = node.namespace.error;
        item.contextValue = 'namespace';
        return item;
      }
      case 'serviceAccount': {
        const item = new vscode.TreeItem(node.account.name, vscode.TreeItemCollapsibleState.None);
        item.id = `serviceAccount:${node.account.namespace}/${node.account.name}`;
        item.iconPath = new vscode.ThemeIcon('account');
        item.description = age(node.account.createdAt, Date.now());
        item.tooltip = `ServiceAccount ${node.account.namespace}/${node.account.name}\nUID ${node.account.uid}`;
        item.contextValue = 'serviceAccount';
        return item;
      }
      case 'message': {
        const item = new vscode.TreeItem(node.text, vscode.TreeItemCollapsibleState.None);
        item.iconPath = new vscode.ThemeIcon(node.isError ? 'error' : 'info');
        item.tooltip = node.detail ?? node.text;
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
      case 'context':
        return this.namespaceChildren();
      case 'namespace':
        if (node.namespace.error) {
          return [{ kind: 'message', text: node.namespace.error, isError: true }];
        }
        return node.namespace.serviceAccounts.map((account) => ({ kind: 'serviceAccount', account }));
      default:
        return [];
    }
  }

  private rootChildren(): Node[] {
    try {
      return [{ kind: 'context', context: this.load().context }];
    } catch (error) {
      return [{ kind: 'message', text: errorMessage(error), isError: true }];
    }
  }

  private async namespaceChildren(): Promise<Node[]> {
    const loaded = this.load();
    try {
      const listing = await loaded.listing;
      if (listing.namespaces.length === 0) {
        return [{ kind: 'message', text: 'No namespaces you may list.', isError: false }];
      }
      return listing.namespaces.map((namespace) => ({ kind: 'namespace', namespace }));
    } catch (error) {
      if (loaded !== this.loaded) {
        return [];
      }
      return [{ kind: 'message', text: errorMessage(error), isError: true }];
    }
  }

  /** Starts one listing per refresh; a refresh or context switch abandons the previous one. */
  private load(): LoadedTree {
    if (!this.loaded) {
      const session = this.connection.current();
      this.cancelLoad = new AbortController();
      const cancel = this.cancelLoad.signal;
      const listing = vscode.window.withProgress({ location: { viewId: serviceAccountsViewId } }, () => session.listServiceAccounts(cancel));
      this.loaded = { context: session.context, listing: Promise.resolve(listing) };
    }
    return this.loaded;
  }
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
