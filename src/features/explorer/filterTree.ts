import * as vscode from 'vscode';
import type { ServiceAccountTree } from './serviceAccountTree';

/** "Filter ServiceAccounts": by namespace, name, or `namespace/name`. */
export async function filterTree(tree: ServiceAccountTree): Promise<void> {
  const text = await vscode.window.showInputBox({
    title: 'Filter ServiceAccounts',
    prompt: 'Part of a namespace or ServiceAccount name, or namespace/name. Empty shows everything.',
    value: tree.filter,
    placeHolder: 'payments/vault',
  });
  if (text !== undefined) {
    tree.setFilter(text);
  }
}
