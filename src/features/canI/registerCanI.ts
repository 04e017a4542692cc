import type * as vscode from 'vscode';
import { CommandIds } from '../../commandIds';
import type { ReadOnlyDocuments } from '../common/readOnlyDocuments';
import type { CommandRegistrar } from '../common/registerCommand';
import type { ClusterConnection } from '../explorer/clusterConnection';
import type { ServiceAccountTree } from '../explorer/serviceAccountTree';
import { CanICommand } from './canI';

/** "Can It…?" from the palette and a ServiceAccount's context menu. */
export function registerCanI(connection: ClusterConnection, tree: ServiceAccountTree, documents: ReadOnlyDocuments, log: vscode.LogOutputChannel, register: CommandRegistrar): vscode.Disposable[] {
  const canI = new CanICommand(connection, tree, documents, log);
  return [canI, register(CommandIds.canI, (target?: unknown, request?: unknown) => canI.run(target, request))];
}
