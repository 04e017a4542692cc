// The discovery documents kubectl and client-go read before anything else: they learn from them
// which resources exist, which verbs they take, and whether they are namespaced.
import type { RequestContext } from './context';
import { ok, type Reply } from './reply';

export const authenticationGroup = 'authentication.k8s.io';
export const authorizationGroup = 'authorization.k8s.io';
export const rbacGroup = 'rbac.authorization.k8s.io';
export const appsGroup = 'apps';
export const batchGroup = 'batch';

/** The groups besides the core one, in the order kube-apiserver lists them (by group priority, pkg/controlplane/apiserver/aggregator.go). */
const servedGroups = [appsGroup, authenticationGroup, authorizationGroup, batchGroup, rbacGroup];

const groupVersionOf = (group: string) => ({ groupVersion: `${group}/v1`, version: 'v1' });
const apiGroup = (group: string) => ({ name: group, versions: [groupVersionOf(group)], preferredVersion: groupVersionOf(group) });

interface ResourceEntry {
  readonly name: string;
  readonly kind: string;
  readonly namespaced: boolean;
  readonly verbs: string[];
  readonly shortNames?: string[];
  /** A subresource served by another group's kind, such as serviceaccounts/token (TokenRequest). */
  readonly group?: string;
  readonly version?: string;
}

/** APIResourceList, each resource's fields in Go's order; subresources have no singular name. */
function resourceList(version: string, resources: readonly ResourceEntry[]): unknown {
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: version,
    resources: resources.map(({ name, kind, namespaced, verbs, shortNames, group, version: resourceVersion }) => ({
      name,
      singularName: name.includes('/') ? '' : kind.toLowerCase(),
      namespaced,
      ...(group ? { group, version: resourceVersion } : {}),
      kind,
      verbs,
      ...(shortNames ? { shortNames } : {}),
    })),
  };
}

export const version = (context: RequestContext): Reply => {
  const { version: release, behaviour } = context.state;
  return ok({ major: '1', minor: String(behaviour.minor), gitVersion: `v${release}.0-local`, gitCommit: 'local', gitTreeState: 'clean', buildDate: '2026-01-01T00:00:00Z', goVersion: 'go1.24', compiler: 'gc', platform: 'linux/amd64' });
};

export const healthy = (): Reply => ({ status: 200, body: 'ok', contentType: 'text/plain; charset=utf-8' });

export const apiVersions = (context: RequestContext): Reply =>
  ok({ kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: context.state.url.slice('https://'.length) }] });

export const coreResources = (): Reply =>
  ok(
    resourceList('v1', [
      { name: 'namespaces', kind: 'Namespace', namespaced: false, verbs: ['get', 'list'], shortNames: ['ns'] },
      { name: 'nodes', kind: 'Node', namespaced: false, verbs: ['get', 'list'], shortNames: ['no'] },
      { name: 'pods', kind: 'Pod', namespaced: true, verbs: ['create', 'delete', 'get', 'list'], shortNames: ['po'] },
      { name: 'secrets', kind: 'Secret', namespaced: true, verbs: ['create', 'delete', 'get', 'list'] },
      { name: 'serviceaccounts', kind: 'ServiceAccount', namespaced: true, verbs: ['get', 'list'], shortNames: ['sa'] },
      { name: 'serviceaccounts/token', kind: 'TokenRequest', namespaced: true, verbs: ['create'], group: authenticationGroup, version: 'v1' },
    ]),
  );

export const apiGroups = (): Reply => ok({ kind: 'APIGroupList', apiVersion: 'v1', groups: servedGroups.map(apiGroup) });

/** GET /apis/{group}: the group with its one version. */
export const groupDocument = (group: string) => (): Reply => ok({ kind: 'APIGroup', apiVersion: 'v1', ...apiGroup(group) });

export const authenticationApiGroup = groupDocument(authenticationGroup);

export const authenticationResources = (context: RequestContext): Reply =>
  ok(
    resourceList(`${authenticationGroup}/v1`, [
      ...(context.state.behaviour.selfSubjectReviewV1 ? [{ name: 'selfsubjectreviews', kind: 'SelfSubjectReview', namespaced: false, verbs: ['create'] }] : []),
      { name: 'tokenreviews', kind: 'TokenReview', namespaced: false, verbs: ['create'] },
    ]),
  );

export const authorizationResources = (): Reply =>
  ok(
    resourceList(`${authorizationGroup}/v1`, [
      { name: 'localsubjectaccessreviews', kind: 'LocalSubjectAccessReview', namespaced: true, verbs: ['create'] },
      { name: 'selfsubjectaccessreviews', kind: 'SelfSubjectAccessReview', namespaced: false, verbs: ['create'] },
      { name: 'selfsubjectrulesreviews', kind: 'SelfSubjectRulesReview', namespaced: false, verbs: ['create'] },
      { name: 'subjectaccessreviews', kind: 'SubjectAccessReview', namespaced: false, verbs: ['create'] },
    ]),
  );

/** The verbs the local server serves for RBAC objects (a real server adds patch, watch and deletecollection). */
const rbacVerbs = ['create', 'delete', 'get', 'list', 'update'];

export const rbacResources = (): Reply =>
  ok(
    resourceList(`${rbacGroup}/v1`, [
      { name: 'clusterrolebindings', kind: 'ClusterRoleBinding', namespaced: false, verbs: rbacVerbs },
      { name: 'clusterroles', kind: 'ClusterRole', namespaced: false, verbs: rbacVerbs },
      { name: 'rolebindings', kind: 'RoleBinding', namespaced: true, verbs: rbacVerbs },
      { name: 'roles', kind: 'Role', namespaced: true, verbs: rbacVerbs },
    ]),
  );

/** The verbs the local server serves for workload controllers (a real server adds list, patch, update, watch and deletecollection). */
const workloadVerbs = ['create', 'delete', 'get'];

export const appsResources = (): Reply =>
  ok(
    resourceList(`${appsGroup}/v1`, [
      { name: 'daemonsets', kind: 'DaemonSet', namespaced: true, verbs: workloadVerbs, shortNames: ['ds'] },
      { name: 'deployments', kind: 'Deployment', namespaced: true, verbs: workloadVerbs, shortNames: ['deploy'] },
      { name: 'replicasets', kind: 'ReplicaSet', namespaced: true, verbs: workloadVerbs, shortNames: ['rs'] },
      { name: 'statefulsets', kind: 'StatefulSet', namespaced: true, verbs: workloadVerbs, shortNames: ['sts'] },
    ]),
  );

export const batchResources = (): Reply =>
  ok(
    resourceList(`${batchGroup}/v1`, [
      { name: 'cronjobs', kind: 'CronJob', namespaced: true, verbs: workloadVerbs, shortNames: ['cj'] },
      { name: 'jobs', kind: 'Job', namespaced: true, verbs: workloadVerbs },
    ]),
  );
