import * as vscode from 'vscode';
import { CommandIds } from '../../commandIds';
import type { ClusterStatus } from '../../explorer/clusterState';
import { visibleText } from '../../text/visibleText';
import type { ClusterConnection } from './clusterConnection';

function describe(status: ClusterStatus): { text: string; tooltip: string; warning: boolean } | undefined {
  switch (status.state) {
    case 'idle':
      return undefined;
    case 'no-session':
      return { text: vscode.l10n.t('$(server-environment) no context'), tooltip: vscode.l10n.t('{0} Click to pick a context.', visibleText(status.problem.message, 500)), warning: true };
    case 'connecting':
      return { text: `$(sync~spin) ${visibleText(status.context.name, 60)}`, tooltip: vscode.l10n.t('Connecting to {0}…', visibleText(status.context.server, 200)), warning: false };
    case 'connected': {
      const version = status.version ? ` (Kubernetes ${visibleText(status.version.gitVersion, 40)})` : '';
      return { text: `$(server-environment) ${visibleText(status.context.name, 60)}`, tooltip: vscode.l10n.t('Kubernetes context for ServiceAccount tokens: {0}{1}. Click to switch.', visibleText(status.context.name, 200), version), warning: false };
    }
    case 'unreachable':
      return { text: `$(warning) ${visibleText(status.context.name, 60)}`, tooltip: vscode.l10n.t('{0} Click to switch context.', visibleText(status.problem.message, 500)), warning: true };
  }
}

/** The active context in the status bar, with whether it is reachable; clicking switches context. */
export class ContextStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('kubeSaTokens.context', vscode.StatusBarAlignment.Left, 10);
  private readonly subscription: vscode.Disposable;

  constructor(connection: ClusterConnection) {
    this.item.name = vscode.l10n.t('Kubernetes Context');
    this.item.command = CommandIds.switchContext;
    this.subscription = connection.onDidChangeStatus((status) => this.show(status));
  }

  private show(status: ClusterStatus): void {
    const shown = describe(status);
    if (!shown) {
      return;
    }
    this.item.text = shown.text;
    this.item.tooltip = shown.tooltip;
    this.item.backgroundColor = shown.warning ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.show();
  }

  dispose(): void {
    vscode.Disposable.from(this.subscription, this.item).dispose();
  }
}
