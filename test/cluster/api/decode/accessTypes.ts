// The Go types of the rbac.authorization.k8s.io/v1 and authorization.k8s.io/v1 kinds the local server
// takes in a body, as k8s.io/api rbac/v1/types.go and authorization/v1/types.go declare them (field
// order, JSON names, Go type names), for decode errors in Go's words and strict field validation.
import type { VersionBehaviour } from '../../version';
import { objectMeta, type GoType, type StructType } from './goTypes';

const string: GoType = { kind: 'string', name: 'string' };
const strings: GoType = { kind: 'slice', name: '[]string', elem: string };
const bool: GoType = { kind: 'bool' };
const typeMeta = { apiVersion: string, kind: string };

/** The kinds of these groups legacyscheme knows, by group/version (only v1 is modelled here). */
export const accessKinds: Record<string, readonly string[]> = {
  'rbac.authorization.k8s.io/v1': ['ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding'],
  'authorization.k8s.io/v1': ['LocalSubjectAccessReview', 'SelfSubjectAccessReview', 'SelfSubjectRulesReview', 'SubjectAccessReview'],
};

const struct = (name: string, fields: Record<string, GoType>): StructType => ({ kind: 'struct', name, fields });

function rbacType(kind: string, behaviour: VersionBehaviour, goPackage: string): StructType | undefined {
  const metadata = objectMeta(behaviour);
  const policyRule = struct(`${goPackage}.PolicyRule`, { verbs: strings, apiGroups: strings, resources: strings, resourceNames: strings, nonResourceURLs: strings });
  const rules: GoType = { kind: 'slice', name: `[]${goPackage}.PolicyRule`, elem: policyRule };
  const subjects: GoType = { kind: 'slice', name: `[]${goPackage}.Subject`, elem: struct(`${goPackage}.Subject`, { kind: string, apiGroup: string, name: string, namespace: string }) };
  const roleRef = struct(`${goPackage}.RoleRef`, { apiGroup: string, kind: string, name: string });
  const requirement = struct('v1.LabelSelectorRequirement', { key: string, operator: { kind: 'string', name: 'v1.LabelSelectorOperator' }, values: strings });
  const labelSelector = struct('v1.LabelSelector', {
    matchLabels: { kind: 'map', name: 'map[string]string', elem: string },
    matchExpressions: { kind: 'slice', name: '[]v1.LabelSelectorRequirement', elem: requirement },
  });
  const aggregationRule = struct(`${goPackage}.AggregationRule`, { clusterRoleSelectors: { kind: 'slice', name: '[]v1.LabelSelector', elem: labelSelector } });
  switch (kind) {
    case 'Role':
      return struct(`${goPackage}.Role`, { ...typeMeta, metadata, rules });
    case 'ClusterRole':
      return struct(`${goPackage}.ClusterRole`, { ...typeMeta, metadata, rules, aggregationRule });
    case 'RoleBinding':
    case 'ClusterRoleBinding':
      return struct(`${goPackage}.${kind}`, { ...typeMeta, metadata, subjects, roleRef });
    default:
      return undefined;
  }
}

function authorizationType(kind: string, behaviour: VersionBehaviour, goPackage: string): StructType | undefined {
  const metadata = objectMeta(behaviour);
  // AuthorizeWithSelectors (KEP-4601) added the selector fields to ResourceAttributes in 1.31.
  const requirements = (kind: 'Field' | 'Label'): GoType => ({
    kind: 'slice',
    name: `[]v1.${kind}SelectorRequirement`,
    elem: struct(`v1.${kind}SelectorRequirement`, { key: string, operator: { kind: 'string', name: `v1.${kind}SelectorOperator` }, values: strings }),
  });
  const selectors: Record<string, GoType> =
    behaviour.minor >= 31
      ? {
          fieldSelector: struct(`${goPackage}.FieldSelectorAttributes`, { rawSelector: string, requirements: requirements('Field') }),
          labelSelector: struct(`${goPackage}.LabelSelectorAttributes`, { rawSelector: string, requirements: requirements('Label') }),
        }
      : {};
  const resourceAttributes = struct(`${goPackage}.ResourceAttributes`, { namespace: string, verb: string, group: string, version: string, resource: string, subresource: string, name: string, ...selectors });
  const nonResourceAttributes = struct(`${goPackage}.NonResourceAttributes`, { path: string, verb: string });
  const accessStatus = struct(`${goPackage}.SubjectAccessReviewStatus`, { allowed: bool, denied: bool, reason: string, evaluationError: string });
  const subjectSpec = struct(`${goPackage}.SubjectAccessReviewSpec`, {
    resourceAttributes,
    nonResourceAttributes,
    user: string,
    groups: strings,
    extra: { kind: 'map', name: `map[string]${goPackage}.ExtraValue`, elem: { kind: 'slice', name: `${goPackage}.ExtraValue`, elem: string } },
    uid: string,
  });
  switch (kind) {
    case 'SubjectAccessReview':
    case 'LocalSubjectAccessReview':
      return struct(`${goPackage}.${kind}`, { ...typeMeta, metadata, spec: subjectSpec, status: accessStatus });
    case 'SelfSubjectAccessReview':
      return struct(`${goPackage}.SelfSubjectAccessReview`, {
        ...typeMeta,
        metadata,
        spec: struct(`${goPackage}.SelfSubjectAccessReviewSpec`, { resourceAttributes, nonResourceAttributes }),
        status: accessStatus,
      });
    case 'SelfSubjectRulesReview': {
      const resourceRule = struct(`${goPackage}.ResourceRule`, { verbs: strings, apiGroups: strings, resources: strings, resourceNames: strings });
      const nonResourceRule = struct(`${goPackage}.NonResourceRule`, { verbs: strings, nonResourceURLs: strings });
      return struct(`${goPackage}.SelfSubjectRulesReview`, {
        ...typeMeta,
        metadata,
        spec: struct(`${goPackage}.SelfSubjectRulesReviewSpec`, { namespace: string }),
        status: struct(`${goPackage}.SubjectRulesReviewStatus`, {
          resourceRules: { kind: 'slice', name: `[]${goPackage}.ResourceRule`, elem: resourceRule },
          nonResourceRules: { kind: 'slice', name: `[]${goPackage}.NonResourceRule`, elem: nonResourceRule },
          incomplete: bool,
          evaluationError: string,
        }),
      });
    }
    default:
      return undefined;
  }
}

/** The Go type of a body of one of these groups' kinds; goPackage: the version's package name, which type errors print. */
export function accessType(group: string, kind: string, behaviour: VersionBehaviour, goPackage: string): StructType | undefined {
  if (group === 'rbac.authorization.k8s.io') {
    return rbacType(kind, behaviour, goPackage);
  }
  if (group === 'authorization.k8s.io') {
    return authorizationType(kind, behaviour, goPackage);
  }
  return undefined;
}
