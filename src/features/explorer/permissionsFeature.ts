import * as vscode from 'vscode';
import { loadedPermissions, type LoadedPermissions } from '../../explorer/permissionNodes';
import type { ServiceAccountRef } from '../../rbac/permissions';
import { permissionsFileName, renderPermissionsDocument } from '../../rbac/permissionsDocument';
import { visibleText } from '../../text/visibleText';
import { withCancellableProgress } from '../common/progress';
import type { ReadOnlyDocuments } from '../common/readOnlyDocuments';
import { WalkthroughSteps, type WalkthroughProgress } from '../walkthrough/walkthroughSteps';
import type { ClusterConnection } from './clusterConnection';

const keyOf = (account: ServiceAccountRef) => `${account.namespace}/${account.name}`;

/**
 * What each ServiceAccount may do, loaded when someone asks (the tree's Permissions node, the
 * Show Permissions command, the hover of a ServiceAccount token) and kept until the context or
 * the kubeconfig changes or the view is refreshed; the RBAC lists behind it are the session's.
 */
export class PermissionsFeature implements vscode.Disposable {
  private loaded = new Map<string, LoadedPermissions>();
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when a ServiceAccount's permissions were loaded, or all were forgotten. */
  readonly onDidChange = this.changed.event;
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly connection: ClusterConnection,
    private readonly documents: ReadOnlyDocuments,
    private readonly walkthrough: WalkthroughProgress,
  ) {
    this.subscriptions = [
      this.changed,
      connection.onDidChange(() => {
        this.loaded = new Map();
        this.changed.fire();
      }),
    ];
  }

  /** What was loaded for `account` in the current context, if anything. */
  loadedFor(account: ServiceAccountRef): LoadedPermissions | undefined {
    return this.loaded.get(keyOf(account));
  }

  /** Loads the permissions of `account` in the active context; a reset meanwhile discards the answer. */
  async load(account: ServiceAccountRef, cancel?: AbortSignal): Promise<LoadedPermissions> {
    const into = this.loaded;
    const outcome = await this.connection.call((session) => session.serviceAccountPermissions(account.namespace, account.name, cancel));
    const loaded = loadedPermissions(outcome);
    into.set(keyOf(account), loaded);
    this.walkthrough.complete(WalkthroughSteps.sawPermissions);
    if (into === this.loaded) {
      this.changed.fire();
    }
    return loaded;
  }

  /**
   * Opens the permissions of a ServiceAccount of the active context as a read-only document.
   * `ref` may come from a token's claims: the cluster module accepts only real names.
   */
  async showPermissions(ref: ServiceAccountRef): Promise<void> {
    const account = { namespace: String(ref.namespace), name: String(ref.name) };
    const contextName = this.connection.current().context.name;
    const shown = `${visibleText(account.namespace, 100)}/${visibleText(account.name, 100)}`;
    const loaded = this.loadedFor(account) ?? (await withCancellableProgress(vscode.l10n.t('Reading what {0} may do…', shown), (signal) => this.load(account, signal)));
    const text = renderPermissionsDocument(loaded.outcome, contextName);
    await this.documents.open({ fileName: permissionsFileName(account), render: () => text }, { preview: true });
  }

  dispose(): void {
    vscode.Disposable.from(...this.subscriptions).dispose();
  }
}
