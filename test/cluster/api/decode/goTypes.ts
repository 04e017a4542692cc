// The Go types kube-apiserver decodes request bodies into, as much of them as the local server
// accepts: field names and types from k8s.io/api authentication/v1/types.go and k8s.io/apimachinery
// pkg/apis/meta/v1/types.go. Go's decode errors name these types, so their names are Go's too.
import type { VersionBehaviour } from '../../version';

export type GoType =
  /** name: the Go type as Go prints it, such as string or types.UID. */
  | { readonly kind: 'string'; readonly name: string }
  | { readonly kind: 'int64' }
  | { readonly kind: 'bool' }
  /** metav1.Time, whose own UnmarshalJSON wants a string or null. */
  | { readonly kind: 'time' }
  /** metav1.FieldsV1, which keeps whatever JSON it is given. */
  | { readonly kind: 'raw' }
  | { readonly kind: 'slice'; readonly name: string; readonly elem: GoType }
  | { readonly kind: 'map'; readonly name: string; readonly elem: GoType }
  /** name: package and type, such as v1.TokenRequestSpec; fields in Go's order, by JSON name. */
  | { readonly kind: 'struct'; readonly name: string; readonly fields: Readonly<Record<string, GoType>> };

export type StructType = Extract<GoType, { kind: 'struct' }>;

const string: GoType = { kind: 'string', name: 'string' };
const uid: GoType = { kind: 'string', name: 'types.UID' };
const strings: GoType = { kind: 'slice', name: '[]string', elem: string };
const stringMap: GoType = { kind: 'map', name: 'map[string]string', elem: string };
const time: GoType = { kind: 'time' };
const bool: GoType = { kind: 'bool' };
const int64: GoType = { kind: 'int64' };

const typeMeta = { apiVersion: string, kind: string };

export function objectMeta(behaviour: VersionBehaviour): StructType {
  const ownerReference: GoType = { kind: 'struct', name: 'v1.OwnerReference', fields: { apiVersion: string, kind: string, name: string, uid, controller: bool, blockOwnerDeletion: bool } };
  const managedFieldsEntry: GoType = {
    kind: 'struct',
    name: 'v1.ManagedFieldsEntry',
    fields: { manager: string, operation: { kind: 'string', name: 'v1.ManagedFieldsOperationType' }, apiVersion: string, time, fieldsType: string, fieldsV1: { kind: 'raw' }, subresource: string },
  };
  return {
    kind: 'struct',
    name: 'v1.ObjectMeta',
    fields: {
      name: string,
      generateName: string,
      namespace: string,
      selfLink: string,
      uid,
      resourceVersion: string,
      generation: int64,
      creationTimestamp: time,
      deletionTimestamp: time,
      deletionGracePeriodSeconds: int64,
      labels: stringMap,
      annotations: stringMap,
      ownerReferences: { kind: 'slice', name: '[]v1.OwnerReference', elem: ownerReference },
      finalizers: strings,
      ...(behaviour.objectMetaClusterName ? { clusterName: string } : {}),
      managedFields: { kind: 'slice', name: '[]v1.ManagedFieldsEntry', elem: managedFieldsEntry },
    },
  };
}

const userInfo = (goPackage: string): GoType => ({
  kind: 'struct',
  name: `${goPackage}.UserInfo`,
  fields: { username: string, uid: string, groups: strings, extra: { kind: 'map', name: `map[string]${goPackage}.ExtraValue`, elem: { kind: 'slice', name: `${goPackage}.ExtraValue`, elem: string } } },
});

/** The kinds the local server takes in a request body, in authentication.k8s.io/v1. */
export type BodyKind = 'TokenRequest' | 'TokenReview' | 'SelfSubjectReview';

/** goPackage: the Go package of the API version the body names (v1, v1beta1), which type errors print. */
export function bodyType(kind: BodyKind, behaviour: VersionBehaviour, goPackage = 'v1'): StructType {
  const metadata = objectMeta(behaviour);
  switch (kind) {
    case 'TokenRequest':
      return {
        kind: 'struct',
        name: `${goPackage}.TokenRequest`,
        fields: {
          ...typeMeta,
          metadata,
          spec: {
            kind: 'struct',
            name: `${goPackage}.TokenRequestSpec`,
            fields: { audiences: strings, expirationSeconds: int64, boundObjectRef: { kind: 'struct', name: `${goPackage}.BoundObjectReference`, fields: { kind: string, apiVersion: string, name: string, uid } } },
          },
          status: { kind: 'struct', name: `${goPackage}.TokenRequestStatus`, fields: { token: string, expirationTimestamp: time } },
        },
      };
    case 'TokenReview':
      return {
        kind: 'struct',
        name: `${goPackage}.TokenReview`,
        fields: {
          ...typeMeta,
          metadata,
          spec: { kind: 'struct', name: `${goPackage}.TokenReviewSpec`, fields: { token: string, audiences: strings } },
          status: { kind: 'struct', name: `${goPackage}.TokenReviewStatus`, fields: { authenticated: bool, user: userInfo(goPackage), audiences: strings, error: string } },
        },
      };
    case 'SelfSubjectReview':
      return { kind: 'struct', name: `${goPackage}.SelfSubjectReview`, fields: { ...typeMeta, metadata, status: { kind: 'struct', name: `${goPackage}.SelfSubjectReviewStatus`, fields: { userInfo: userInfo(goPackage) } } } };
  }
}
