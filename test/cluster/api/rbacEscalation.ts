// RBAC's privilege-escalation prevention on writes of roles and bindings (pkg/registry/rbac/
// escalation_check.go, the policybased storages of role, clusterrole, rolebinding, clusterrolebinding):
// system:masters may write anything; otherwise a role needs the verb escalate on it or rules the writer
// holds, and a binding needs bind on the role it names or that role's rules held by the writer. Whether
// the writer holds them is pkg/registry/rbac/validation policy_comparator.go Covers, and the refusal lists
// what is missing, compacted (policy_compact.go) and printed as rbacv1helpers.CompactString does.
import type { Store } from '../store';
import type { User } from './authentication';
import { authorize, privilegedGroup } from './authorization';
import { aggregateErrors, rbacGroup, roleReferenceRules, rulesFor, type PolicyRule, type RoleRef } from './rbacAuthorizer';

const has = (list: readonly string[] | undefined, value: string) => (list ?? []).includes(value);
const hasAll = (list: readonly string[] | undefined, values: readonly string[] | undefined) => (values ?? []).every((value) => has(list, value));

/** policy_comparator.go BreakdownRule: one rule per group, resource, verb (and name), and per URL and verb. */
export function breakdownRule(rule: PolicyRule): PolicyRule[] {
  const rules: PolicyRule[] = [];
  for (const group of rule.apiGroups ?? []) {
    for (const resource of rule.resources ?? []) {
      for (const verb of rule.verbs) {
        if (rule.resourceNames?.length) {
          rules.push(...rule.resourceNames.map((name) => ({ verbs: [verb], apiGroups: [group], resources: [resource], resourceNames: [name] })));
        } else {
          rules.push({ verbs: [verb], apiGroups: [group], resources: [resource] });
        }
      }
    }
  }
  for (const url of rule.nonResourceURLs ?? []) {
    rules.push(...rule.verbs.map((verb) => ({ verbs: [verb], nonResourceURLs: [url] })));
  }
  return rules;
}

function resourceCoversAll(owned: readonly string[] | undefined, wanted: readonly string[] | undefined): boolean {
  if (has(owned, '*') || hasAll(owned, wanted)) {
    return true;
  }
  return (wanted ?? []).every((resource) => has(owned, resource) || (resource.includes('/') && has(owned, `*/${resource.slice(resource.indexOf('/') + 1)}`)));
}

const urlCovers = (owned: string, wanted: string) => owned === wanted || (owned.endsWith('*') && wanted.startsWith(owned.replace(/\*+$/, '')));

/** policy_comparator.go ruleCovers. */
function ruleCovers(owner: PolicyRule, wanted: PolicyRule): boolean {
  const verbs = has(owner.verbs, '*') || hasAll(owner.verbs, wanted.verbs);
  const groups = has(owner.apiGroups, '*') || hasAll(owner.apiGroups, wanted.apiGroups);
  const resources = resourceCoversAll(owner.resources, wanted.resources);
  const urls = (wanted.nonResourceURLs ?? []).every((url) => (owner.nonResourceURLs ?? []).some((ownerUrl) => urlCovers(ownerUrl, url)));
  const names = wanted.resourceNames?.length ? !owner.resourceNames?.length || hasAll(owner.resourceNames, wanted.resourceNames) : !owner.resourceNames?.length;
  return verbs && groups && resources && names && urls;
}

/** policy_comparator.go Covers: whether the owner's rules cover every broken-down wanted rule, and those they do not. */
export function covers(ownerRules: readonly PolicyRule[], wantedRules: readonly PolicyRule[]): { readonly covered: boolean; readonly missing: PolicyRule[] } {
  const missing = wantedRules.flatMap(breakdownRule).filter((wanted) => !ownerRules.some((owner) => ruleCovers(owner, wanted)));
  return { covered: missing.length === 0, missing };
}

/** policy_compact.go CompactRules: rules of one group and one resource (and at most one name) merge their verbs. */
function compactRules(rules: readonly PolicyRule[]): PolicyRule[] {
  const compacted: PolicyRule[] = [];
  const simple = new Map<string, PolicyRule>();
  for (const rule of rules) {
    const isSimple = (rule.resourceNames?.length ?? 0) <= 1 && !rule.nonResourceURLs?.length && rule.apiGroups?.length === 1 && rule.resources?.length === 1;
    if (!isSimple) {
      compacted.push(rule);
      continue;
    }
    const key = JSON.stringify([rule.apiGroups![0], rule.resources![0], rule.resourceNames?.[0]]);
    const existing = simple.get(key);
    simple.set(key, existing ? { ...existing, verbs: [...existing.verbs, ...rule.verbs] } : rule);
  }
  return [...compacted, ...simple.values()];
}

/** Go's %q of a []string: ["a" "b"]. */
const goList = (values: readonly string[]) => `[${values.map((value) => JSON.stringify(value)).join(' ')}]`;

/** rbacv1helpers.CompactString. */
function compactString(rule: PolicyRule): string {
  const parts: string[] = [];
  const add = (name: string, values: readonly string[] | undefined) => values?.length && parts.push(`${name}:${goList(values)}`);
  add('APIGroups', rule.apiGroups);
  add('Resources', rule.resources);
  add('NonResourceURLs', rule.nonResourceURLs);
  add('ResourceNames', rule.resourceNames);
  add('Verbs', rule.verbs);
  return `{${parts.join(', ')}}`;
}

/** rule.go ConfirmNoEscalation: why the writer may not grant these rules in this namespace, or nothing. */
export function confirmNoEscalation(store: Store, user: User, namespace: string | undefined, rules: readonly PolicyRule[]): string | undefined {
  const owned = rulesFor(store, user, namespace, 'registry');
  const { covered, missing } = covers(owned.rules, rules);
  if (covered) {
    return undefined;
  }
  const descriptions = [...new Set(compactRules(missing).map(compactString))].sort();
  // The one error RulesFor returned, an aggregate, in a %v-printed []error.
  const resolution = owned.errors.length > 0 ? `; resolution errors: [${aggregateErrors(owned.errors)}]` : '';
  return `user ${JSON.stringify(user.name)} (groups=${goList(user.groups)}) is attempting to grant RBAC permissions not currently held:\n${descriptions.join('\n')}${resolution}`;
}

/** escalation_check.go EscalationAllowed: members of system:masters. */
export const escalationAllowed = (user: User) => user.groups.includes(privilegedGroup);

/** escalation_check.go RoleEscalationAuthorized: the verb escalate on roles or clusterroles. */
export const roleEscalationAuthorized = (store: Store, user: User, resource: 'roles' | 'clusterroles', namespace: string | undefined, name: string | undefined) =>
  authorize(store, user, { verb: 'escalate', resource, group: rbacGroup, namespace, name }).allowed;

/** escalation_check.go BindingAuthorized: the verb bind on the role the binding names, in the binding's namespace. */
export function bindingAuthorized(store: Store, user: User, roleRef: RoleRef, namespace: string | undefined): boolean {
  const resource = roleRef.kind === 'ClusterRole' ? 'clusterroles' : roleRef.kind === 'Role' ? 'roles' : undefined;
  return resource !== undefined && authorize(store, user, { verb: 'bind', resource, group: roleRef.apiGroup, namespace, name: roleRef.name }).allowed;
}

/** The rules a binding's roleRef grants, read through the registry, for the escalation check of a binding write. */
export const bindingRules = (store: Store, roleRef: RoleRef, namespace: string | undefined) => roleReferenceRules(store, roleRef, namespace, 'registry');

/** clusterrole/policybased/storage.go fullAuthority: what setting an aggregationRule requires. */
export const fullAuthority: readonly PolicyRule[] = [
  { verbs: ['*'], apiGroups: ['*'], resources: ['*'] },
  { verbs: ['*'], nonResourceURLs: ['*'] },
];
