// What kube-apiserver defaults and refuses in an RBAC object before storing it: the rbac/v1 defaults
// (pkg/apis/rbac/v1/defaults.go) and pkg/apis/rbac/validation/validation.go with the ObjectMeta checks
// of apimachinery's ValidateObjectMeta, worded as apimachinery's field.Error prints them.
import type { RbacResource } from '../store';
import type { LabelSelector } from './rbacAggregation';
import { rbacGroup, type PolicyRule, type RoleRef, type Subject } from './rbacAuthorizer';
import type { Cause } from './status';

/** Go's %q for a string, and field.NotSupported's list of quoted values. */
const quote = (value: string) => JSON.stringify(value);
const goStrings = (values: readonly string[]) => `[]string{${values.map(quote).join(', ')}}`;

const required = (field: string, detail = ''): Cause => ({ reason: 'FieldValueRequired', message: `Required value${detail ? `: ${detail}` : ''}`, field });
const invalidValue = (field: string, value: string, detail: string): Cause => ({ reason: 'FieldValueInvalid', message: `Invalid value: ${value}: ${detail}`, field });
const notSupported = (field: string, value: string, supported: readonly string[]): Cause => ({
  reason: 'FieldValueNotSupported',
  message: `Unsupported value: ${quote(value)}: supported values: ${supported.map(quote).join(', ')}`,
  field,
});

/** apimachinery path.IsValidPathSegmentName, which ValidateRBACName is. */
export function pathSegmentNameErrors(name: string): string[] {
  if (name === '.' || name === '..') {
    return [`may not be '${name}'`];
  }
  return ['/', '%'].filter((illegal) => name.includes(illegal)).map((illegal) => `may not contain '${illegal}'`);
}

/** ValidateServiceAccountName (a DNS-1123 subdomain), with the texts of apimachinery IsDNS1123Subdomain. */
export function serviceAccountNameErrors(name: string): string[] {
  const errors: string[] = [];
  if (name.length > 253) {
    errors.push('must be no more than 253 characters');
  }
  if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(name)) {
    errors.push(
      "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
    );
  }
  return errors;
}

interface Metadata {
  readonly name?: string;
  readonly generateName?: string;
  readonly namespace?: string;
}

/** ValidateObjectMeta with ValidateRBACName: a name (or generateName) that is a valid path segment, and a namespace where one is required. */
function metadataCauses(metadata: Metadata, namespaced: boolean): Cause[] {
  const causes: Cause[] = [];
  if (!metadata.name && !metadata.generateName) {
    causes.push(required('metadata.name', 'name or generateName is required'));
  }
  if (metadata.name) {
    causes.push(...pathSegmentNameErrors(metadata.name).map((detail) => invalidValue('metadata.name', quote(metadata.name!), detail)));
  }
  if (namespaced && !metadata.namespace) {
    causes.push(required('metadata.namespace'));
  }
  return causes;
}

/** validation.go ValidatePolicyRule. */
function ruleCauses(rule: PolicyRule, namespaced: boolean, path: string): Cause[] {
  const causes: Cause[] = [];
  if (!rule.verbs?.length) {
    causes.push(required(`${path}.verbs`, 'verbs must contain at least one value'));
  }
  if (rule.nonResourceURLs?.length) {
    const urls = goStrings(rule.nonResourceURLs);
    if (namespaced) {
      causes.push(invalidValue(`${path}.nonResourceURLs`, urls, 'namespaced rules cannot apply to non-resource URLs'));
    }
    if (rule.apiGroups?.length || rule.resources?.length || rule.resourceNames?.length) {
      causes.push(invalidValue(`${path}.nonResourceURLs`, urls, 'rules cannot apply to both regular resources and non-resource URLs'));
    }
    return causes;
  }
  if (!rule.apiGroups?.length) {
    causes.push(required(`${path}.apiGroups`, 'resource rules must supply at least one api group'));
  }
  if (!rule.resources?.length) {
    causes.push(required(`${path}.resources`, 'resource rules must supply at least one resource'));
  }
  return causes;
}

/** validation.go ValidateRoleBindingSubject. */
function subjectCauses(subject: Subject, namespaced: boolean, path: string): Cause[] {
  const causes: Cause[] = [];
  if (!subject.name) {
    causes.push(required(`${path}.name`));
  }
  switch (subject.kind) {
    case 'ServiceAccount':
      if (subject.name) {
        causes.push(...serviceAccountNameErrors(subject.name).map((detail) => invalidValue(`${path}.name`, quote(subject.name), detail)));
      }
      if (subject.apiGroup) {
        causes.push(notSupported(`${path}.apiGroup`, subject.apiGroup, ['']));
      }
      if (!namespaced && !subject.namespace) {
        causes.push(required(`${path}.namespace`));
      }
      break;
    case 'User':
    case 'Group':
      if (subject.apiGroup !== rbacGroup) {
        causes.push(notSupported(`${path}.apiGroup`, subject.apiGroup ?? '', [rbacGroup]));
      }
      break;
    default:
      causes.push(notSupported(`${path}.kind`, subject.kind, ['ServiceAccount', 'User', 'Group']));
  }
  return causes;
}

/** The object as decoded, with the fields validation reads. */
export interface RbacObject {
  readonly metadata: Metadata & Record<string, unknown>;
  readonly rules?: readonly PolicyRule[] | null;
  readonly aggregationRule?: { readonly clusterRoleSelectors?: readonly LabelSelector[] } | null;
  readonly subjects?: readonly Subject[] | null;
  readonly roleRef?: RoleRef;
}

/** rbac/v1 SetDefaults_RoleBinding, SetDefaults_ClusterRoleBinding and SetDefaults_Subject: the RBAC group where none is given. */
export function withDefaults(resource: RbacResource, object: RbacObject): RbacObject {
  if (resource !== 'rolebindings' && resource !== 'clusterrolebindings') {
    return object;
  }
  const roleRef = object.roleRef ?? { apiGroup: '', kind: '', name: '' };
  return {
    ...object,
    subjects: object.subjects?.map((subject) => (!subject.apiGroup && (subject.kind === 'User' || subject.kind === 'Group') ? { ...subject, apiGroup: rbacGroup } : subject)),
    roleRef: { ...roleRef, apiGroup: roleRef.apiGroup || rbacGroup },
  };
}

/** ValidateRole, ValidateClusterRole, ValidateRoleBinding, ValidateClusterRoleBinding. */
export function validate(resource: RbacResource, object: RbacObject): Cause[] {
  const namespaced = resource === 'roles' || resource === 'rolebindings';
  const causes = metadataCauses(object.metadata, namespaced);
  if (resource === 'roles' || resource === 'clusterroles') {
    (object.rules ?? []).forEach((rule, index) => causes.push(...ruleCauses(rule, namespaced, `rules[${index}]`)));
    if (resource === 'clusterroles' && object.aggregationRule && !object.aggregationRule.clusterRoleSelectors?.length) {
      causes.push(required('aggregationRule.clusterRoleSelectors', 'at least one clusterRoleSelector required if aggregationRule is non-nil'));
    }
    return causes;
  }
  const roleRef = object.roleRef ?? { apiGroup: '', kind: '', name: '' };
  if (roleRef.apiGroup !== rbacGroup) {
    causes.push(notSupported('roleRef.apiGroup', roleRef.apiGroup, [rbacGroup]));
  }
  const kinds = namespaced ? ['Role', 'ClusterRole'] : ['ClusterRole'];
  if (!kinds.includes(roleRef.kind)) {
    causes.push(notSupported('roleRef.kind', roleRef.kind, kinds));
  }
  if (!roleRef.name) {
    causes.push(required('roleRef.name'));
  } else {
    causes.push(...pathSegmentNameErrors(roleRef.name).map((detail) => invalidValue('roleRef.name', quote(roleRef.name), detail)));
  }
  (object.subjects ?? []).forEach((subject, index) => causes.push(...subjectCauses(subject, namespaced, `subjects[${index}]`)));
  return causes;
}

/** ValidateRoleBindingUpdate and ValidateClusterRoleBindingUpdate: the roleRef, printed as Go's %#v of rbac.RoleRef. */
export function validateUpdate(resource: RbacResource, updated: RbacObject, old: RbacObject): Cause[] {
  const causes = validate(resource, updated);
  if ((resource === 'rolebindings' || resource === 'clusterrolebindings') && updated.roleRef && old.roleRef) {
    const [before, after] = [old.roleRef, updated.roleRef];
    if (before.apiGroup !== after.apiGroup || before.kind !== after.kind || before.name !== after.name) {
      const printed = `rbac.RoleRef{APIGroup:${quote(after.apiGroup)}, Kind:${quote(after.kind)}, Name:${quote(after.name)}}`;
      causes.push(invalidValue('roleRef', printed, 'cannot change roleRef'));
    }
  }
  return causes;
}
