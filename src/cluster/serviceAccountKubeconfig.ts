import { readFileSync } from 'node:fs';
import type { Cluster } from '@kubernetes/client-node';
import { stringify } from 'yaml';
import { ClusterError } from './errors';
import type { IssuedToken } from './types';
import * as l10n from '../text/l10n';

function caData(cluster: Cluster): string | undefined {
  if (cluster.caData) {
    return cluster.caData;
  }
  if (!cluster.caFile) {
    return undefined;
  }
  try {
    return readFileSync(cluster.caFile).toString('base64');
  } catch {
    throw new ClusterError(l10n.t("Cannot read the cluster's CA file {0}; the kubeconfig would not trust the server.", cluster.caFile), 'config');
  }
}

/** A self-contained kubeconfig that acts as the ServiceAccount: the current cluster with its CA, a user holding the token, a context with the namespace. */
export function serviceAccountKubeconfig(cluster: Cluster, issued: IssuedToken): string {
  const name = `${issued.serviceAccount}@${cluster.name}`;
  const clusterEntry: Record<string, unknown> = { server: cluster.server };
  const authority = caData(cluster);
  if (authority) {
    clusterEntry['certificate-authority-data'] = authority;
  }
  if (cluster.skipTLSVerify) {
    clusterEntry['insecure-skip-tls-verify'] = true;
  }
  if (cluster.tlsServerName) {
    clusterEntry['tls-server-name'] = cluster.tlsServerName;
  }
  const note = l10n.t('Kubeconfig for ServiceAccount {0}/{1}. It holds a live token until {2}:\nanyone who can read this file acts as the ServiceAccount. Keep it private (mode 0600) and out of version control.', issued.namespace, issued.serviceAccount, issued.expiresAt.toISOString());
  const header = note
    .split('\n')
    .map((line) => `# ${line}\n`)
    .join('');
  return header + stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: cluster.name, cluster: clusterEntry }],
    users: [{ name, user: { token: issued.token } }],
    contexts: [{ name, context: { cluster: cluster.name, user: name, namespace: issued.namespace } }],
    'current-context': name,
  });
}
