// The OpenAPI definitions of the two kinds a client sends here, with every type they refer to:
// kubectl validates a TokenReview (or TokenRequest) manifest against them before sending it, as it
// does against a real server's, so their fields, types and required lists are the real ones
// (k8s.io/api authentication/v1/types.go and apimachinery meta/v1/types.go, as openapi-gen renders them).
import { authenticationGroup } from './discovery';

type Schema = Record<string, unknown>;

const string = { type: 'string' };
const strings = { type: 'array', items: string };
const stringMap = { type: 'object', additionalProperties: string };
const int64 = { type: 'integer', format: 'int64' };
const boolean = { type: 'boolean' };
const meta = 'io.k8s.apimachinery.pkg.apis.meta.v1';
const authentication = 'io.k8s.api.authentication.v1';

/** refs: how the document refers to a definition (#/definitions/ in v2, #/components/schemas/ in v3). */
export function definitions(refs: string): Record<string, Schema> {
  const ref = (name: string) => ({ $ref: `${refs}${name}` });
  const kind = (name: string) => ({ 'x-kubernetes-group-version-kind': [{ group: authenticationGroup, kind: name, version: 'v1' }] });
  const object = (properties: Schema, required?: string[]) => ({ type: 'object', ...(required ? { required } : {}), properties });
  return {
    [`${authentication}.BoundObjectReference`]: object({ apiVersion: string, kind: string, name: string, uid: string }),
    [`${authentication}.TokenRequest`]: {
      ...object({ apiVersion: string, kind: string, metadata: ref(`${meta}.ObjectMeta`), spec: ref(`${authentication}.TokenRequestSpec`), status: ref(`${authentication}.TokenRequestStatus`) }, ['spec']),
      ...kind('TokenRequest'),
    },
    [`${authentication}.TokenRequestSpec`]: object({ audiences: strings, boundObjectRef: ref(`${authentication}.BoundObjectReference`), expirationSeconds: int64 }, ['audiences']),
    [`${authentication}.TokenRequestStatus`]: object({ expirationTimestamp: ref(`${meta}.Time`), token: string }, ['token', 'expirationTimestamp']),
    [`${authentication}.TokenReview`]: {
      ...object({ apiVersion: string, kind: string, metadata: ref(`${meta}.ObjectMeta`), spec: ref(`${authentication}.TokenReviewSpec`), status: ref(`${authentication}.TokenReviewStatus`) }, ['spec']),
      ...kind('TokenReview'),
    },
    [`${authentication}.TokenReviewSpec`]: object({ audiences: strings, token: string }),
    [`${authentication}.TokenReviewStatus`]: object({ audiences: strings, authenticated: boolean, error: string, user: ref(`${authentication}.UserInfo`) }),
    [`${authentication}.UserInfo`]: object({ extra: { type: 'object', additionalProperties: strings }, groups: strings, uid: string, username: string }),
    [`${meta}.FieldsV1`]: { type: 'object' },
    [`${meta}.ManagedFieldsEntry`]: object({ apiVersion: string, fieldsType: string, fieldsV1: ref(`${meta}.FieldsV1`), manager: string, operation: string, subresource: string, time: ref(`${meta}.Time`) }),
    [`${meta}.ObjectMeta`]: object({
      annotations: stringMap,
      creationTimestamp: ref(`${meta}.Time`),
      deletionGracePeriodSeconds: int64,
      deletionTimestamp: ref(`${meta}.Time`),
      finalizers: strings,
      generateName: string,
      generation: int64,
      labels: stringMap,
      managedFields: { type: 'array', items: ref(`${meta}.ManagedFieldsEntry`) },
      name: string,
      namespace: string,
      ownerReferences: { type: 'array', items: ref(`${meta}.OwnerReference`) },
      resourceVersion: string,
      selfLink: string,
      uid: string,
    }),
    [`${meta}.OwnerReference`]: object({ apiVersion: string, blockOwnerDeletion: boolean, controller: boolean, kind: string, name: string, uid: string }, ['apiVersion', 'kind', 'name', 'uid']),
    [`${meta}.Time`]: { type: 'string', format: 'date-time' },
  };
}

/** The create operations, each path with its POST: the only verb both resources have, so no PATCH for kubectl to find. */
export const createOperations = [
  { path: '/api/v1/namespaces/{namespace}/serviceaccounts/{name}/token', kind: 'TokenRequest', operationId: 'createCoreV1NamespacedServiceAccountToken', document: 'api/v1' },
  { path: `/apis/${authenticationGroup}/v1/tokenreviews`, kind: 'TokenReview', operationId: 'createAuthenticationV1TokenReview', document: `apis/${authenticationGroup}/v1` },
] as const;

export const schemaName = (kind: string) => `${authentication}.${kind}`;
