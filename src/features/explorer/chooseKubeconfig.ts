import { homedir } from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { visibleText } from '../../text/visibleText';
import { Settings, UserSettingWriters } from '../common/settings';

/**
 * "Choose Kubeconfig…": a file for this extension instead of KUBECONFIG or ~/.kube/config, kept in
 * the user's settings (the setting is machine-scoped: a workspace cannot choose it). When one is
 * set already, the person may also go back to what kubectl reads. The connection follows the setting.
 */
export async function chooseKubeconfig(): Promise<void> {
  const current = Settings.kubeconfigPath();
  if (current) {
    const choice = await vscode.window.showQuickPick(
      [
        { label: vscode.l10n.t('Choose Another File…'), useDefault: false },
        { label: vscode.l10n.t('Use KUBECONFIG / ~/.kube/config Again'), description: vscode.l10n.t('clears the kubeSaTokens.kubeconfigPath setting'), useDefault: true },
      ],
      { title: vscode.l10n.t('Kubeconfig: {0}', visibleText(current, 200)) },
    );
    if (!choice) {
      return;
    }
    if (choice.useDefault) {
      await UserSettingWriters.kubeconfigPath(undefined);
      return;
    }
  }
  const [file] =
    (await vscode.window.showOpenDialog({
      title: vscode.l10n.t('Choose a Kubeconfig File'),
      openLabel: vscode.l10n.t('Use This Kubeconfig'),
      canSelectMany: false,
      defaultUri: vscode.Uri.file(current ? path.dirname(current) : path.join(homedir(), '.kube')),
    })) ?? [];
  if (!file) {
    return;
  }
  if (file.scheme !== 'file') {
    throw new Error(vscode.l10n.t('Choose a file on this machine: {0} is not one.', visibleText(file.toString(), 200)));
  }
  await UserSettingWriters.kubeconfigPath(file.fsPath);
}
