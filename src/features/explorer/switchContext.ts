import * as vscode from 'vscode';
import { visibleText } from '../../text/visibleText';
import { Settings, settingsSection, UserSettingWriters } from '../common/settings';
import type { ClusterConnection } from './clusterConnection';

interface ContextPick extends vscode.QuickPickItem {
  readonly contextName: string;
}

interface ScopePick extends vscode.QuickPickItem {
  readonly scope: 'window' | 'kubectl';
  readonly remember: boolean;
}

const scopeSetting = `${settingsSection}.switchContext.scope`;

/**
 * Whether the context becomes kubectl's too: as the scope setting says, or as the person answers,
 * which they may ask to remember (in their user settings). Undefined when they cancel.
 */
async function askScope(contextName: string, kubeconfigFile: string | undefined): Promise<boolean | undefined> {
  const setting = Settings.switchContextScope();
  if (setting !== 'ask') {
    return setting === 'kubectl';
  }
  const windowOnly = { label: 'This window only', description: 'kubectl and your kubeconfig are not changed' };
  const kubectlToo = { label: "Also make it kubectl's current context", description: `rewrites current-context in ${visibleText(kubeconfigFile ?? 'the kubeconfig', 300)}` };
  const picks: (ScopePick | vscode.QuickPickItem)[] = [
    { ...windowOnly, scope: 'window', remember: false },
    { ...kubectlToo, scope: 'kubectl', remember: false },
    { label: 'Remember', kind: vscode.QuickPickItemKind.Separator },
    { label: `${windowOnly.label}, and don't ask again`, scope: 'window', remember: true },
    { label: `${kubectlToo.label}, and don't ask again`, scope: 'kubectl', remember: true },
  ];
  // A separator cannot be chosen: what comes back is one of the scopes.
  const chosen = (await vscode.window.showQuickPick(picks, { title: `Use ${visibleText(contextName, 200)}` })) as ScopePick | undefined;
  if (!chosen) {
    return undefined;
  }
  if (chosen.remember) {
    await UserSettingWriters.switchContextScope(chosen.scope);
    vscode.window.setStatusBarMessage(`Switch Context will not ask again: ${scopeSetting} is now "${chosen.scope}" in your user settings.`, 8000);
  }
  return chosen.scope === 'kubectl';
}

/** "Switch Context": any kubeconfig context for this window, and for kubectl only if the person says so. */
export async function switchContext(connection: ClusterConnection): Promise<void> {
  const kubeconfig = connection.kubeconfig();
  const active = connection.contextName ?? kubeconfig.currentContext;
  const items: ContextPick[] = kubeconfig.contexts.map((context) => ({
    label: visibleText(context.name, 200),
    description: visibleText(`${context.server}${context.namespace ? ` · ${context.namespace}` : ''}`, 300),
    detail: visibleText(`cluster ${context.cluster} · user ${context.user}${context.name === kubeconfig.currentContext ? ' · kubectl current-context' : ''}`, 300),
    picked: context.name === active,
    contextName: context.name,
  }));
  if (items.length === 0) {
    void vscode.window.showWarningMessage(visibleText(`The kubeconfig (${kubeconfig.files.join(', ')}) has no contexts. Add one with kubectl config set-context.`, 1000));
    return;
  }
  const chosen = await vscode.window.showQuickPick(items, {
    title: 'Switch Kubernetes Context',
    placeHolder: `Active: ${visibleText(active ?? 'none', 200)} (type to filter)`,
    matchOnDescription: true,
    matchOnDetail: true,
  });
  if (!chosen) {
    return;
  }
  const alsoForKubectl = await askScope(chosen.contextName, kubeconfig.files[0]);
  if (alsoForKubectl === undefined) {
    return;
  }
  const changedFile = await connection.useContext(chosen.contextName, alsoForKubectl);
  if (changedFile) {
    void vscode.window.showInformationMessage(`current-context is now ${visibleText(chosen.contextName, 200)} in ${visibleText(changedFile, 300)}.`);
  }
}
