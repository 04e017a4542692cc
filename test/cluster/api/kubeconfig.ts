import { stringify } from 'yaml';
import type { KeyAndCertificate } from '../certificates';

/** A user's credentials as kubeconfig holds them: a bearer token or an inline client certificate. */
export type KubeconfigCredentials = { readonly token: string } | { readonly certificate: KeyAndCertificate };

/** A complete kubeconfig for one user, CA data inline, so the file alone is enough to connect. */
export function kubeconfigYaml(server: string, caPem: string, user: string, credentials: KubeconfigCredentials, contextName: string): string {
  const base64 = (text: string) => Buffer.from(text).toString('base64');
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'local-cluster', cluster: { server, 'certificate-authority-data': base64(caPem) } }],
    users: [{ name: user, user: 'token' in credentials ? { token: credentials.token } : { 'client-certificate-data': base64(credentials.certificate.certificatePem), 'client-key-data': base64(credentials.certificate.keyPem) } }],
    contexts: [{ name: contextName, context: { cluster: 'local-cluster', user, namespace: 'demo' } }],
    'current-context': contextName,
  });
}
