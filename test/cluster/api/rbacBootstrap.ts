// The bootstrap RBAC policy kube-apiserver writes at start (plugin/pkg/auth/authorizer/rbac/bootstrappolicy
// policy.go and its rbac/bootstrap-roles post-start hook), reduced to the roles this server's resources
// and its tests need but faithful in what it keeps: names, labels and annotations, the aggregation of
// admin/edit/view, which groups the default bindings name, and rules sorted as NewRule(...).RuleOrDie()
// sorts them. The aggregate-to-* roles keep the core-group rules and a few others of the real lists.
import type { Store } from '../store';
import type { VersionBehaviour } from '../version';
import { aggregateClusterRoles, type LabelSelector } from './rbacAggregation';
import { rbacGroup, type PolicyRule, type Subject } from './rbacAuthorizer';

/** bootstrappolicy.Read, Write, ReadWrite. */
const read = ['get', 'list', 'watch'];
const write = ['create', 'update', 'patch', 'delete', 'deletecollection'];
const readWrite = [...read, ...write];

const sorted = (values: readonly string[]) => [...values].sort();

/** rbacv1helpers.NewRule(verbs...).Groups(groups...).Resources(resources...).RuleOrDie(): every list sorted. */
export const resourceRule = (verbs: readonly string[], groups: readonly string[], resources: readonly string[], resourceNames?: readonly string[]): PolicyRule => ({
  verbs: sorted(verbs),
  apiGroups: sorted(groups),
  resources: sorted(resources),
  ...(resourceNames ? { resourceNames: sorted(resourceNames) } : {}),
});
export const urlRule = (verbs: readonly string[], urls: readonly string[]): PolicyRule => ({ verbs: sorted(verbs), nonResourceURLs: sorted(urls) });

export const group = (name: string): Subject => ({ kind: 'Group', apiGroup: rbacGroup, name });
export const user = (name: string): Subject => ({ kind: 'User', apiGroup: rbacGroup, name });
export const serviceAccount = (namespace: string, name: string): Subject => ({ kind: 'ServiceAccount', name, namespace });

export const clusterRoleRef = (name: string) => ({ apiGroup: rbacGroup, kind: 'ClusterRole', name });
export const roleRef = (name: string) => ({ apiGroup: rbacGroup, kind: 'Role', name });

const aggregateTo = (role: 'admin' | 'edit' | 'view') => ({ [`rbac.authorization.k8s.io/aggregate-to-${role}`]: 'true' });
const aggregating = (role: 'admin' | 'edit' | 'view'): { clusterRoleSelectors: LabelSelector[] } => ({ clusterRoleSelectors: [{ matchLabels: aggregateTo(role) }] });

interface BootstrapRole {
  readonly name: string;
  readonly labels?: Record<string, string>;
  readonly rules?: PolicyRule[];
  readonly aggregationRule?: { clusterRoleSelectors: LabelSelector[] };
}

function clusterRoles(behaviour: VersionBehaviour): BootstrapRole[] {
  return [
    { name: 'cluster-admin', rules: [resourceRule(['*'], ['*'], ['*']), urlRule(['*'], ['*'])] },
    { name: 'system:discovery', rules: [urlRule(['get'], ['/livez', '/readyz', '/healthz', '/version', '/version/', '/openapi', '/openapi/*', '/api', '/api/*', '/apis', '/apis/*'])] },
    {
      name: 'system:basic-user',
      rules: [
        resourceRule(['create'], ['authorization.k8s.io'], ['selfsubjectaccessreviews', 'selfsubjectrulesreviews']),
        // Behind APISelfSubjectReview, on by default from its beta in 1.27 (KEP-3325).
        ...(behaviour.minor >= 27 ? [resourceRule(['create'], ['authentication.k8s.io'], ['selfsubjectreviews'])] : []),
      ],
    },
    { name: 'system:public-info-viewer', rules: [urlRule(['get'], ['/livez', '/readyz', '/healthz', '/version', '/version/'])] },
    { name: 'system:service-account-issuer-discovery', rules: [urlRule(['get'], ['/.well-known/openid-configuration', '/openid/v1/jwks'])] },
    { name: 'system:auth-delegator', rules: [resourceRule(['create'], ['authentication.k8s.io'], ['tokenreviews']), resourceRule(['create'], ['authorization.k8s.io'], ['subjectaccessreviews'])] },
    { name: 'admin', aggregationRule: aggregating('admin') },
    { name: 'edit', labels: aggregateTo('admin'), aggregationRule: aggregating('edit') },
    { name: 'view', labels: aggregateTo('edit'), aggregationRule: aggregating('view') },
    {
      name: 'system:aggregate-to-admin',
      labels: aggregateTo('admin'),
      rules: [resourceRule(['create'], ['authorization.k8s.io'], ['localsubjectaccessreviews']), resourceRule(readWrite, [rbacGroup], ['roles', 'rolebindings'])],
    },
    {
      name: 'system:aggregate-to-edit',
      labels: aggregateTo('edit'),
      rules: [
        resourceRule(read, [''], ['pods/attach', 'pods/proxy', 'pods/exec', 'pods/portforward', 'secrets', 'services/proxy']),
        resourceRule(['impersonate'], [''], ['serviceaccounts']),
        resourceRule(write, [''], ['pods', 'pods/attach', 'pods/proxy', 'pods/exec', 'pods/portforward']),
        resourceRule(['create'], [''], ['pods/eviction']),
        resourceRule(write, [''], ['replicationcontrollers', 'replicationcontrollers/scale', 'serviceaccounts', 'services', 'services/proxy', 'persistentvolumeclaims', 'configmaps', 'secrets', 'events']),
        resourceRule(['create'], [''], ['serviceaccounts/token']),
        resourceRule(write, ['apps'], ['statefulsets', 'statefulsets/scale', 'daemonsets', 'deployments', 'deployments/scale', 'deployments/rollback', 'replicasets', 'replicasets/scale']),
        resourceRule(write, ['batch'], ['jobs', 'cronjobs']),
      ],
    },
    {
      name: 'system:aggregate-to-view',
      labels: aggregateTo('view'),
      rules: [
        resourceRule(read, [''], ['pods', 'replicationcontrollers', 'replicationcontrollers/scale', 'serviceaccounts', 'services', 'services/status', 'endpoints', 'persistentvolumeclaims', 'persistentvolumeclaims/status', 'configmaps']),
        resourceRule(read, [''], ['limitranges', 'resourcequotas', 'bindings', 'events', 'pods/status', 'resourcequotas/status', 'namespaces/status', 'replicationcontrollers/status', 'pods/log']),
        resourceRule(read, [''], ['namespaces']),
        resourceRule(read, ['apps'], ['controllerrevisions', 'statefulsets', 'statefulsets/status', 'statefulsets/scale', 'daemonsets', 'daemonsets/status', 'deployments', 'deployments/status', 'deployments/scale', 'replicasets', 'replicasets/status', 'replicasets/scale']),
        resourceRule(read, ['batch'], ['jobs', 'cronjobs', 'cronjobs/status', 'jobs/status']),
      ],
    },
  ];
}

/** bootstrappolicy ClusterRoleBindings: the default grants, to groups only. */
const clusterRoleBindings: readonly { name: string; subjects: Subject[] }[] = [
  { name: 'cluster-admin', subjects: [group('system:masters')] },
  { name: 'system:basic-user', subjects: [group('system:authenticated')] },
  { name: 'system:discovery', subjects: [group('system:authenticated')] },
  { name: 'system:public-info-viewer', subjects: [group('system:authenticated'), group('system:unauthenticated')] },
  { name: 'system:service-account-issuer-discovery', subjects: [group('system:serviceaccounts')] },
];

/** bootstrappolicy addDefaultMetadata. */
const bootstrapLabels = { 'kubernetes.io/bootstrapping': 'rbac-defaults' };
const bootstrapAnnotations = { 'rbac.authorization.kubernetes.io/autoupdate': 'true' };

export interface BootstrapOptions {
  /** Whether a controller-manager fills aggregated ClusterRoles; without one, admin/edit/view have no rules. */
  readonly aggregate: boolean;
}

/** Writes the bootstrap ClusterRoles and ClusterRoleBindings, as the rbac/bootstrap-roles post-start hook does. */
export function bootstrapPolicy(store: Store, behaviour: VersionBehaviour, options: BootstrapOptions): void {
  for (const role of clusterRoles(behaviour)) {
    store.create(
      'clusterroles',
      // Go marshals a map's keys in order.
      { name: role.name, labels: Object.fromEntries(Object.entries({ ...role.labels, ...bootstrapLabels }).sort(([left], [right]) => (left < right ? -1 : 1))), annotations: bootstrapAnnotations },
      { rules: role.rules ?? null, ...(role.aggregationRule ? { aggregationRule: role.aggregationRule } : {}) },
    );
  }
  for (const binding of clusterRoleBindings) {
    store.create('clusterrolebindings', { name: binding.name, labels: bootstrapLabels, annotations: bootstrapAnnotations }, { subjects: binding.subjects, roleRef: clusterRoleRef(binding.name) });
  }
  if (options.aggregate) {
    aggregateClusterRoles(store);
  }
}
