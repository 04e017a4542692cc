// POST serviceaccounts/{name}/token, refusing what kube-apiserver refuses, in its words and order.
import type { BoundReference } from '../serviceAccountTokens';
import type { Store, StoredObject } from '../store';
import type { RequestContext } from './context';
import { authenticationGroup } from './discovery';
import type { Reply } from './reply';
import { badRequest, notFound, status } from './status';

interface TokenRequestBody {
  readonly metadata?: { name?: string; namespace?: string };
  readonly spec?: Record<string, unknown>;
}

interface ObjectReference {
  readonly apiVersion?: string;
  readonly kind?: string;
  readonly name?: string;
  readonly uid?: string;
}

interface Binding {
  readonly bound: BoundReference;
  /** The node a bound pod runs on, whose name and uid the token carries too. */
  readonly node?: StoredObject;
}

function invalid(field: string, value: unknown, detail: string, objectName: string): Reply {
  const cause = `Invalid value: ${JSON.stringify(value)}: ${detail}`;
  return status(422, 'Invalid', `TokenRequest.authentication.k8s.io "${objectName}" is invalid: ${field}: ${cause}`, {
    ...(objectName ? { name: objectName } : {}),
    group: authenticationGroup,
    kind: 'TokenRequest',
    causes: [{ reason: 'FieldValueInvalid', message: cause, field }],
  });
}

/** What Go's JSON decoding refuses before any validation runs: fields of the wrong type. */
function undecodable(spec: Record<string, unknown>): Reply | undefined {
  const cannotHandle = 'TokenRequest in version "v1" cannot be handled as a TokenRequest: json: cannot unmarshal';
  if (spec.audiences !== undefined && spec.audiences !== null && !(Array.isArray(spec.audiences) && spec.audiences.every((audience) => typeof audience === 'string'))) {
    return badRequest(`${cannotHandle} into Go struct field TokenRequestSpec.spec.audiences of type []string`);
  }
  if (spec.expirationSeconds !== undefined && spec.expirationSeconds !== null && !Number.isInteger(spec.expirationSeconds)) {
    return badRequest(`${cannotHandle} ${typeof spec.expirationSeconds === 'number' ? 'number' : typeof spec.expirationSeconds} into Go struct field TokenRequestSpec.spec.expirationSeconds of type int64`);
  }
  return undefined;
}

/** Also token.go: the bound object must exist, have the uid given if one is, and for a pod run as this ServiceAccount. */
function bind(store: Store, namespace: string, account: string, reference: ObjectReference): Binding | Reply {
  const [group, version] = (reference.apiVersion ?? '').includes('/') ? (reference.apiVersion ?? '').split('/') : ['', reference.apiVersion ?? ''];
  const resource = group === '' ? ({ Pod: 'pods', Secret: 'secrets', Node: 'nodes' } as const)[reference.kind as 'Pod' | 'Secret' | 'Node'] : undefined;
  if (!resource) {
    return badRequest(`cannot bind token to object of type ${group}/${version}, Kind=${reference.kind ?? ''}`);
  }
  const object = store.get(resource, resource === 'nodes' ? undefined : namespace, reference.name ?? '');
  if (!object) {
    return notFound(resource, reference.name ?? '');
  }
  if (reference.uid && reference.uid !== object.metadata.uid) {
    return status(
      409,
      'Conflict',
      `Operation cannot be fulfilled on ${reference.kind} "${reference.name}": the UID in the bound object reference (${reference.uid}) does not match the UID in record. The object might have been deleted and then recreated`,
      { name: reference.name, kind: reference.kind },
    );
  }
  const bound = { kind: reference.kind as BoundReference['kind'], object };
  if (resource === 'pods') {
    const podSpec = object.spec as { serviceAccountName?: string; nodeName?: string };
    if ((podSpec.serviceAccountName ?? 'default') !== account) {
      return badRequest(`cannot bind token for serviceaccount "${account}" to pod running with different serviceaccount name.`);
    }
    return { bound, node: podSpec.nodeName ? store.get('nodes', undefined, podSpec.nodeName) : undefined };
  }
  return { bound, node: resource === 'nodes' ? object : undefined };
}

export async function tokenRequest(context: RequestContext): Promise<Reply> {
  const { namespace, name } = context.params;
  const { store, tokens } = context.state;
  const body = await context.body();
  const request = (typeof body === 'object' && body !== null ? body : {}) as TokenRequestBody;
  const spec = request.spec ?? {};
  // pkg/registry/core/serviceaccount/storage/token.go
  if (request.metadata?.name && request.metadata.name !== name) {
    return invalid('metadata.name', request.metadata.name, 'must match the service account name if specified', name);
  }
  if (request.metadata?.namespace && request.metadata.namespace !== namespace) {
    return invalid('metadata.namespace', request.metadata.namespace, 'must match the service account namespace if specified', name);
  }
  const refused = undecodable(spec);
  if (refused) {
    return refused;
  }
  if (!store.get('namespaces', undefined, namespace)) {
    return notFound('namespaces', namespace);
  }
  const account = store.get('serviceaccounts', namespace, name);
  if (!account) {
    return notFound('serviceaccounts', name);
  }
  let expirationSeconds = (spec.expirationSeconds as number | undefined) ?? 3600;
  // pkg/apis/authentication/validation/validation.go
  if (expirationSeconds < 600) {
    return invalid('spec.expirationSeconds', expirationSeconds, 'may not specify a duration less than 10 minutes', '');
  }
  if (expirationSeconds > 2 ** 32) {
    return invalid('spec.expirationSeconds', expirationSeconds, 'may not specify a duration larger than 2^32 seconds', '');
  }
  const audiences = (spec.audiences as string[] | undefined)?.length ? (spec.audiences as string[]) : [...tokens.apiAudiences];
  const reference = spec.boundObjectRef as ObjectReference | undefined | null;
  const binding = reference ? bind(store, namespace, name, reference) : undefined;
  if (binding && !('bound' in binding)) {
    return binding;
  }
  const headers: Record<string, string> = {};
  const maxExpirationSeconds = context.state.maxExpirationSeconds;
  if (maxExpirationSeconds !== undefined && expirationSeconds > maxExpirationSeconds) {
    headers.Warning = `299 - "requested expiration of ${expirationSeconds} seconds shortened to ${maxExpirationSeconds} seconds"`;
    expirationSeconds = maxExpirationSeconds;
  }
  // A real kube-apiserver mints a real token even for dryRun=All (see the reference): so does this one.
  const issued = await tokens.issue(account, audiences, expirationSeconds, binding?.bound.kind === 'Node' ? undefined : binding?.bound, binding?.node);
  return {
    status: 201,
    headers,
    body: {
      kind: 'TokenRequest',
      apiVersion: 'authentication.k8s.io/v1',
      metadata: { name, namespace, creationTimestamp: null },
      spec: { audiences, expirationSeconds, boundObjectRef: reference ? { kind: reference.kind, apiVersion: reference.apiVersion, name: reference.name, uid: binding?.bound.object.metadata.uid } : null },
      status: { token: issued.token, expirationTimestamp: issued.expiresAt.toISOString().replace(/\.\d+Z$/, 'Z') },
    },
  };
}
