// Reads of the stored objects: GET of one object, and lists paged the way kube-apiserver pages them.
import { kinds, ListError, type Resource, type StoredObject } from '../store';
import type { RequestContext } from './context';
import { fieldSelectorError } from './fieldSelector';
import { ok, type Reply } from './reply';
import { badRequest, notFound } from './status';
import { table } from './table';

/** The route table only hands over resources it checked against the store's kinds. */
const resourceOf = (context: RequestContext) => context.params.resource as Resource;

export function getObject(context: RequestContext): Reply {
  const resource = resourceOf(context);
  const { namespace, name } = context.params;
  const object = context.state.store.get(resource, namespace, name);
  return object ? ok(object) : notFound(resource, name);
}

/** A list item as the server encodes it: the list says the kind, the items do not. */
function listItem({ apiVersion: _apiVersion, kind: _kind, ...item }: StoredObject): Record<string, unknown> {
  return item;
}

/**
 * A list in the representation the Accept header asks for: kubectl get wants a Table, client-go informers
 * partial metadata. Both come back as plain application/json, as from the real server.
 */
export function listObjects(context: RequestContext): Reply {
  const resource = resourceOf(context);
  const { query, accept, state } = context;
  const selector = query.get('fieldSelector') ?? undefined;
  const refused = selector && fieldSelectorError(resource, selector);
  if (refused) {
    return badRequest(refused);
  }
  try {
    const page = state.store.list(resource, {
      namespace: context.params.namespace,
      limit: Number(query.get('limit') ?? 0),
      continueToken: query.get('continue') ?? undefined,
      fieldSelector: selector,
      quotesContinueVersion: state.behaviour.quotesContinueVersion,
    });
    const metadata = { resourceVersion: page.resourceVersion, ...(page.continueToken ? { continue: page.continueToken, remainingItemCount: page.remainingItemCount } : {}) };
    if (accept.includes('as=Table')) {
      return ok(table(resource, page.items, metadata, state.clock.now()));
    }
    if (accept.includes('as=PartialObjectMetadataList')) {
      return ok({ kind: 'PartialObjectMetadataList', apiVersion: 'meta.k8s.io/v1', metadata, items: page.items.map((object) => ({ kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: object.metadata })) });
    }
    return ok({ kind: `${kinds[resource]}List`, apiVersion: 'v1', metadata, items: page.items.map(listItem) });
  } catch (error) {
    if (error instanceof ListError) {
      return error.code === 410 ? expired(error) : badRequest(error.message);
    }
    throw error;
  }
}

/** Like the real server, 410 hands back a fresh continue token, with which a client may go on with an inconsistent list. */
function expired(error: ListError): Reply {
  return { status: 410, body: { kind: 'Status', apiVersion: 'v1', metadata: { continue: error.freshContinue }, status: 'Failure', message: error.message, reason: 'Expired', code: 410 } };
}
