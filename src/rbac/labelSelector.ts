import type { LabelSelector } from './types';

/**
 * apimachinery metav1.LabelSelectorAsSelector and labels.Requirement.Matches, as the ClusterRole
 * aggregation controller applies them: an empty selector matches every label set, an unknown operator none.
 */
export function selectorMatches(selector: LabelSelector, labels: Readonly<Record<string, string>> = {}): boolean {
  const matchLabels = Object.entries(selector.matchLabels ?? {}).every(([key, value]) => Object.hasOwn(labels, key) && labels[key] === value);
  return matchLabels && (selector.matchExpressions ?? []).every(({ key, operator, values = [] }) => {
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
}
