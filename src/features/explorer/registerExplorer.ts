import * as vscode from 'vscode';
import { CommandIds } from '../../commandIds';
import type { ReadOnlyDocuments } from '../common/readOnlyDocuments';
import type { CommandRegistrar } from '../common/registerCommand';
import type { IssuedTokens } from '../tokens/issuedTokens';
import type { WalkthroughProgress } from '../walkthrough/walkthroughSteps';
import { chooseKubeconfig } from './chooseKubeconfig';
import type { ClusterConnection } from './clusterConnection';
import { PermissionsFeature } from './permissionsFeature';
import { ContextStatusBar } from './contextStatusBar';
import { filterTree } from './filterTree';
import { ServiceAccountTree } from './serviceAccountTree';
import { showServiceAccount } from './showServiceAccount';
import { switchContext } from './switchContext';

/** The Settings editor's search for this extension's settings: `@ext:` and the publisher.name of package.json. */
const ownSettingsQuery = '@ext:kube-sa-tokens.kube-sa-tokens';

/** The ServiceAccounts view, the context in the status bar, and their commands (the welcome views' buttons among them). */
export function registerExplorer(
  connection: ClusterConnection,
  issuedTokens: IssuedTokens,
  documents: ReadOnlyDocuments,
  log: vscode.LogOutputChannel,
  register: CommandRegistrar,
  walkthrough: WalkthroughProgress,
): { tree: ServiceAccountTree; permissions: PermissionsFeature; disposables: vscode.Disposable[] } {
  const permissions = new PermissionsFeature(connection, documents, walkthrough);
  const tree = new ServiceAccountTree(connection, issuedTokens, log, permissions, walkthrough);
  return {
    tree,
    permissions,
    disposables: [
      tree,
      permissions,
      new ContextStatusBar(connection),
      register(CommandIds.refresh, () => connection.reset()),
      register(CommandIds.switchContext, () => switchContext(connection)),
      register(CommandIds.filter, () => filterTree(tree)),
      register(CommandIds.clearFilter, () => tree.setFilter('')),
      register(CommandIds.showServiceAccount, (node: unknown) => showServiceAccount(node, tree, connection, documents)),
      register(CommandIds.showPermissions, (node: unknown) => permissions.showPermissions(tree.serviceAccountOf(node))),
      register(CommandIds.chooseKubeconfig, () => chooseKubeconfig()),
      register(CommandIds.openSettings, () => vscode.commands.executeCommand('workbench.action.openSettings', ownSettingsQuery)),
      register(CommandIds.showLog, () => log.show(true)),
    ],
  };
}
