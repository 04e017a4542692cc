import * as vscode from 'vscode';
import { CommandIds } from '../commandIds';
import type { ServiceAccountTree } from './serviceAccountTree';

/** Shows the active context in the status bar and the view's description; clicking switches context. */
export class ContextIndicator implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('kubeSaTokens.context', vscode.StatusBarAlignment.Left, 10);
  private readonly subscriptions: vscode.Disposable[];

  constructor(view: vscode.TreeView<unknown>, tree: ServiceAccountTree) {
    this.item.name = 'Kubernetes Context';
    this.item.command = CommandIds.switchContext;
    this.subscriptions = [
      tree.onDidLoadContext((name) => {
        view.description = name;
        this.item.text = `$(server-environment) ${name ?? 'no context'}`;
        this.item.tooltip = name ? `Kubernetes context for ServiceAccount tokens: ${name}. Click to switch.` : 'No Kubernetes context. Click to pick one.';
        this.item.show();
      }),
      tree.onDidChangeProblem((message) => (view.message = message)),
    ];
  }

  dispose(): void {
    vscode.Disposable.from(...this.subscriptions, this.item).dispose();
  }
}
