// ClusterRole aggregation as kube-controller-manager's clusterrole-aggregation controller does it
// (pkg/controller/clusterroleaggregation/clusterroleaggregation_controller.go syncClusterRole): a
// ClusterRole with an aggregationRule gets, as its rules, the distinct rules of every other ClusterRole
// its selectors match, selector by selector, the matches in name order. The local server runs it after
// each ClusterRole write until nothing changes, as the controller's requeues settle; a server started
// without it leaves aggregated roles as a bare kube-apiserver does, with no rules.
import { isDeepStrictEqual } from 'node:util';
import type { Store, StoredObject } from '../store';
import { rulesOf, type PolicyRule } from './rbacAuthorizer';

export interface LabelSelectorRequirement {
  readonly key: string;
  readonly operator: string;
  readonly values?: readonly string[];
}

export interface LabelSelector {
  readonly matchLabels?: Readonly<Record<string, string>>;
  readonly matchExpressions?: readonly LabelSelectorRequirement[];
}

/** apimachinery metav1.LabelSelectorAsSelector and labels.Requirement.Matches; an empty selector matches everything. */
export function selectorMatches(selector: LabelSelector, labels: Readonly<Record<string, string>> = {}): boolean {
  const matchLabels = Object.entries(selector.matchLabels ?? {}).every(([key, value]) => labels[key] === value);
  const matchExpressions = (selector.matchExpressions ?? []).every(({ key, operator, values = [] }) => {
    const present = Object.hasOwn(labels, key);
    switch (operator) {
      case 'In':
        return present && values.includes(labels[key]);
      case 'NotIn':
        return !present || !values.includes(labels[key]);
      case 'Exists':
        return present;
      case 'DoesNotExist':
        return !present;
      default:
        return false;
    }
  });
  return matchLabels && matchExpressions;
}

function selectorsOf(role: StoredObject): readonly LabelSelector[] | undefined {
  const aggregationRule = role.aggregationRule as { clusterRoleSelectors?: LabelSelector[] } | null | undefined;
  return aggregationRule ? (aggregationRule.clusterRoleSelectors ?? []) : undefined;
}

/** The rules the controller would give one aggregated ClusterRole. */
export function aggregatedRules(store: Store, role: StoredObject): PolicyRule[] | undefined {
  const selectors = selectorsOf(role);
  if (!selectors) {
    return undefined;
  }
  const all = store.list('clusterroles', {}).items;
  const rules: PolicyRule[] = [];
  for (const selector of selectors) {
    for (const other of all) {
      if (other.metadata.name === role.metadata.name || !selectorMatches(selector, other.metadata.labels)) {
        continue;
      }
      for (const rule of rulesOf(other)) {
        if (!rules.some((existing) => isDeepStrictEqual(existing, rule))) {
          rules.push(rule);
        }
      }
    }
  }
  return rules;
}

/** Brings every aggregated ClusterRole up to date, repeating while one update changes another's sources. */
export function aggregateClusterRoles(store: Store): void {
  for (let round = 0; round < 10; round += 1) {
    let changed = false;
    for (const role of store.list('clusterroles', {}).items) {
      const rules = aggregatedRules(store, role);
      // equality.Semantic.DeepEqual, for which an empty list and none are the same.
      if (rules && !isDeepStrictEqual(rules, [...rulesOf(role)])) {
        store.update('clusterroles', { ...role, rules });
        changed = true;
      }
    }
    if (!changed) {
      return;
    }
  }
}
