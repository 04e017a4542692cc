import * as vscode from 'vscode';
import type { NameKind } from '../../cluster';
import { isClusterFailure } from '../../errors';
import type { ClusterConnection } from '../explorer/clusterConnection';

/** Names are asked again after this: long enough for one round of typing, short enough to see new objects. */
const freshForMs = 30_000;
/** Lists kept at once (each at most 500 names): a file can name any number of namespaces. */
const maxLists = 50;

export interface ListedNames {
  readonly names: readonly string[];
  /** The namespace they were listed in; undefined for namespaces and nodes. */
  readonly namespace?: string;
}

const none: ListedNames = { names: [] };

/**
 * Names of the connected cluster's objects, for completion. Only from a trusted workspace (a file in
 * an untrusted one may have been written to make someone query a cluster) and only from a cluster
 * already connected: typing never opens a connection. Each list is kept 30 s per context, kind and
 * namespace; a refusal (403) is remembered until the connection changes, so it is asked and logged once.
 */
export class ClusterNames implements vscode.Disposable {
  private readonly lists = new Map<string, { readonly listed: ListedNames; readonly until: number }>();
  private readonly forbidden = new Set<string>();
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly connection: Pick<ClusterConnection, 'status' | 'onDidChangeStatus' | 'call'>,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.subscription = connection.onDidChangeStatus((status) => {
      if (status.state !== 'connected') {
        this.lists.clear();
        this.forbidden.clear();
      }
    });
  }

  /** The names of `kind` in `namespace` (the context's namespace when undefined); none while they cannot be asked for. */
  async names(kind: NameKind, namespace: string | undefined, cancel: vscode.CancellationToken): Promise<ListedNames> {
    const status = this.connection.status;
    if (!vscode.workspace.isTrusted || status.state !== 'connected') {
      return none;
    }
    const scoped = kind === 'namespace' || kind === 'node' ? undefined : (namespace ?? status.context.namespace ?? 'default');
    const key = JSON.stringify([status.context.name, kind, scoped]);
    const kept = this.lists.get(key);
    if (this.forbidden.has(key) || (kept && kept.until > Date.now())) {
      return kept?.listed ?? none;
    }
    const abort = new AbortController();
    const cancelled = cancel.onCancellationRequested(() => abort.abort());
    try {
      const listed = { names: await this.connection.call((session) => session.listNames(kind, scoped ?? '', abort.signal)), namespace: scoped };
      this.keep(key, listed);
      return listed;
    } catch (error) {
      // Other failures are logged by the connection; they are asked again on the next completion.
      if (isClusterFailure(error) && error.kind === 'forbidden') {
        this.forbidden.add(key);
        this.log.debug(`Completion offers no ${kind} names${scoped ? ` in ${scoped}` : ''}: the cluster does not let you list them.`);
      }
      return none;
    } finally {
      cancelled.dispose();
    }
  }

  private keep(key: string, listed: ListedNames): void {
    this.lists.delete(key);
    if (this.lists.size >= maxLists) {
      this.lists.delete(this.lists.keys().next().value!);
    }
    this.lists.set(key, { listed, until: Date.now() + freshForMs });
  }

  dispose(): void {
    this.subscription.dispose();
  }
}
