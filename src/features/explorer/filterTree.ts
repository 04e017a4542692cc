import * as vscode from 'vscode';
import type { ServiceAccountTree } from './serviceAccountTree';

/** "Filter ServiceAccounts": by namespace, name, or `namespace/name`. */
export async function filterTree(tree: ServiceAccountTree): Promise<void> {
  const text = await vscode.window.showInputBox({
    title: vscode.l10n.t('Filter ServiceAccounts'),
    prompt: vscode.l10n.t('Part of a namespace or ServiceAccount name, or namespace/name. Empty shows everything.'),
    value: tree.filter,
    placeHolder: vscode.l10n.t('payments/vault'),
  });
  if (text !== undefined) {
    tree.setFilter(text);
  }
}
