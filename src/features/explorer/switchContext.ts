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
  const windowOnly = { label: vscode.l10n.t('This window only'), description: vscode.l10n.t('kubectl and your kubeconfig are not changed') };
  const kubectlToo = { label: vscode.l10n.t('Also make it kubectl\'s current context'), description: vscode.l10n.t('rewrites current-context in {0}', visibleText(kubeconfigFile ?? vscode.l10n.t('the kubeconfig'), 300)) };
  const picks: (ScopePick | vscode.QuickPickItem)[] = [
    { ...windowOnly, scope: 'window', remember: false },
    { ...kubectlToo, scope: 'kubectl', remember: false },
    { label: vscode.l10n.t('Remember'), kind: vscode.QuickPickItemKind.Separator },
    { label: vscode.l10n.t('{0}, and don\'t ask again', windowOnly.label), scope: 'window', remember: true },
    { label: vscode.l10n.t('{0}, and don\'t ask again', kubectlToo.label), scope: 'kubectl', remember: true },
  ];
  // A separator cannot be chosen: what comes back is one of the scopes.
  const chosen = (await vscode.window.showQuickPick(picks, { title: vscode.l10n.t('Use {0}', visibleText(contextName, 200)) })) as ScopePick | undefined;
  if (!chosen) {
    return undefined;
  }
  if (chosen.remember) {
    await UserSettingWriters.switchContextScope(chosen.scope);
    vscode.window.setStatusBarMessage(vscode.l10n.t('Switch Context will not ask again: {0} is now "{1}" in your user settings.', scopeSetting, chosen.scope), 8000);
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
    detail: visibleText(context.name === kubeconfig.currentContext ? vscode.l10n.t('cluster {0} · user {1} · kubectl current-context', context.cluster, context.user) : vscode.l10n.t('cluster {0} · user {1}', context.cluster, context.user), 300),
    picked: context.name === active,
    contextName: context.name,
  }));
  if (items.length === 0) {
    void vscode.window.showWarningMessage(visibleText(vscode.l10n.t('The kubeconfig ({0}) has no contexts. Add one with kubectl config set-context.', kubeconfig.files.join(', ')), 1000));
    return;
  }
  const chosen = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('Switch Kubernetes Context'),
    placeHolder: vscode.l10n.t('Active: {0} (type to filter)', visibleText(active ?? vscode.l10n.t('none'), 200)),
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
    void vscode.window.showInformationMessage(vscode.l10n.t('current-context is now {0} in {1}.', visibleText(chosen.contextName, 200), visibleText(changedFile, 300)));
  }
}
