import type * as vscode from 'vscode';
import { CommandIds } from '../../commandIds';
import type { CommandRegistrar } from '../common/registerCommand';
import type { ClusterConnection } from '../explorer/clusterConnection';
import type { ClusterIssuers } from '../jwt/clusterIssuers';
import { CheckWithClusterCommand } from './checkWithCluster';
import { ScanWorkspaceCommand } from './scanWorkspaceCommand';
import { TokensInWorkspaceTree } from './tokensInWorkspaceTree';

/** The workspace scan: its command, the Tokens in Workspace view, and Check with Cluster on its rows. */
export function registerScan(connection: ClusterConnection, issuers: ClusterIssuers, log: vscode.LogOutputChannel, register: CommandRegistrar) {
  const tree = new TokensInWorkspaceTree();
  const scanCommand = new ScanWorkspaceCommand(tree, log);
  const checkCommand = new CheckWithClusterCommand(connection, issuers, tree, log);
  return {
    tree,
    scanCommand,
    checkCommand,
    disposables: [tree, register(CommandIds.scanWorkspace, () => scanCommand.run()), register(CommandIds.checkTokensWithCluster, (node?: unknown) => checkCommand.run(node))],
  };
}
