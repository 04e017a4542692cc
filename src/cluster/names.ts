import type { CoreV1Api, V1ObjectMeta } from '@kubernetes/client-node';
import { metadataOnly, type RequestScope } from './requestScope';

/** What completion offers names of. */
export type NameKind = 'namespace' | 'serviceAccount' | 'pod' | 'secret' | 'node';

/** One page: enough to pick from while typing, and a bound on what a large or hostile cluster can send. */
const pageSize = 500;

const resources: Readonly<Record<NameKind, string>> = { namespace: 'namespaces', serviceAccount: 'serviceaccounts', pod: 'pods', secret: 'secrets', node: 'nodes' };

type Listing = Promise<{ items: { metadata?: V1ObjectMeta }[] }>;

/**
 * The names of up to 500 objects of a kind, in `namespace` for the kinds that live in one: one
 * list call, metadata only (a Secret's data never leaves the server).
 */
export async function listNames(api: CoreV1Api, scope: RequestScope, kind: NameKind, namespace: string): Promise<string[]> {
  const page = { limit: pageSize };
  const options = scope.options(metadataOnly);
  const lists: Record<NameKind, () => Listing> = {
    namespace: () => api.listNamespace(page, options),
    serviceAccount: () => api.listNamespacedServiceAccount({ namespace, ...page }, options),
    pod: () => api.listNamespacedPod({ namespace, ...page }, options),
    secret: () => api.listNamespacedSecret({ namespace, ...page }, options),
    node: () => api.listNode(page, options),
  };
  try {
    const list = await scope.send(lists[kind]);
    return list.items
      .slice(0, pageSize)
      .map((item) => item.metadata?.name)
      .filter((name): name is string => typeof name === 'string');
  } catch (error) {
    const namespaced = kind !== 'namespace' && kind !== 'node';
    throw scope.failure(error, { verb: 'list', resource: resources[kind], namespace: namespaced ? namespace : undefined });
  }
}
