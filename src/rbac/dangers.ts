// The rights that let a ServiceAccount (or whoever holds its token) gain more than they show: one
// table, each entry with its reason, matched against granted rules with the RBAC authorizer's own
// rule matching. The README's "Dangerous rights" section lists the same entries.
import { grantAllows, type GrantedRule, type GrantScope, type ServiceAccountPermissions } from './permissions';
import type { AccessRequest, NonResourceRequest, ResourceRequest } from './types';
import * as l10n from '../text/l10n';

/** A request a dangerous right allows; `namespaced` requests are asked in the grant's namespace, the others at cluster scope. */
type DangerousRequest = (Omit<ResourceRequest, 'namespace'> & { readonly namespaced: boolean }) | NonResourceRequest;

export interface DangerousRight {
  readonly id: string;
  /** What the right is, as the README and the tree name it. */
  readonly what: string;
  /** Why it is dangerous. */
  readonly why: string;
  /** Any of these allowed makes a rule dangerous. */
  readonly requests: readonly DangerousRequest[];
  /** A binding to this ClusterRole is dangerous whatever its rules read. */
  readonly clusterRole?: string;
}

const core = (verb: string, resource: string, namespaced = true, subresource?: string): DangerousRequest => ({ verb, group: '', resource, namespaced, ...(subresource ? { subresource } : {}) });
const inGroup = (group: string, verb: string, resource: string, namespaced = true): DangerousRequest => ({ verb, group, resource, namespaced });

export const dangerousRights: readonly DangerousRight[] = [
  {
    id: 'read-secrets',
    get what() {
      return l10n.t('reading Secrets');
    },
    get why() {
      return l10n.t('Secrets hold credentials: tokens of other ServiceAccounts, passwords and keys, which carry their own rights.');
    },
    requests: ['get', 'list', 'watch'].map((verb) => core(verb, 'secrets')),
  },
  {
    id: 'create-workloads',
    get what() {
      return l10n.t('creating Pods or workloads');
    },
    get why() {
      return l10n.t('A Pod (or a Deployment, DaemonSet, StatefulSet, ReplicaSet, Job, CronJob or ReplicationController that makes one) can run as any ServiceAccount of its namespace and mount any Secret there.');
    },
    requests: [
      core('create', 'pods'),
      core('create', 'replicationcontrollers'),
      ...['deployments', 'daemonsets', 'statefulsets', 'replicasets'].map((resource) => inGroup('apps', 'create', resource)),
      ...['jobs', 'cronjobs'].map((resource) => inGroup('batch', 'create', resource)),
    ],
  },
  {
    id: 'create-tokens',
    get what() {
      return l10n.t('create on serviceaccounts/token');
    },
    get why() {
      return l10n.t('It mints tokens for other ServiceAccounts, which then act with their rights.');
    },
    requests: [core('create', 'serviceaccounts', true, 'token')],
  },
  {
    id: 'impersonate',
    get what() {
      return l10n.t('impersonate on users, groups or serviceaccounts');
    },
    get why() {
      return l10n.t('It acts as another user, group or ServiceAccount, with all of their rights (system:masters among them).');
    },
    requests: [core('impersonate', 'users', false), core('impersonate', 'groups', false), core('impersonate', 'serviceaccounts')],
  },
  {
    id: 'escalate-bind',
    get what() {
      return l10n.t('escalate or bind on roles or clusterroles');
    },
    get why() {
      return l10n.t('It grants rights it does not hold itself: RBAC stops checking that a role or binding asks for no more than its author has.');
    },
    requests: ['escalate', 'bind'].flatMap((verb) => [inGroup('rbac.authorization.k8s.io', verb, 'roles'), inGroup('rbac.authorization.k8s.io', verb, 'clusterroles', false)]),
  },
  {
    id: 'nodes-proxy',
    get what() {
      return l10n.t('nodes/proxy');
    },
    get why() {
      return l10n.t("It reaches each node's kubelet API directly, which runs commands in any Pod on the node and bypasses admission and audit.");
    },
    requests: ['get', 'create'].map((verb) => core(verb, 'nodes', false, 'proxy')),
  },
  {
    id: 'wildcard',
    get what() {
      return l10n.t('* on *');
    },
    get why() {
      return l10n.t('Every verb on every resource of every API group, present and future: full control where it is granted.');
    },
    requests: [{ verb: '*', group: '*', resource: '*', namespaced: true }],
  },
  {
    id: 'cluster-admin',
    get what() {
      return l10n.t('bound to cluster-admin');
    },
    get why() {
      return l10n.t('cluster-admin is the superuser role: everything, in every namespace when bound cluster-wide.');
    },
    requests: [],
    clusterRole: 'cluster-admin',
  },
];

export interface Danger {
  readonly right: DangerousRight;
  readonly where: GrantScope;
  readonly grant: GrantedRule;
}

function asked(request: DangerousRequest, scope: GrantScope): AccessRequest {
  if (!('namespaced' in request)) {
    return request;
  }
  const { namespaced, ...resource } = request;
  return namespaced && scope.kind === 'namespace' ? { ...resource, namespace: scope.namespace } : resource;
}

/** The dangerous rights one grant holds. */
export function dangersOfGrant(grant: GrantedRule): DangerousRight[] {
  return dangerousRights.filter(
    (right) =>
      (right.clusterRole !== undefined && grant.via?.role.kind === 'ClusterRole' && grant.via.role.name === right.clusterRole) ||
      right.requests.some((request) => grantAllows(grant, asked(request, grant.scope))),
  );
}

/** Every dangerous right the ServiceAccount holds, once per right and scope, with the first grant that gives it. */
export function dangersOf(permissions: ServiceAccountPermissions): Danger[] {
  const found = new Map<string, Danger>();
  for (const grant of permissions.grants) {
    for (const right of dangersOfGrant(grant)) {
      const key = `${right.id} ${grant.scope.kind === 'namespace' ? grant.scope.namespace : ''}`;
      if (!found.has(key)) {
        found.set(key, { right, where: grant.scope, grant });
      }
    }
  }
  return [...found.values()];
}
