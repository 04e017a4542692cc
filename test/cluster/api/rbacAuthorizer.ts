// The RBAC authorizer over the stored Roles, ClusterRoles and their bindings, as kube-apiserver's:
// the rule matching of pkg/apis/rbac/v1/evaluation_helpers.go and plugin/pkg/auth/authorizer/rbac/rbac.go
// (RuleAllows), the binding walk of pkg/registry/rbac/validation/rule.go (VisitRulesFor, appliesTo,
// GetRoleReferenceRules, the describers that word the "allowed by" reason), and the aggregate of its
// errors (apimachinery pkg/util/errors). Bindings are visited in name order, as a real server's
// informer cache visits them in no particular order.
import type { Store, StoredObject } from '../store';
import type { User } from './authentication';
import type { Attributes } from './authorization';
import { rbacGroup } from './discovery';

export interface PolicyRule {
  readonly verbs: readonly string[];
  readonly apiGroups?: readonly string[];
  readonly resources?: readonly string[];
  readonly resourceNames?: readonly string[];
  readonly nonResourceURLs?: readonly string[];
}

export interface Subject {
  readonly kind: string;
  readonly apiGroup?: string;
  readonly name: string;
  readonly namespace?: string;
}

export interface RoleRef {
  readonly apiGroup: string;
  readonly kind: string;
  readonly name: string;
}

export { rbacGroup };

export const rulesOf = (role: StoredObject): readonly PolicyRule[] => (role.rules as PolicyRule[] | undefined) ?? [];
export const subjectsOf = (binding: StoredObject): readonly Subject[] => (binding.subjects as Subject[] | undefined) ?? [];
export const roleRefOf = (binding: StoredObject): RoleRef => binding.roleRef as RoleRef;

const has = (list: readonly string[] | undefined, value: string) => (list ?? []).includes(value);

/** evaluation_helpers.go VerbMatches, APIGroupMatches, ResourceMatches (a rule may also name a subresource of every resource), ResourceNameMatches, NonResourceURLMatches. */
export function ruleAllows(attributes: Attributes, rule: PolicyRule): boolean {
  const verbMatches = has(rule.verbs, '*') || has(rule.verbs, attributes.verb);
  if (attributes.path !== undefined) {
    const path = attributes.path;
    return verbMatches && (rule.nonResourceURLs ?? []).some((url) => url === '*' || url === path || (url.endsWith('*') && path.startsWith(url.replace(/\*+$/, ''))));
  }
  const combined = attributes.resource ?? '';
  const subresource = combined.includes('/') ? combined.slice(combined.indexOf('/') + 1) : '';
  const groupMatches = has(rule.apiGroups, '*') || has(rule.apiGroups, attributes.group ?? '');
  const resourceMatches = (rule.resources ?? []).some(
    (resource) => resource === '*' || resource === combined || (subresource !== '' && resource.length === subresource.length + 2 && resource.startsWith('*/') && resource.endsWith(subresource)),
  );
  const nameMatches = !rule.resourceNames?.length || has(rule.resourceNames, attributes.name ?? '');
  return verbMatches && groupMatches && resourceMatches && nameMatches;
}

/** serviceaccount.MatchesUsername: system:serviceaccount:NS:NAME. */
const serviceAccountUser = (namespace: string, name: string) => `system:serviceaccount:${namespace}:${name}`;

/** rule.go appliesToUser: a ServiceAccount subject without a namespace takes the binding's. */
function appliesToUser(user: User, subject: Subject, namespace: string): boolean {
  switch (subject.kind) {
    case 'User':
      return user.name === subject.name;
    case 'Group':
      return user.groups.includes(subject.name);
    case 'ServiceAccount': {
      const accountNamespace = subject.namespace || namespace;
      return accountNamespace !== '' && user.name === serviceAccountUser(accountNamespace, subject.name);
    }
    default:
      return false;
  }
}

/** rule.go describeSubject. */
function describeSubject(subject: Subject, bindingNamespace: string): string {
  const name = subject.kind === 'ServiceAccount' ? `${subject.name}/${subject.namespace || bindingNamespace}` : subject.name;
  return `${subject.kind} ${JSON.stringify(name)}`;
}

/** Where a rule comes from, worded as rule.go's clusterRoleBindingDescriber and roleBindingDescriber. */
export function describeSource(binding: StoredObject, subject: Subject): string {
  const { name, namespace } = binding.metadata;
  const roleRef = roleRefOf(binding);
  const bindingName = namespace ? `${name}/${namespace}` : name;
  return `${namespace ? 'RoleBinding' : 'ClusterRoleBinding'} ${JSON.stringify(bindingName)} of ${roleRef.kind} ${JSON.stringify(roleRef.name)} to ${describeSubject(subject, namespace ?? '')}`;
}

/**
 * Which getters resolve role references: the authorizer's informer listers, whose NotFound names the
 * singular resource (rbac/v1 listers use v1.Resource("role")), or the registry the RBAC storages'
 * escalation checks read (pkg/registry/rbac/rest/storage_rbac.go), whose NotFound names the plural.
 */
export type RoleGetters = 'listers' | 'registry';

/** rule.go GetRoleReferenceRules. */
export function roleReferenceRules(store: Store, roleRef: RoleRef, bindingNamespace: string | undefined, getters: RoleGetters = 'listers'): { rules: readonly PolicyRule[] } | { error: string } {
  const notFound = (resource: 'role' | 'clusterrole') => ({ error: `${getters === 'listers' ? resource : `${resource}s`}.${rbacGroup} ${JSON.stringify(roleRef.name)} not found` });
  switch (roleRef.kind) {
    case 'Role': {
      const role = bindingNamespace ? store.get('roles', bindingNamespace, roleRef.name) : undefined;
      return role ? { rules: rulesOf(role) } : notFound('role');
    }
    case 'ClusterRole': {
      const role = store.get('clusterroles', undefined, roleRef.name);
      return role ? { rules: rulesOf(role) } : notFound('clusterrole');
    }
    default:
      return { error: `unsupported role reference kind: ${JSON.stringify(roleRef.kind)}` };
  }
}

/** A rule and the binding that grants it, or an error met on the way; returning false stops the walk. */
export type RuleVisitor = (visited: { readonly rule: PolicyRule; readonly source: string } | { readonly error: string }) => boolean;

/** rule.go VisitRulesFor: ClusterRoleBindings, then the RoleBindings of the namespace, if any. */
export function visitRulesFor(store: Store, user: User, namespace: string | undefined, visit: RuleVisitor, getters: RoleGetters = 'listers'): void {
  const scopes: { resource: 'clusterrolebindings' | 'rolebindings'; namespace?: string }[] = [{ resource: 'clusterrolebindings' }];
  if (namespace) {
    scopes.push({ resource: 'rolebindings', namespace });
  }
  for (const scope of scopes) {
    for (const binding of store.list(scope.resource, { namespace: scope.namespace }).items) {
      const subject = subjectsOf(binding).find((candidate) => appliesToUser(user, candidate, scope.namespace ?? ''));
      if (!subject) {
        continue;
      }
      const resolved = roleReferenceRules(store, roleRefOf(binding), scope.namespace, getters);
      if ('error' in resolved) {
        if (!visit({ error: resolved.error })) {
          return;
        }
        continue;
      }
      const source = describeSource(binding, subject);
      for (const rule of resolved.rules) {
        if (!visit({ rule, source })) {
          return;
        }
      }
    }
  }
}

/** utilerrors.NewAggregate(...).Error(): one message as is, several deduplicated in brackets. */
export function aggregateErrors(errors: readonly string[]): string {
  const distinct = [...new Set(errors)];
  return distinct.length === 1 ? distinct[0] : `[${distinct.join(', ')}]`;
}

export interface RbacDecision {
  readonly allowed: boolean;
  /** "RBAC: allowed by …" when allowed; "RBAC: <errors>" when denied after errors; else empty. */
  readonly reason: string;
}

/** rbac.go Authorize: allowed by the first rule that matches, else no opinion with the errors met as the reason. */
export function rbacAuthorize(store: Store, user: User, attributes: Attributes): RbacDecision {
  const errors: string[] = [];
  let reason: string | undefined;
  visitRulesFor(store, user, attributes.namespace, (visited) => {
    if ('rule' in visited && ruleAllows(attributes, visited.rule)) {
      reason = `RBAC: allowed by ${visited.source}`;
      return false;
    }
    if ('error' in visited) {
      errors.push(visited.error);
    }
    return true;
  });
  if (reason !== undefined) {
    return { allowed: true, reason };
  }
  return { allowed: false, reason: errors.length > 0 ? `RBAC: ${aggregateErrors(errors)}` : '' };
}

/** rule.go RulesFor: every rule that applies in the namespace, in visiting order, and the errors met. */
export function rulesFor(store: Store, user: User, namespace: string | undefined, getters: RoleGetters = 'listers'): { readonly rules: readonly PolicyRule[]; readonly errors: readonly string[] } {
  const rules: PolicyRule[] = [];
  const errors: string[] = [];
  visitRulesFor(store, user, namespace, (visited) => {
    if ('rule' in visited) {
      rules.push(visited.rule);
    } else {
      errors.push(visited.error);
    }
    return true;
  }, getters);
  return { rules, errors };
}
