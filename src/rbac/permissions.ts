// What a ServiceAccount may do, from the RBAC objects a person can list: the bindings that name it
// (directly, as its user name, or through its groups) and the rules of the roles they refer to, as
// kube-apiserver's RBAC authorizer walks them (pkg/registry/rbac/validation/rule.go VisitRulesFor,
// appliesTo, GetRoleReferenceRules), with aggregated ClusterRoles resolved here too.
import { selectorMatches } from './labelSelector';
import { ruleAllows } from './ruleMatch';
import { isNonResourceRequest, type AccessRequest, type ClusterRole, type PolicyRule, type RbacObjects, type Role, type RoleBinding, type RoleRef, type Subject } from './types';
import * as l10n from '../text/l10n';

export interface ServiceAccountRef {
  readonly namespace: string;
  readonly name: string;
}

/** Where a rule applies: one namespace (a RoleBinding) or every namespace and the cluster's own resources. */
export type GrantScope = { readonly kind: 'namespace'; readonly namespace: string } | { readonly kind: 'cluster-wide' };

export interface BindingRef {
  readonly kind: 'RoleBinding' | 'ClusterRoleBinding';
  readonly name: string;
  /** Set for RoleBindings. */
  readonly namespace?: string;
}

/** The binding and role a rule comes from, and the binding's subject that names the ServiceAccount. */
export interface GrantOrigin {
  readonly binding: BindingRef;
  readonly role: { readonly kind: string; readonly name: string };
  /** `ServiceAccount demo/web`, `group system:serviceaccounts:demo`, `user system:serviceaccount:demo:web`. */
  readonly subject: string;
}

export interface GrantedRule {
  readonly rule: PolicyRule;
  readonly scope: GrantScope;
  /** Undefined when the server computed the rules (a rules review says no binding). */
  readonly via?: GrantOrigin;
}

export type PermissionsSource = 'rbac-objects' | 'rules-review';

export interface ServiceAccountPermissions {
  readonly serviceAccount: ServiceAccountRef;
  readonly grants: readonly GrantedRule[];
  /** Bindings that name the ServiceAccount and refer to a role that does not exist: they grant nothing (yet). */
  readonly missingRoles: readonly GrantOrigin[];
  readonly source: PermissionsSource;
  /** The server said its answer may leave rights out (webhook or Node authorizers). */
  readonly incomplete: boolean;
  readonly notes: readonly string[];
}

export const serviceAccountUser = (account: ServiceAccountRef) => `system:serviceaccount:${account.namespace}:${account.name}`;

/** serviceaccount.MakeGroupNames, and system:authenticated that every authenticated user has. */
export const serviceAccountGroups = (namespace: string) => ['system:serviceaccounts', `system:serviceaccounts:${namespace}`, 'system:authenticated'];

/** rule.go appliesTo: the subject that names this ServiceAccount, described; a ServiceAccount subject without namespace means the RoleBinding's. */
function matchingSubject(subject: Subject, account: ServiceAccountRef, bindingNamespace: string | undefined): string | undefined {
  switch (subject.kind) {
    case 'ServiceAccount': {
      const namespace = subject.namespace || bindingNamespace;
      return namespace === account.namespace && subject.name === account.name ? l10n.t('ServiceAccount {0}/{1}', namespace, subject.name) : undefined;
    }
    case 'User':
      return subject.name === serviceAccountUser(account) ? l10n.t('user {0}', subject.name) : undefined;
    case 'Group':
      return serviceAccountGroups(account.namespace).includes(subject.name) ? l10n.t('group {0}', subject.name) : undefined;
    default:
      return undefined;
  }
}

const ruleKey = (rule: PolicyRule) => JSON.stringify([rule.verbs, rule.apiGroups ?? [], rule.resources ?? [], rule.resourceNames ?? [], rule.nonResourceURLs ?? []]);

/** Roles and ClusterRoles by name, and the rules of a ClusterRole with those of the roles its aggregationRule selects. */
class RoleIndex {
  private readonly clusterRoles = new Map<string, ClusterRole>();
  /** Roles by namespace, then name. */
  private readonly roles = new Map<string, Map<string, Role>>();
  private readonly resolved = new Map<string, readonly PolicyRule[]>();

  constructor(objects: RbacObjects) {
    objects.clusterRoles.forEach((role) => this.clusterRoles.set(role.metadata.name, role));
    for (const role of objects.roles) {
      const namespace = role.metadata.namespace ?? '';
      const inNamespace = this.roles.get(namespace) ?? new Map<string, Role>();
      this.roles.set(namespace, inNamespace.set(role.metadata.name, role));
    }
  }

  /** rule.go GetRoleReferenceRules: a Role in the binding's namespace or a ClusterRole; undefined when it does not exist. */
  rulesOf(roleRef: RoleRef, bindingNamespace: string | undefined): readonly PolicyRule[] | undefined {
    if (roleRef.kind === 'ClusterRole') {
      return this.clusterRoleRules(roleRef.name, new Set());
    }
    if (roleRef.kind === 'Role' && bindingNamespace !== undefined) {
      const role = this.roles.get(bindingNamespace)?.get(roleRef.name);
      return role ? (role.rules ?? []) : undefined;
    }
    return undefined;
  }

  /**
   * The stored rules, and for an aggregated ClusterRole the distinct rules of every other ClusterRole its
   * selectors match (followed through aggregated ones), so a lagging aggregation controller hides no right.
   */
  private clusterRoleRules(name: string, visiting: Set<string>): readonly PolicyRule[] | undefined {
    const role = this.clusterRoles.get(name);
    if (!role) {
      return undefined;
    }
    const known = this.resolved.get(name);
    if (known) {
      return known;
    }
    const selectors = role.aggregationRule?.clusterRoleSelectors ?? [];
    if (selectors.length === 0 || visiting.has(name)) {
      return role.rules ?? [];
    }
    visiting.add(name);
    const rules = new Map<string, PolicyRule>((role.rules ?? []).map((rule) => [ruleKey(rule), rule]));
    for (const selector of selectors) {
      for (const other of this.clusterRoles.values()) {
        if (other.metadata.name !== name && selectorMatches(selector, other.metadata.labels)) {
          for (const rule of this.clusterRoleRules(other.metadata.name, visiting) ?? []) {
            if (!rules.has(ruleKey(rule))) {
              rules.set(ruleKey(rule), rule);
            }
          }
        }
      }
    }
    visiting.delete(name);
    const all = [...rules.values()];
    this.resolved.set(name, all);
    return all;
  }
}

const grantsNothingIn = (rule: PolicyRule) => !rule.resources?.length;

const scopeOrder = (scope: GrantScope) => (scope.kind === 'cluster-wide' ? '' : `~${scope.namespace}`);

/** Cluster-wide first, then namespaces by name; in each, by binding name (stable otherwise). */
function byScopeThenBinding(left: GrantedRule, right: GrantedRule): number {
  const scopes = scopeOrder(left.scope).localeCompare(scopeOrder(right.scope), 'en');
  return scopes !== 0 ? scopes : (left.via?.binding.name ?? '').localeCompare(right.via?.binding.name ?? '', 'en');
}

/** Every rule the bindings give `account`, resolved through their roles; bindings to missing roles apart. */
export function permissionsFromObjects(objects: RbacObjects, account: ServiceAccountRef): ServiceAccountPermissions {
  const index = new RoleIndex(objects);
  const grants: GrantedRule[] = [];
  const missingRoles: GrantOrigin[] = [];
  const visit = (binding: RoleBinding, kind: BindingRef['kind']) => {
    const namespace = kind === 'RoleBinding' ? (binding.metadata.namespace ?? '') : undefined;
    const subject = (binding.subjects ?? []).map((candidate) => matchingSubject(candidate, account, namespace)).find((found) => found !== undefined);
    if (subject === undefined) {
      return;
    }
    const via: GrantOrigin = { binding: { kind, name: binding.metadata.name, ...(namespace !== undefined ? { namespace } : {}) }, role: { kind: binding.roleRef.kind, name: binding.roleRef.name }, subject };
    const rules = index.rulesOf(binding.roleRef, namespace);
    if (rules === undefined) {
      missingRoles.push(via);
      return;
    }
    const scope: GrantScope = namespace === undefined ? { kind: 'cluster-wide' } : { kind: 'namespace', namespace };
    // Non-resource URLs are asked about outside any namespace, where only ClusterRoleBindings apply.
    grants.push(...rules.filter((rule) => scope.kind === 'cluster-wide' || !grantsNothingIn(rule)).map((rule) => ({ rule, scope, via })));
  };
  objects.clusterRoleBindings.forEach((binding) => visit(binding, 'ClusterRoleBinding'));
  objects.roleBindings.forEach((binding) => visit(binding, 'RoleBinding'));
  return { serviceAccount: account, grants: grants.sort(byScopeThenBinding), missingRoles, source: 'rbac-objects', incomplete: false, notes: [] };
}

/** What a SelfSubjectRulesReview's status holds (authorization/v1 SubjectRulesReviewStatus). */
export interface RulesReviewStatus {
  readonly resourceRules: readonly PolicyRule[];
  readonly nonResourceRules: readonly PolicyRule[];
  readonly incomplete: boolean;
  readonly evaluationError?: string;
}

/**
 * The rules a SelfSubjectRulesReview made as the ServiceAccount returned for `namespace`: its
 * resource rules hold there (whether a RoleBinding or a ClusterRoleBinding gave them), its
 * non-resource rules everywhere; the review names no binding and says nothing of other namespaces.
 */
export function permissionsFromRulesReview(account: ServiceAccountRef, namespace: string, status: RulesReviewStatus): ServiceAccountPermissions {
  const seen = new Set<string>();
  const distinct = (rule: PolicyRule) => !seen.has(ruleKey(rule)) && Boolean(seen.add(ruleKey(rule)));
  const grants: GrantedRule[] = [
    ...status.nonResourceRules.filter(distinct).map((rule): GrantedRule => ({ rule, scope: { kind: 'cluster-wide' } })),
    ...status.resourceRules.filter(distinct).map((rule): GrantedRule => ({ rule, scope: { kind: 'namespace', namespace } })),
  ];
  return {
    serviceAccount: account,
    grants,
    missingRoles: [],
    source: 'rules-review',
    incomplete: status.incomplete,
    notes: [
      l10n.t('Asked the server with a SelfSubjectRulesReview as {0}: it answers for namespace {1} only, so rights in other namespaces are not shown, and its rules in {2} may come from cluster-wide bindings.', serviceAccountUser(account), namespace, namespace),
      ...(status.evaluationError ? [l10n.t('The server could not evaluate every binding: {0}', status.evaluationError)] : []),
    ],
  };
}

/** Whether `grant` allows `request`: a namespaced grant only for requests in its namespace, non-resource URLs only cluster-wide. */
export function grantAllows(grant: GrantedRule, request: AccessRequest): boolean {
  if (grant.scope.kind === 'namespace' && (isNonResourceRequest(request) || request.namespace !== grant.scope.namespace)) {
    return false;
  }
  return ruleAllows(grant.rule, request);
}

/** Whether any granted rule allows `request`, as the RBAC authorizer would answer with these rules. */
export function permissionsAllow(permissions: ServiceAccountPermissions, request: AccessRequest): boolean {
  return permissions.grants.some((grant) => grantAllows(grant, request));
}

/** What was read to compute permissions: for the tooltip, the log and the benchmark. */
export interface PermissionsCost {
  /** API requests this answer needed now; 0 when it came from objects listed a moment ago. */
  readonly requests: number;
  readonly objectsRead: number;
  readonly cached: boolean;
}

/** The permissions of a ServiceAccount, or why the person cannot see them and what to ask for. */
export type PermissionsOutcome =
  | { readonly kind: 'computed'; readonly permissions: ServiceAccountPermissions; readonly cost: PermissionsCost }
  | {
      readonly kind: 'unavailable';
      readonly serviceAccount: ServiceAccountRef;
      /** What was refused, and what to ask for. */
      readonly message: string;
      /** Only the permissions to ask for, short enough for one row: `list on roles (…) cluster-wide, or impersonate on …`. */
      readonly askFor: string;
    };
