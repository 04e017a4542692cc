import type * as vscode from 'vscode';
import { CommandIds } from '../../commandIds';
import type { CommandRegistrar } from '../common/registerCommand';
import type { ClusterConnection } from '../explorer/clusterConnection';
import type { PermissionsFeature } from '../explorer/permissionsFeature';
import type { RequestTokenCommand } from '../tokens/requestToken';
import { KubernetesExtensionLink } from './kubernetesExtensionLink';

/** Our actions on the ServiceAccounts of the Kubernetes extension's Clusters view, when that extension is installed. */
export function registerKubernetesExtension(
  connection: ClusterConnection,
  requestToken: RequestTokenCommand,
  permissions: PermissionsFeature,
  register: CommandRegistrar,
  log: vscode.LogOutputChannel,
): vscode.Disposable[] {
  const link = new KubernetesExtensionLink(connection, log);
  link.connectIfInstalled();
  return [
    link,
    register(CommandIds.requestTokenInClusters, (target?: unknown) => requestToken.run(link.serviceAccountOf(target))),
    register(CommandIds.showPermissionsInClusters, (target?: unknown) => permissions.showPermissions(link.serviceAccountOf(target))),
  ];
}
