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
      return { text: '$(server-environment) no context', tooltip: `${visibleText(status.problem.message, 500)} Click to pick a context.`, warning: true };
    case 'connecting':
      return { text: `$(sync~spin) ${visibleText(status.context.name, 60)}`, tooltip: `Connecting to ${visibleText(status.context.server, 200)}…`, warning: false };
    case 'connected': {
      const version = status.version ? ` (Kubernetes ${visibleText(status.version.gitVersion, 40)})` : '';
      return { text: `$(server-environment) ${visibleText(status.context.name, 60)}`, tooltip: `Kubernetes context for ServiceAccount tokens: ${visibleText(status.context.name, 200)}${version}. Click to switch.`, warning: false };
    }
    case 'unreachable':
      return { text: `$(warning) ${visibleText(status.context.name, 60)}`, tooltip: `${visibleText(status.problem.message, 500)} Click to switch context.`, warning: true };
  }
}

/** The active context in the status bar, with whether it is reachable; clicking switches context. */
export class ContextStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('kubeSaTokens.context', vscode.StatusBarAlignment.Left, 10);
  private readonly subscription: vscode.Disposable;

  constructor(connection: ClusterConnection) {
    this.item.name = 'Kubernetes Context';
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
