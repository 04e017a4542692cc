// Granted rules as people read them: "get, list secrets in demo", "get secrets named app-config in
// demo", "* on * cluster-wide", "get /healthz", with the binding each comes from. Every name is the
// cluster's, so each is made visible and bounded, and so is every list.
import { visibleText } from '../text/visibleText';
import type { GrantedRule, GrantOrigin, GrantScope, ServiceAccountPermissions } from './permissions';
import type { PolicyRule } from './types';
import * as l10n from '../text/l10n';

const maxNameLength = 120;
const maxListed = 6;

const shown = (text: string) => visibleText(text, maxNameLength);

/** `a, b, c`, or `a, b, c, d, e, f and 12 more` past six. */
function listed(values: readonly string[], show: (value: string) => string = shown): string {
  const first = values.slice(0, maxListed).map(show).join(', ');
  return values.length > maxListed ? l10n.t('{0} and {1} more', first, values.length - maxListed) : first;
}

const groupName = (group: string) => (group === '' ? 'core' : group === '*' ? l10n.t('any') : shown(group));

function resourcesText(rule: PolicyRule): string {
  const resources = rule.resources ?? [];
  const groups = rule.apiGroups ?? [];
  if (resources.includes('*') && groups.includes('*')) {
    return '*';
  }
  if (groups.length === 1 && groups[0] === '') {
    return listed(resources);
  }
  if (groups.length === 1 && groups[0] !== '*') {
    // kubectl's resource.group, as `kubectl auth can-i --list` prints them.
    return listed(resources, (resource) => `${shown(resource)}.${shown(groups[0])}`);
  }
  return l10n.t('{0} in API groups {1}', listed(resources), groups.length > 0 ? listed(groups, groupName) : l10n.t('(none)'));
}

/**
 * What one rule allows, without where: `get, list secrets`, `* on *`, `get /healthz`. Each shape is
 * one message, so a translation can order the verbs, the resources and the names its own way.
 */
export function describeRule(rule: PolicyRule): string {
  const allVerbs = rule.verbs.includes('*');
  const verbs = allVerbs ? '*' : listed(rule.verbs);
  if (!rule.resources?.length) {
    const urls = rule.nonResourceURLs ?? [];
    if (urls.includes('*')) {
      return allVerbs ? l10n.t('* on every non-resource URL') : l10n.t('{0} every non-resource URL', verbs);
    }
    return allVerbs ? l10n.t('* on {0}', listed(urls)) : `${verbs} ${listed(urls)}`;
  }
  const resources = resourcesText(rule);
  if (rule.resourceNames?.length) {
    const names = listed(rule.resourceNames);
    return allVerbs ? l10n.t('* on {0} named {1}', resources, names) : l10n.t('{0} {1} named {2}', verbs, resources, names);
  }
  return allVerbs ? l10n.t('* on {0}', resources) : `${verbs} ${resources}`;
}

/** `what` (a right, a rule) with where it holds: `get secrets in demo`, `* on * cluster-wide`. */
export function describeScope(what: string, scope: GrantScope): string {
  return scope.kind === 'cluster-wide' ? l10n.t('{0} cluster-wide', what) : l10n.t('{0} in {1}', what, shown(scope.namespace));
}

/** A dangerous right, where it holds, and why it is dangerous: `read Secrets in demo: …`. */
export function describeDanger(what: string, scope: GrantScope, why: string): string {
  return scope.kind === 'cluster-wide' ? l10n.t('{0} cluster-wide: {1}', what, why) : l10n.t('{0} in {1}: {2}', what, shown(scope.namespace), why);
}

/** One granted rule with where it holds; non-resource URLs hold outside namespaces, so they say none. */
export function describeGrant(grant: GrantedRule): string {
  return grant.rule.resources?.length ? describeScope(describeRule(grant.rule), grant.scope) : describeRule(grant.rule);
}

/** `RoleBinding demo/vault-auth-secret-reader → Role secret-reader, as ServiceAccount demo/vault-auth`. */
export function describeOrigin(via: GrantOrigin | undefined): string {
  if (!via) {
    return l10n.t('from a SelfSubjectRulesReview (the server names no binding)');
  }
  const binding = via.binding.namespace !== undefined ? `${shown(via.binding.namespace)}/${shown(via.binding.name)}` : shown(via.binding.name);
  return l10n.t('{0} {1} → {2} {3}, as {4}', via.binding.kind, binding, shown(via.role.kind), shown(via.role.name), shown(via.subject));
}

/** `RoleBinding demo/web-deployer names Role deployer, which does not exist: it grants nothing.` */
export function describeMissingRole(via: GrantOrigin): string {
  const binding = via.binding.namespace !== undefined ? `${shown(via.binding.namespace)}/${shown(via.binding.name)}` : shown(via.binding.name);
  return l10n.t('{0} {1} names {2} {3}, which does not exist: it grants nothing until the role is created.', via.binding.kind, binding, shown(via.role.kind), shown(via.role.name));
}

export interface ScopeGroup {
  /** `Cluster-wide`, or the namespace's name. */
  readonly title: string;
  readonly scope: GrantScope;
  readonly grants: readonly GrantedRule[];
}

/** The grants per scope, cluster-wide first, then namespaces by name, each scope once. */
export function groupByScope(permissions: ServiceAccountPermissions): ScopeGroup[] {
  const groups = new Map<string, { scope: GrantScope; grants: GrantedRule[] }>();
  for (const grant of permissions.grants) {
    const key = grant.scope.kind === 'cluster-wide' ? '' : `~${grant.scope.namespace}`;
    const group = groups.get(key) ?? { scope: grant.scope, grants: [] };
    group.grants.push(grant);
    groups.set(key, group);
  }
  return [...groups]
    .sort(([left], [right]) => left.localeCompare(right, 'en'))
    .map(([, { scope, grants }]) => ({ title: scope.kind === 'cluster-wide' ? l10n.t('Cluster-wide') : shown(scope.namespace), scope, grants }));
}
