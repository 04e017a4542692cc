import * as vscode from 'vscode';
import { CommandIds } from './commandIds';
import { ClusterConnection } from './features/clusterConnection';
import { ServiceAccountTree, serviceAccountsViewId } from './features/serviceAccountTree';

/** Composition root: builds each feature, wires it to the editor, and hands every disposable to VS Code. */
export function activate(context: vscode.ExtensionContext): void {
  const connection = new ClusterConnection(context.extensionPath);
  const tree = new ServiceAccountTree(connection);
  const treeView = vscode.window.createTreeView(serviceAccountsViewId, { treeDataProvider: tree, showCollapseAll: true });

  context.subscriptions.push(
    connection,
    tree,
    treeView,
    vscode.commands.registerCommand(CommandIds.refresh, () => connection.reset()),
  );
}

export function deactivate(): void {}
