import * as vscode from 'vscode';
import type { ClusterConnection } from './clusterConnection';

interface ContextPick extends vscode.QuickPickItem {
  readonly contextName: string;
}

/** "Switch Context": any kubeconfig context for this window, and for kubectl only if the person says so. */
export async function switchContext(connection: ClusterConnection): Promise<void> {
  const kubeconfig = connection.kubeconfig();
  const active = connection.contextName ?? kubeconfig.currentContext;
  const items: ContextPick[] = kubeconfig.contexts.map((context) => ({
    label: context.name,
    description: `${context.server}${context.namespace ? ` · ${context.namespace}` : ''}`,
    detail: `cluster ${context.cluster} · user ${context.user}${context.name === kubeconfig.currentContext ? ' · kubectl current-context' : ''}`,
    picked: context.name === active,
    contextName: context.name,
  }));
  if (items.length === 0) {
    void vscode.window.showWarningMessage(`The kubeconfig (${kubeconfig.files.join(', ')}) has no contexts. Add one with kubectl config set-context.`);
    return;
  }
  const chosen = await vscode.window.showQuickPick(items, {
    title: 'Switch Kubernetes Context',
    placeHolder: `Active: ${active ?? 'none'} (type to filter)`,
    matchOnDescription: true,
    matchOnDetail: true,
  });
  if (!chosen) {
    return;
  }
  const scope = await vscode.window.showQuickPick(
    [
      { label: 'This window only', description: 'kubectl and your kubeconfig are not changed', alsoForKubectl: false },
      { label: "Also make it kubectl's current context", description: `rewrites current-context in ${kubeconfig.files[0]}`, alsoForKubectl: true },
    ],
    { title: `Use ${chosen.contextName}` },
  );
  if (!scope) {
    return;
  }
  const changedFile = await connection.useContext(chosen.contextName, scope.alsoForKubectl);
  if (changedFile) {
    void vscode.window.showInformationMessage(`current-context is now ${chosen.contextName} in ${changedFile}.`);
  }
}
