/**
 * Protobuf bodies of the RBAC and access-review kinds, which typed clients send (kubectl create
 * rolebinding, kubectl auth can-i): field numbers from staging/src/k8s.io/api rbac/v1/generated.proto,
 * authorization/v1/generated.proto and apimachinery meta/v1/generated.proto. Go's generated marshallers
 * write every string field, empty or not, so an empty string reads as unset, as JSON's omitempty would.
 */
import { fields, find, message, text, texts, unwrapProtobuf, type Field } from './protobuf';

export const optional = (field: Field | undefined) => text(field) || undefined;
export const list = <T>(values: T[]) => (values.length > 0 ? values : undefined);

/** A map<string, V>: repeated entries of key (1) and value (2). */
function map<V>(list: Field[], number: number, value: (field: Field | undefined) => V): Record<string, V> | undefined {
  const entries = list.filter((field) => field.number === number).map((field) => fields(field.value as Buffer));
  return entries.length > 0 ? Object.fromEntries(entries.map((entry) => [text(find(entry, 1)) ?? '', value(find(entry, 2))])) : undefined;
}

/** ObjectMeta: name (1), generateName (2), namespace (3), resourceVersion (6), labels (11), annotations (12). */
export function objectMeta(meta: Field[]): Record<string, unknown> {
  return {
    name: optional(find(meta, 1)),
    generateName: optional(find(meta, 2)),
    namespace: optional(find(meta, 3)),
    resourceVersion: optional(find(meta, 6)),
    labels: map(meta, 11, (field) => text(field) ?? ''),
    annotations: map(meta, 12, (field) => text(field) ?? ''),
  };
}

/** rbac/v1 PolicyRule: verbs (1), apiGroups (2), resources (3), resourceNames (4), nonResourceURLs (5). */
const policyRule = (rule: Field[]) => ({
  verbs: texts(rule, 1),
  apiGroups: list(texts(rule, 2)),
  resources: list(texts(rule, 3)),
  resourceNames: list(texts(rule, 4)),
  nonResourceURLs: list(texts(rule, 5)),
});

export const repeated = (list: Field[], number: number) => list.filter((field) => field.number === number).map((field) => fields(field.value as Buffer));

/** metav1.LabelSelector: matchLabels (1), matchExpressions (2) of key (1), operator (2), values (3). */
const labelSelector = (selector: Field[]) => ({
  matchLabels: map(selector, 1, (field) => text(field) ?? ''),
  matchExpressions: list(repeated(selector, 2).map((requirement) => ({ key: text(find(requirement, 1)) ?? '', operator: text(find(requirement, 2)) ?? '', values: list(texts(requirement, 3)) }))),
});

/** Role (metadata 1, rules 2) and ClusterRole (also aggregationRule 3, its clusterRoleSelectors 1). */
function role(object: Field[]): unknown {
  const aggregation = find(object, 3);
  return {
    metadata: objectMeta(message(find(object, 1))),
    rules: repeated(object, 2).map(policyRule),
    ...(aggregation ? { aggregationRule: { clusterRoleSelectors: repeated(message(aggregation), 1).map(labelSelector) } } : {}),
  };
}

/** RoleBinding and ClusterRoleBinding: metadata (1), subjects (2) of kind, apiGroup, name, namespace, roleRef (3) of apiGroup, kind, name. */
function binding(object: Field[]): unknown {
  const roleRef = message(find(object, 3));
  return {
    metadata: objectMeta(message(find(object, 1))),
    subjects: list(
      repeated(object, 2).map((subject) => ({ kind: text(find(subject, 1)) ?? '', apiGroup: optional(find(subject, 2)), name: text(find(subject, 3)) ?? '', namespace: optional(find(subject, 4)) })),
    ),
    roleRef: { apiGroup: text(find(roleRef, 1)) ?? '', kind: text(find(roleRef, 2)) ?? '', name: text(find(roleRef, 3)) ?? '' },
  };
}

/** ResourceAttributes: namespace, verb, group, version, resource, subresource, name (1–7). */
function resourceAttributes(field: Field | undefined): unknown {
  if (!field) {
    return undefined;
  }
  const attributes = message(field);
  const [namespace, verb, group, version, resource, subresource, name] = [1, 2, 3, 4, 5, 6, 7].map((number) => optional(find(attributes, number)));
  return { namespace, verb, group, version, resource, subresource, name };
}

/** NonResourceAttributes: path (1), verb (2). */
const nonResourceAttributes = (field: Field | undefined) => field && { path: optional(find(message(field), 1)), verb: optional(find(message(field), 2)) };

/** SubjectAccessReviewSpec: resourceAttributes (1), nonResourceAttributes (2), user (3), groups (4), extra (5, of ExtraValue items 1), uid (6). */
function accessReview(object: Field[], self: boolean): unknown {
  const spec = message(find(object, 2));
  const subject = self
    ? {}
    : {
        user: optional(find(spec, 3)),
        groups: list(texts(spec, 4)),
        extra: map(spec, 5, (field) => texts(message(field), 1)),
        uid: optional(find(spec, 6)),
      };
  return {
    metadata: objectMeta(message(find(object, 1))),
    spec: { resourceAttributes: resourceAttributes(find(spec, 1)), nonResourceAttributes: nonResourceAttributes(find(spec, 2)), ...subject },
  };
}

export type AccessKind = 'Role' | 'ClusterRole' | 'RoleBinding' | 'ClusterRoleBinding' | 'SubjectAccessReview' | 'LocalSubjectAccessReview' | 'SelfSubjectAccessReview' | 'SelfSubjectRulesReview';

/** A protobuf body of one of these kinds as the JSON object the handlers take. */
export function decodeAccessProtobuf(kind: AccessKind, body: Buffer): unknown {
  const object = unwrapProtobuf(body);
  switch (kind) {
    case 'Role':
    case 'ClusterRole':
      return role(object);
    case 'RoleBinding':
    case 'ClusterRoleBinding':
      return binding(object);
    case 'SubjectAccessReview':
    case 'LocalSubjectAccessReview':
      return accessReview(object, false);
    case 'SelfSubjectAccessReview':
      return accessReview(object, true);
    case 'SelfSubjectRulesReview':
      return { metadata: objectMeta(message(find(object, 1))), spec: { namespace: optional(find(message(find(object, 2)), 1)) } };
  }
}
