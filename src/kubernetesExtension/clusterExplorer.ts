/**
 * What this extension reads from Microsoft's Kubernetes extension through its published API
 * (npm `vscode-kubernetes-tools-api`, Cluster Explorer v1.1 and Configuration v1.1): which
 * ServiceAccount a node of its Clusters view names, and which kubeconfig it uses.
 */
import { join } from 'node:path';
import type { ClusterExplorerV1_1 } from 'vscode-kubernetes-tools-api';
// The package's index does not re-export Configuration v1.1.
import type { ConfigurationV1_1 } from 'vscode-kubernetes-tools-api/js/configuration/v1_1';
import * as l10n from '../text/l10n';

/** The Kubernetes extension's id, as its package.json declares it. */
export const kubernetesExtensionId = 'ms-kubernetes-tools.vscode-kubernetes-tools';

/** Its Clusters view, where our folder and actions appear. */
export const clustersViewId = 'extension.vsKubernetesExplorer';

/**
 * The folder this extension adds to the Clusters view, as nodeSources.resourceFolder takes it:
 * singular and plural display names, manifest kind, kubectl's name, and the API's resource name
 * (which turns on the view's Watch). Its nodes get the view's `vsKubernetes.resource.serviceaccount` context.
 * A function: the display names are translated when the folder is registered, after activation set the language.
 */
export const serviceAccountFolder = () => [l10n.t('Service Account'), l10n.t('Service Accounts'), 'ServiceAccount', 'serviceaccount', 'serviceaccounts'] as const;

export interface ServiceAccountName {
  readonly namespace: string;
  readonly name: string;
}

/**
 * The ServiceAccount a resolved Clusters view node names, or undefined for any other node.
 * Resource folders list the namespace the Kubernetes extension has chosen, so each node has its own.
 */
export function serviceAccountOfNode(node: ClusterExplorerV1_1.ClusterExplorerNode | undefined): ServiceAccountName | undefined {
  if (node?.nodeType !== 'resource' || node.resourceKind?.manifestKind !== 'ServiceAccount') {
    return undefined;
  }
  const { namespace, name } = node;
  return typeof namespace === 'string' && namespace.length > 0 && typeof name === 'string' && name.length > 0 ? { namespace, name } : undefined;
}

/**
 * The kubeconfig to follow while kubeSaTokens.kubeconfigPath is unset, or undefined to keep our own
 * resolution. getKubeconfigPath answers its setting, else the raw KUBECONFIG, else ~/.kube/config:
 * the last two are what we read anyway (KUBECONFIG as the list kubectl merges), so only its
 * setting changes anything. A WSL path names a file this extension host cannot open.
 */
export function kubeconfigToFollow(path: ConfigurationV1_1.KubeconfigPath, env: NodeJS.ProcessEnv, home: string): string | undefined {
  if (path.pathType !== 'host' || path.hostPath.trim().length === 0) {
    return undefined;
  }
  const ownResolution = env.KUBECONFIG || join(home, '.kube', 'config');
  return path.hostPath === ownResolution ? undefined : path.hostPath;
}
