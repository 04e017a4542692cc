// The local cluster's own grants, as RBAC objects an administrator would have created: what the
// local users may do, and ServiceAccounts of the demo namespace with rights worth showing.
import { clusterRoleRef, group, resourceRule, roleRef, serviceAccount, user } from './api/rbacBootstrap';
import type { Store } from './store';

/**
 * The user `restricted` (admin and cert-admin are system:masters and need nothing):
 * - get/list serviceaccounts, pods and secrets in demo and payments;
 * - create serviceaccounts/token in demo only;
 * - create tokenreviews; nothing else at cluster scope.
 * The user `impersonator` may list ServiceAccounts in demo and impersonate them, and list no RBAC object.
 */
export function grantLocalUsers(store: Store): void {
  store.create('clusterroles', { name: 'serviceaccount-reader' }, { rules: [resourceRule(['get', 'list'], [''], ['serviceaccounts', 'pods', 'secrets'])] });
  store.create('clusterroles', { name: 'token-reviewer' }, { rules: [resourceRule(['create'], ['authentication.k8s.io'], ['tokenreviews'])] });
  store.create('clusterrolebindings', { name: 'restricted-token-reviewer' }, { subjects: [user('restricted')], roleRef: clusterRoleRef('token-reviewer') });
  for (const namespace of ['demo', 'payments'].filter((name) => store.get('namespaces', undefined, name))) {
    store.create('rolebindings', { name: 'restricted-serviceaccount-reader', namespace }, { subjects: [user('restricted')], roleRef: clusterRoleRef('serviceaccount-reader') });
  }
  if (store.get('namespaces', undefined, 'demo')) {
    store.create('roles', { name: 'token-creator', namespace: 'demo' }, { rules: [resourceRule(['create'], [''], ['serviceaccounts/token'])] });
    store.create('rolebindings', { name: 'restricted-token-creator', namespace: 'demo' }, { subjects: [user('restricted')], roleRef: roleRef('token-creator') });
    store.create('clusterroles', { name: 'serviceaccount-impersonator' }, { rules: [resourceRule(['impersonate'], [''], ['serviceaccounts'])] });
    store.create('rolebindings', { name: 'impersonator-serviceaccount-reader', namespace: 'demo' }, { subjects: [user('impersonator')], roleRef: clusterRoleRef('serviceaccount-reader') });
    store.create('rolebindings', { name: 'impersonator-serviceaccounts', namespace: 'demo' }, { subjects: [user('impersonator')], roleRef: clusterRoleRef('serviceaccount-impersonator') });
  }
}

/**
 * ServiceAccounts of demo with rights of every kind, for "what can this ServiceAccount do":
 * - vault-auth reads and lists Secrets through a Role;
 * - web may get the Secret app-config only (resourceNames), and is bound to a Role that does not exist;
 * - ci-deployer is cluster-admin through a ClusterRoleBinding;
 * - every ServiceAccount of demo views the namespace through the group system:serviceaccounts:demo
 *   (the aggregated ClusterRole view), and reads the issuer documents a second time through it.
 */
export function seedDemoRbac(store: Store): void {
  store.create('roles', { name: 'secret-reader', namespace: 'demo' }, { rules: [resourceRule(['get', 'list'], [''], ['secrets'])] });
  store.create('rolebindings', { name: 'vault-auth-secret-reader', namespace: 'demo' }, { subjects: [serviceAccount('demo', 'vault-auth')], roleRef: roleRef('secret-reader') });
  store.create('roles', { name: 'app-config-reader', namespace: 'demo' }, { rules: [resourceRule(['get'], [''], ['secrets'], ['app-config'])] });
  store.create('rolebindings', { name: 'web-app-config', namespace: 'demo' }, { subjects: [serviceAccount('demo', 'web')], roleRef: roleRef('app-config-reader') });
  store.create('rolebindings', { name: 'web-deployer', namespace: 'demo' }, { subjects: [serviceAccount('demo', 'web')], roleRef: roleRef('deployer') });
  store.create('clusterrolebindings', { name: 'ci-deployer-cluster-admin' }, { subjects: [serviceAccount('demo', 'ci-deployer')], roleRef: clusterRoleRef('cluster-admin') });
  store.create('rolebindings', { name: 'demo-serviceaccounts-view', namespace: 'demo' }, { subjects: [group('system:serviceaccounts:demo')], roleRef: clusterRoleRef('view') });
  store.create('clusterrolebindings', { name: 'all-sa-discovery-extra' }, { subjects: [group('system:serviceaccounts:demo')], roleRef: clusterRoleRef('system:service-account-issuer-discovery') });
}
