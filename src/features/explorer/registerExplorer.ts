import type * as vscode from 'vscode';
import { CommandIds } from '../../commandIds';
import type { CommandRegistrar } from '../common/registerCommand';
import type { IssuedTokens } from '../tokens/issuedTokens';
import type { ClusterConnection } from './clusterConnection';
import { ContextStatusBar } from './contextStatusBar';
import { filterTree } from './filterTree';
import { ServiceAccountTree } from './serviceAccountTree';
import { switchContext } from './switchContext';

/** The ServiceAccounts view, the context in the status bar, and their commands. */
export function registerExplorer(connection: ClusterConnection, issuedTokens: IssuedTokens, register: CommandRegistrar): { tree: ServiceAccountTree; disposables: vscode.Disposable[] } {
  const tree = new ServiceAccountTree(connection, issuedTokens);
  return {
    tree,
    disposables: [
      tree,
      new ContextStatusBar(connection),
      register(CommandIds.refresh, () => connection.reset()),
      register(CommandIds.switchContext, () => switchContext(connection)),
      register(CommandIds.filter, () => filterTree(tree)),
      register(CommandIds.clearFilter, () => tree.setFilter('')),
    ],
  };
}
