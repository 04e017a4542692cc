// The boundObjectRef of a TokenRequest, checked as pkg/registry/core/serviceaccount/storage/token.go
// does: which kinds may be bound (by release), that the object exists, its UID, and for a Pod that it
// runs as this ServiceAccount.
import type { BoundReference, NodeReference } from '../serviceAccountTokens';
import type { Resource, Store } from '../store';
import type { VersionBehaviour } from '../version';
import type { Reply } from './reply';
import { badRequest, notFound, status } from './status';

export interface ObjectReference {
  readonly apiVersion?: string;
  readonly kind?: string;
  readonly name?: string;
  readonly uid?: string;
}

export interface Binding {
  readonly bound: BoundReference;
  /** The node the token names: the bound Node, or the node a bound Pod runs on. */
  readonly node?: NodeReference;
}

/** schema.FromAPIVersionAndKind: an apiVersion that does not parse is dropped, leaving the kind alone. */
function groupVersionKind(reference: ObjectReference): { group: string; version: string; kind: string } {
  const apiVersion = reference.apiVersion ?? '';
  const parts = apiVersion.split('/');
  const kind = reference.kind ?? '';
  if (parts.length > 2 || apiVersion === '' || apiVersion === '/') {
    return { group: '', version: '', kind };
  }
  return parts.length === 1 ? { group: '', version: apiVersion, kind } : { group: parts[0], version: parts[1], kind };
}

const resources: Partial<Record<string, Resource>> = { Pod: 'pods', Secret: 'secrets', Node: 'nodes' };

export function bind(store: Store, behaviour: VersionBehaviour, namespace: string, account: string, reference: ObjectReference): Binding | Reply {
  const gvk = groupVersionKind(reference);
  const resource = gvk.group === '' ? resources[gvk.kind] : undefined;
  if (!resource || (resource === 'nodes' && behaviour.nodeBinding === 'unknown-kind')) {
    return badRequest(`cannot bind token to object of type ${gvk.group}/${gvk.version}, Kind=${gvk.kind}`);
  }
  if (resource === 'nodes' && behaviour.nodeBinding === 'gate-disabled') {
    return badRequest('cannot bind token to a Node object as the "ServiceAccountTokenNodeBinding" feature-gate is disabled');
  }
  const name = reference.name ?? '';
  if (!name) {
    // The registry's key function refuses an empty name before looking (genericregistry NamespaceKeyFunc).
    return badRequest('Name parameter required.');
  }
  const object = store.get(resource, resource === 'nodes' ? undefined : namespace, name);
  if (!object) {
    return notFound(resource, name);
  }
  let node: NodeReference | undefined = resource === 'nodes' ? object : undefined;
  if (resource === 'pods') {
    const podSpec = object.spec as { serviceAccountName?: string; nodeName?: string };
    if ((podSpec.serviceAccountName ?? 'default') !== account) {
      return badRequest(`cannot bind token for serviceaccount "${account}" to pod running with different serviceaccount name.`);
    }
    if (behaviour.podNodeInfo && podSpec.nodeName) {
      // A Pod whose Node is gone still names the node, without a uid.
      node = store.get('nodes', undefined, podSpec.nodeName) ?? { metadata: { name: podSpec.nodeName } };
    }
  }
  if (reference.uid && reference.uid !== object.metadata.uid) {
    return status(
      409,
      'Conflict',
      `Operation cannot be fulfilled on ${gvk.kind} "${name}": the UID in the bound object reference (${reference.uid}) does not match the UID in record. The object might have been deleted and then recreated`,
      { name, kind: gvk.kind },
    );
  }
  return { bound: { kind: gvk.kind as BoundReference['kind'], object }, node };
}
