/**
 * The protobuf body of a ServiceAccount, which typed clients such as `kubectl create serviceaccount`
 * send: field numbers from staging/src/k8s.io/api core/v1/generated.proto and apimachinery
 * meta/v1/generated.proto (ObjectMeta.ownerReferences is 13).
 */
import { list, objectMeta, optional, repeated } from './accessProtobuf';
import { find, message, text, unwrapProtobuf, type Field } from './protobuf';

/** OwnerReference: kind (1), name (3), uid (4), apiVersion (5), controller (6), blockOwnerDeletion (7). */
function ownerReference(reference: Field[]): Record<string, unknown> {
  const flag = (number: number) => (find(reference, number) ? find(reference, number)!.value === 1n : undefined);
  return { apiVersion: text(find(reference, 5)) ?? '', kind: text(find(reference, 1)) ?? '', name: text(find(reference, 3)) ?? '', uid: text(find(reference, 4)) ?? '', controller: flag(6), blockOwnerDeletion: flag(7) };
}

/** ServiceAccount: metadata (1), secrets (2, ObjectReference: kind 1, namespace 2, name 3, uid 4, apiVersion 5), imagePullSecrets (3, name 1), automountServiceAccountToken (4). */
export function decodeServiceAccountProtobuf(body: Buffer): unknown {
  const object = unwrapProtobuf(body);
  const meta = message(find(object, 1));
  const automount = find(object, 4);
  return {
    metadata: { ...objectMeta(meta), ownerReferences: list(repeated(meta, 13).map(ownerReference)) },
    secrets: list(
      repeated(object, 2).map((reference) => ({
        kind: optional(find(reference, 1)),
        namespace: optional(find(reference, 2)),
        name: optional(find(reference, 3)),
        uid: optional(find(reference, 4)),
        apiVersion: optional(find(reference, 5)),
      })),
    ),
    imagePullSecrets: list(repeated(object, 3).map((reference) => ({ name: optional(find(reference, 1)) }))),
    automountServiceAccountToken: automount ? automount.value === 1n : undefined,
  };
}
