// The metadata a create reply carries: what the request sent, in the order Go marshals ObjectMeta
// (apimachinery pkg/apis/meta/v1/types.go), with what the server set. creationTimestamp is always
// there, as null when unset, because Go's omitempty never omits a struct.

const objectMetaOrder = [
  'name',
  'generateName',
  'namespace',
  'selfLink',
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'labels',
  'annotations',
  'ownerReferences',
  'finalizers',
  'clusterName',
  'managedFields',
];

export function replyMetadata(sent: unknown, set: Record<string, unknown>): Record<string, unknown> {
  const merged: Record<string, unknown> = { creationTimestamp: null, ...(sent as Record<string, unknown> | undefined), ...set };
  return Object.fromEntries(objectMetaOrder.filter((key) => merged[key] !== undefined && merged[key] !== '').map((key) => [key, merged[key]]));
}
