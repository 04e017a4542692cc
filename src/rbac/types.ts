// The RBAC object shapes (rbac.authorization.k8s.io/v1) the permissions resolver reads, and the
// request an access question asks about (the attributes kube-apiserver's RBAC authorizer matches).

export interface PolicyRule {
  readonly verbs: readonly string[];
  readonly apiGroups?: readonly string[];
  readonly resources?: readonly string[];
  readonly resourceNames?: readonly string[];
  readonly nonResourceURLs?: readonly string[];
}

export interface ObjectMetadata {
  readonly name: string;
  readonly namespace?: string;
  readonly labels?: Readonly<Record<string, string>>;
}

export interface LabelSelectorRequirement {
  readonly key: string;
  readonly operator: string;
  readonly values?: readonly string[];
}

export interface LabelSelector {
  readonly matchLabels?: Readonly<Record<string, string>>;
  readonly matchExpressions?: readonly LabelSelectorRequirement[];
}

export interface AggregationRule {
  readonly clusterRoleSelectors?: readonly LabelSelector[];
}

export interface Role {
  readonly metadata: ObjectMetadata;
  readonly rules?: readonly PolicyRule[];
}

export interface ClusterRole extends Role {
  readonly aggregationRule?: AggregationRule;
}

export interface RoleRef {
  readonly apiGroup?: string;
  readonly kind: string;
  readonly name: string;
}

export interface Subject {
  readonly kind: string;
  readonly apiGroup?: string;
  readonly name: string;
  readonly namespace?: string;
}

export interface RoleBinding {
  readonly metadata: ObjectMetadata;
  readonly roleRef: RoleRef;
  readonly subjects?: readonly Subject[];
}

export type ClusterRoleBinding = RoleBinding;

/** The four lists a person's view of RBAC is computed from. */
export interface RbacObjects {
  readonly clusterRoles: readonly ClusterRole[];
  readonly clusterRoleBindings: readonly ClusterRoleBinding[];
  readonly roles: readonly Role[];
  readonly roleBindings: readonly RoleBinding[];
}

/** A request on an API resource: `group` is "" for the core group; `subresource` as in `pods/log`. */
export interface ResourceRequest {
  readonly verb: string;
  readonly group: string;
  readonly resource: string;
  readonly subresource?: string;
  readonly namespace?: string;
  readonly name?: string;
}

/** A request on a path outside the API resources, such as /healthz. */
export interface NonResourceRequest {
  readonly verb: string;
  readonly path: string;
}

export type AccessRequest = ResourceRequest | NonResourceRequest;

export const isNonResourceRequest = (request: AccessRequest): request is NonResourceRequest => 'path' in request;
