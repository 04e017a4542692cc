// Whether one PolicyRule allows one request, exactly as kube-apiserver's RBAC authorizer decides it:
// plugin/pkg/auth/authorizer/rbac/rbac.go RuleAllows over pkg/apis/rbac/v1/evaluation_helpers.go.
// A rule's resource `*/log` matches the `log` subresource of every resource; a rule's `pods/*` is not a
// wildcard there (it matches only a subresource literally named `*`), so it is none here either.
import { isNonResourceRequest, type AccessRequest, type PolicyRule } from './types';

const all = '*';

/** VerbMatches: `*` or the verb itself. */
export function verbMatches(rule: PolicyRule, verb: string): boolean {
  return rule.verbs.some((ruleVerb) => ruleVerb === all || ruleVerb === verb);
}

/** APIGroupMatches: `*` or the group itself ("" is the core group). */
export function apiGroupMatches(rule: PolicyRule, group: string): boolean {
  return (rule.apiGroups ?? []).some((ruleGroup) => ruleGroup === all || ruleGroup === group);
}

/** ResourceMatches: `*`, the exact `resource` or `resource/subresource`, or `*\/subresource`. */
export function resourceMatches(rule: PolicyRule, resource: string, subresource = ''): boolean {
  const combined = subresource === '' ? resource : `${resource}/${subresource}`;
  return (rule.resources ?? []).some(
    (ruleResource) => ruleResource === all || ruleResource === combined || (subresource !== '' && ruleResource === `*/${subresource}`),
  );
}

/** ResourceNameMatches: a rule without resourceNames matches every name (and none). */
export function resourceNameMatches(rule: PolicyRule, name = ''): boolean {
  return !rule.resourceNames?.length || rule.resourceNames.includes(name);
}

/** NonResourceURLMatches: `*`, the exact path, or a prefix ending in `*` (every trailing `*` trimmed). */
export function nonResourceURLMatches(rule: PolicyRule, path: string): boolean {
  return (rule.nonResourceURLs ?? []).some(
    (ruleURL) => ruleURL === all || ruleURL === path || (ruleURL.endsWith(all) && path.startsWith(ruleURL.replace(/\*+$/, ''))),
  );
}

/** RuleAllows: whether `rule` grants `request` (the rule's scope — which namespace — is the caller's to check). */
export function ruleAllows(rule: PolicyRule, request: AccessRequest): boolean {
  if (!verbMatches(rule, request.verb)) return false;
  if (isNonResourceRequest(request)) return nonResourceURLMatches(rule, request.path);
  return apiGroupMatches(rule, request.group) && resourceMatches(rule, request.resource, request.subresource) && resourceNameMatches(rule, request.name);
}
