import * as vscode from 'vscode';
import { detailsFileName, renderServiceAccountDetails } from '../../explorer/serviceAccountDetails';
import { visibleText } from '../../text/visibleText';
import type { ReadOnlyDocuments } from '../common/readOnlyDocuments';
import type { ClusterConnection } from './clusterConnection';
import { serviceAccountsViewId, type ServiceAccountTree } from './serviceAccountTree';

/** How long the view's own progress bar is enough; after that a notification offers Cancel. */
const slowAfterMs = 2000;

/**
 * Progress in the ServiceAccounts view while `work` runs (the view's bar has no Cancel button);
 * when it runs longer than a moment, a notification with Cancel too, closed as soon as it settles.
 */
async function withViewProgress<T>(title: string, work: (cancel: AbortSignal) => Promise<T>): Promise<T> {
  const abort = new AbortController();
  const running = work(abort.signal);
  const settled = running.then(
    () => undefined,
    () => undefined,
  );
  const slow = setTimeout(() => {
    void vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (_progress, cancellation) => {
      const listener = cancellation.onCancellationRequested(() => abort.abort());
      return settled.finally(() => listener.dispose());
    });
  }, slowAfterMs);
  try {
    return await vscode.window.withProgress({ location: { viewId: serviceAccountsViewId } }, () => running);
  } finally {
    clearTimeout(slow);
  }
}

/** "Show ServiceAccount" (Enter or a click on one in the view): the object, its Pods and legacy token Secrets, as read-only YAML. */
export async function showServiceAccount(node: unknown, tree: ServiceAccountTree, connection: ClusterConnection, documents: ReadOnlyDocuments): Promise<void> {
  const account = tree.serviceAccountOf(node);
  const session = connection.current();
  const shownName = `${visibleText(account.namespace, 100)}/${visibleText(account.name, 100)}`;
  const details = await withViewProgress(vscode.l10n.t('Loading ServiceAccount {0}…', shownName), (cancel) =>
    connection.call((active) => active.serviceAccountDetails(account.namespace, account.name, cancel), session),
  );
  const text = renderServiceAccountDetails(details, session.context.name);
  await documents.open({ fileName: detailsFileName(account.namespace, account.name), render: () => text }, { preview: true });
}
