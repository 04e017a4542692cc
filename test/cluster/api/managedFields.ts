// The managedFields entry kube-apiserver's field manager adds to what a create request sent, even for
// objects it never stores such as TokenRequest and TokenReview (seen on the real v1.24 server). The
// field set is an approximation of structured-merge-diff's: the fields the request set, without the
// identity fields the field manager strips (fieldmanager stripmeta.go), nested objects marked with ".".
import type { RequestContext } from './context';

type FieldSet = Record<string, unknown>;

const strippedMetadata = new Set(['name', 'namespace', 'creationTimestamp', 'selfLink', 'uid', 'clusterName', 'generation', 'managedFields', 'resourceVersion']);

function fieldSet(value: Record<string, unknown>, depth: number): FieldSet {
  const set: FieldSet = depth >= 2 ? { '.': {} } : {};
  for (const key of Object.keys(value).sort()) {
    const member = value[key];
    if (member === undefined || member === null || member === '') {
      continue;
    }
    const isObject = typeof member === 'object' && !Array.isArray(member);
    set[`f:${key}`] = isObject ? fieldSet(member as Record<string, unknown>, depth + 1) : {};
  }
  return set;
}

/** handlers/create.go managerOrUserAgent: the fieldManager parameter, else the user agent up to its first "/". */
const managerOf = (context: RequestContext) => context.query.get('fieldManager') ?? (context.userAgent ?? '').split('/')[0];

/** The entry for an object decoded from a create request, or none when the request set no field the manager tracks. */
export function managedFields(context: RequestContext, object: Record<string, unknown>, apiVersion: string, subresource?: string): unknown[] | undefined {
  const { metadata, spec, status } = object as { metadata?: Record<string, unknown>; spec?: unknown; status?: unknown };
  const tracked: Record<string, unknown> = {
    metadata: Object.fromEntries(Object.entries(metadata ?? {}).filter(([key]) => !strippedMetadata.has(key))),
    spec,
    status,
  };
  const fields = Object.fromEntries(Object.entries(fieldSet(tracked, 0)).filter(([, set]) => Object.keys(set as FieldSet).length > 0));
  if (Object.keys(fields).length === 0) {
    return undefined;
  }
  const time = new Date(context.state.clock.now()).toISOString().replace(/\.\d+Z$/, 'Z');
  return [{ manager: managerOf(context), operation: 'Update', apiVersion, time, fieldsType: 'FieldsV1', fieldsV1: fields, ...(subresource ? { subresource } : {}) }];
}
