import { ApiException, type CoreV1Api, type V1ServiceAccount } from '@kubernetes/client-node';
import { toClusterError, type Action } from './errors';
import type { RequestScope } from './requestScope';
import type { NamespaceListing, ServiceAccountListing, ServiceAccountSummary } from './types';

const pageSize = 500;
/** A continue token can go stale more than once on a busy cluster; give up after this many fresh starts. */
const maxListRestarts = 3;
/** Per-namespace fallback: enough parallel lists to be quick without flooding the API server. */
const perNamespaceConcurrency = 8;

interface Page<T> {
  readonly items: T[];
  readonly metadata?: { readonly _continue?: string };
}

function isStatus(error: unknown, code: number): boolean {
  return error instanceof ApiException && error.code === code;
}

/** Follows `continue` tokens to the end; restarts the list when the server says a token expired (410). */
async function listAll<T>(fetchPage: (continueToken: string | undefined) => Promise<Page<T>>, scope: RequestScope): Promise<T[]> {
  for (let attempt = 0; ; attempt += 1) {
    const items: T[] = [];
    let continueToken: string | undefined;
    try {
      do {
        scope.countRequest();
        const page = await fetchPage(continueToken);
        items.push(...page.items);
        continueToken = page.metadata?._continue || undefined;
      } while (continueToken);
      return items;
    } catch (error) {
      if (!isStatus(error, 410) || attempt >= maxListRestarts) {
        throw error;
      }
    }
  }
}

function summarize(account: V1ServiceAccount): ServiceAccountSummary {
  return {
    namespace: account.metadata?.namespace ?? '',
    name: account.metadata?.name ?? '',
    uid: account.metadata?.uid ?? '',
    createdAt: account.metadata?.creationTimestamp ? new Date(account.metadata.creationTimestamp) : undefined,
  };
}

function byName<T extends { readonly name: string }>(left: T, right: T): number {
  return left.name.localeCompare(right.name);
}

async function mapLimited<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next;
      next += 1;
      results[index] = await task(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/**
 * Lists every namespace with its ServiceAccounts using the fewest calls the user's RBAC allows:
 * one paged cluster-wide list; else one list per namespace; else only the context's namespace.
 */
export async function listServiceAccounts(api: CoreV1Api, scope: RequestScope, contextNamespace: string | undefined, user: string): Promise<ServiceAccountListing> {
  const options = scope.options();
  const action = (verb: string, resource: string, namespace?: string): Action => ({ verb, resource, namespace, user });

  let namespaceNames: string[];
  try {
    const namespaces = await listAll((token) => api.listNamespace({ limit: pageSize, _continue: token }, options), scope);
    namespaceNames = namespaces.map((namespace) => namespace.metadata?.name ?? '').filter((name) => name.length > 0);
  } catch (error) {
    if (!isStatus(error, 403)) {
      throw toClusterError(error, action('list', 'namespaces'));
    }
    const namespace = contextNamespace ?? 'default';
    const accounts = await listAll((token) => api.listNamespacedServiceAccount({ namespace, limit: pageSize, _continue: token }, options), scope).catch((inner: unknown) => {
      throw toClusterError(inner, action('list', 'serviceaccounts', namespace));
    });
    return {
      strategy: 'context-namespace',
      namespaces: [{ name: namespace, serviceAccounts: accounts.map(summarize).sort(byName) }],
      requestCount: scope.requestCount,
    };
  }

  try {
    const accounts = await listAll((token) => api.listServiceAccountForAllNamespaces({ limit: pageSize, _continue: token }, options), scope);
    const grouped = new Map<string, ServiceAccountSummary[]>(namespaceNames.map((name) => [name, []]));
    for (const account of accounts.map(summarize)) {
      const list = grouped.get(account.namespace);
      if (list) {
        list.push(account);
      } else {
        grouped.set(account.namespace, [account]);
      }
    }
    const namespaces = [...grouped].map(([name, list]) => ({ name, serviceAccounts: list.sort(byName) })).sort(byName);
    return { strategy: 'cluster-wide', namespaces, requestCount: scope.requestCount };
  } catch (error) {
    if (!isStatus(error, 403)) {
      throw toClusterError(error, action('list', 'serviceaccounts'));
    }
  }

  const namespaces = await mapLimited(namespaceNames, perNamespaceConcurrency, async (name): Promise<NamespaceListing> => {
    try {
      const accounts = await listAll((token) => api.listNamespacedServiceAccount({ namespace: name, limit: pageSize, _continue: token }, options), scope);
      return { name, serviceAccounts: accounts.map(summarize).sort(byName) };
    } catch (error) {
      return { name, serviceAccounts: [], error: toClusterError(error, action('list', 'serviceaccounts', name)).message };
    }
  });
  return { strategy: 'per-namespace', namespaces: namespaces.sort(byName), requestCount: scope.requestCount };
}
