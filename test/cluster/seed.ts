import { seedDemoRbac } from './rbacSeed';
import type { ServiceAccountTokens } from './serviceAccountTokens';
import type { Store } from './store';

const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().replace(/\.\d+Z$/, 'Z');

/** A small, realistic cluster for the demo and most tests. */
export async function seedDemo(store: Store, tokens: ServiceAccountTokens, caPem: string): Promise<void> {
  const accounts: Record<string, string[]> = {
    default: ['default'],
    'kube-system': ['default', 'coredns', 'kube-proxy'],
    demo: ['default', 'vault-auth', 'web', 'ci-deployer'],
    payments: ['default', 'vault-auth', 'payments-api', 'ci-deployer'],
    monitoring: ['default', 'prometheus'],
  };
  Object.keys(accounts).forEach((namespace, index) => store.create('namespaces', { name: namespace, creationTimestamp: daysAgo(40 - index) }, { status: { phase: 'Active' } }));
  for (const [namespace, names] of Object.entries(accounts)) {
    names.forEach((name, index) => store.create('serviceaccounts', { name, namespace, creationTimestamp: daysAgo(30 - index) }));
  }
  for (const [name, version] of [
    ['node-1', 'v1.33.1'],
    ['node-2', 'v1.33.1'],
  ]) {
    store.create('nodes', { name, creationTimestamp: daysAgo(40) }, { status: { nodeInfo: { kubeletVersion: version } } });
  }
  for (const [namespace, name, account, node] of [
    ['demo', 'web-0', 'vault-auth', 'node-1'],
    ['demo', 'web-1', 'web', 'node-2'],
    ['payments', 'api-0', 'payments-api', 'node-1'],
  ]) {
    store.create('pods', { name, namespace, creationTimestamp: daysAgo(2) }, { spec: { serviceAccountName: account, nodeName: node }, status: { phase: 'Running' } });
  }
  store.create('secrets', { name: 'app-config', namespace: 'demo' }, { type: 'Opaque', data: { LOG_LEVEL: Buffer.from('info').toString('base64') } });
  for (const [namespace, account] of [
    ['demo', 'vault-auth'],
    ['payments', 'ci-deployer'],
  ]) {
    await createLegacyTokenSecret(store, tokens, caPem, namespace, account);
  }
  seedDemoRbac(store);
}

/** A Secret of type kubernetes.io/service-account-token as the pre-1.24 token controller made them. */
export async function createLegacyTokenSecret(store: Store, tokens: ServiceAccountTokens, caPem: string, namespace: string, accountName: string): Promise<void> {
  const account = store.get('serviceaccounts', namespace, accountName);
  if (!account) {
    throw new Error(`no ServiceAccount ${namespace}/${accountName}`);
  }
  const name = `${accountName}-token-legacy`;
  const token = await tokens.issueLegacy(account, name);
  store.create(
    'secrets',
    { name, namespace, creationTimestamp: daysAgo(400), annotations: { 'kubernetes.io/service-account.name': accountName, 'kubernetes.io/service-account.uid': account.metadata.uid } },
    {
      type: 'kubernetes.io/service-account-token',
      data: { token: Buffer.from(token).toString('base64'), 'ca.crt': Buffer.from(caPem).toString('base64'), namespace: Buffer.from(namespace).toString('base64') },
    },
  );
}

/** `namespaces` × `perNamespace` ServiceAccounts named ns-000/sa-00…, for load tests and benchmarks. */
export function seedGenerated(store: Store, namespaces: number, perNamespace: number): void {
  const width = Math.max(3, String(namespaces - 1).length);
  const accountWidth = Math.max(2, String(perNamespace - 1).length);
  for (let n = 0; n < namespaces; n += 1) {
    const namespace = `ns-${String(n).padStart(width, '0')}`;
    store.create('namespaces', { name: namespace }, { status: { phase: 'Active' } });
    for (let a = 0; a < perNamespace; a += 1) {
      store.create('serviceaccounts', { name: `sa-${String(a).padStart(accountWidth, '0')}`, namespace });
    }
  }
}

/**
 * RBAC at scale over the generated namespaces (ns-000…, each with sa-00): `clusterRoles` ClusterRoles
 * (every tenth aggregated into `generated-aggregate`), one Role per namespace, and `roleBindings`
 * RoleBindings spread over the namespaces, naming a ServiceAccount, its namespace's group or a user,
 * and a Role or a ClusterRole; for benchmarks and request counts.
 */
export function seedGeneratedRbac(store: Store, options: { readonly clusterRoles: number; readonly roleBindings: number }): void {
  const namespaces = store.list('namespaces', {}).items.map((namespace) => namespace.metadata.name).filter((name) => name.startsWith('ns-'));
  const rbacGroup = 'rbac.authorization.k8s.io';
  const aggregated = 'example.com/aggregate-to-generated';
  for (let index = 0; index < options.clusterRoles; index += 1) {
    const name = `generated-${String(index).padStart(3, '0')}`;
    const labels = index % 10 === 0 ? { [aggregated]: 'true' } : undefined;
    store.create('clusterroles', { name, labels }, { rules: [{ verbs: ['get', 'list'], apiGroups: [`group-${index}.example.com`], resources: ['widgets', 'gadgets'] }] });
  }
  store.create('clusterroles', { name: 'generated-aggregate' }, { aggregationRule: { clusterRoleSelectors: [{ matchLabels: { [aggregated]: 'true' } }] }, rules: null });
  for (const namespace of namespaces) {
    store.create('roles', { name: 'configmap-reader', namespace }, { rules: [{ verbs: ['get', 'list', 'watch'], apiGroups: [''], resources: ['configmaps'] }] });
  }
  for (let index = 0; index < options.roleBindings; index += 1) {
    const namespace = namespaces[index % namespaces.length];
    const subject = [
      { kind: 'ServiceAccount', name: 'sa-00', namespace },
      { kind: 'Group', apiGroup: rbacGroup, name: `system:serviceaccounts:${namespace}` },
      { kind: 'User', apiGroup: rbacGroup, name: `user-${index}` },
    ][index % 3];
    const roleRef = index % 2 === 0 ? { apiGroup: rbacGroup, kind: 'Role', name: 'configmap-reader' } : { apiGroup: rbacGroup, kind: 'ClusterRole', name: index % 7 === 1 ? 'generated-aggregate' : `generated-${String(index % options.clusterRoles).padStart(3, '0')}` };
    store.create('rolebindings', { name: `binding-${String(index).padStart(4, '0')}`, namespace }, { subjects: [subject], roleRef });
  }
}
