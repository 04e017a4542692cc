import { ApiException, type CoreV1Api, type V1Secret, type V1ServiceAccount } from '@kubernetes/client-node';
import type { Action } from './errors';
import { metadataOnly, type RequestScope } from './requestScope';
import type { LegacyTokenSecret, ListingStrategy, NamespaceListing, ServiceAccountListing, ServiceAccountSummary } from './types';
import * as l10n from '../text/l10n';

const pageSize = 500;
/** A continue token can go stale more than once on a busy cluster; give up after this many fresh starts. */
const maxListRestarts = 3;
/** Per-namespace fallback: enough parallel lists to be quick without flooding the API server. */
const perNamespaceConcurrency = 8;
const legacyTokenSelector = 'type=kubernetes.io/service-account-token';

interface Page<T> {
  readonly items: T[];
  readonly metadata?: { readonly _continue?: string };
}

function isStatus(error: unknown, code: number): boolean {
  return error instanceof ApiException && error.code === code;
}

/** Follows `continue` tokens to the end; restarts the list when the server says a token expired (410). */
export async function listAll<T>(fetchPage: (continueToken: string | undefined) => Promise<Page<T>>, scope: RequestScope): Promise<T[]> {
  for (let attempt = 0; ; attempt += 1) {
    const items: T[] = [];
    let continueToken: string | undefined;
    try {
      do {
        const token = continueToken;
        const page = await scope.send(() => fetchPage(token));
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

function byName<T extends { readonly name: string }>(left: T, right: T): number {
  return left.name < right.name ? -1 : left.name > right.name ? 1 : 0;
}

const key = (namespace: string, name: string) => `${namespace}/${name}`;

function creation(metadata: { creationTimestamp?: Date | string } | undefined): Date | undefined {
  return metadata?.creationTimestamp ? new Date(metadata.creationTimestamp) : undefined;
}

/** Groups legacy token Secrets by the ServiceAccount their annotation names. */
function legacySecretsByAccount(secrets: readonly V1Secret[]): Map<string, LegacyTokenSecret[]> {
  const byAccount = new Map<string, LegacyTokenSecret[]>();
  for (const secret of secrets) {
    const account = secret.metadata?.annotations?.['kubernetes.io/service-account.name'];
    if (account && secret.metadata?.name && secret.metadata.namespace) {
      const list = byAccount.get(key(secret.metadata.namespace, account)) ?? [];
      list.push({ name: secret.metadata.name, createdAt: creation(secret.metadata) });
      byAccount.set(key(secret.metadata.namespace, account), list);
    }
  }
  return byAccount;
}

function toListing(strategy: ListingStrategy, namespaceNames: readonly string[], accounts: readonly V1ServiceAccount[], legacy: Map<string, LegacyTokenSecret[]>, scope: RequestScope, extra: { errors?: Map<string, string>; legacySecretsError?: string }): ServiceAccountListing {
  const grouped = new Map<string, ServiceAccountSummary[]>(namespaceNames.map((name) => [name, []]));
  for (const account of accounts) {
    const namespace = account.metadata?.namespace ?? '';
    const name = account.metadata?.name ?? '';
    const summary: ServiceAccountSummary = { namespace, name, uid: account.metadata?.uid ?? '', createdAt: creation(account.metadata), legacyTokenSecrets: legacy.get(key(namespace, name)) ?? [] };
    const list = grouped.get(namespace);
    if (list) {
      list.push(summary);
    } else {
      grouped.set(namespace, [summary]);
    }
  }
  const namespaces: NamespaceListing[] = [...grouped].map(([name, list]) => {
    const error = extra.errors?.get(name);
    return error ? { name, serviceAccounts: list.sort(byName), error } : { name, serviceAccounts: list.sort(byName) };
  });
  return { strategy, namespaces: namespaces.sort(byName), requestCount: scope.requestCount, legacySecretsError: extra.legacySecretsError };
}

/**
 * Lists every namespace with its ServiceAccounts (and legacy token Secrets) using the fewest calls the
 * user's RBAC allows: one paged cluster-wide list; else one list per namespace; else only the context's namespace.
 */
export async function listServiceAccounts(api: CoreV1Api, scope: RequestScope): Promise<ServiceAccountListing> {
  const action = (verb: string, resource: string, namespace?: string) => ({ verb, resource, namespace });
  const fail = (error: unknown, failed: Omit<Action, 'user'>) => scope.failure(error, failed);
  const listAccountsIn = (namespace: string) => listAll((token) => api.listNamespacedServiceAccount({ namespace, limit: pageSize, _continue: token }, scope.options()), scope);
  const listSecretsIn = (namespace: string) => listAll((token) => api.listNamespacedSecret({ namespace, fieldSelector: legacyTokenSelector, limit: pageSize, _continue: token }, scope.options(metadataOnly)), scope);

  /** Legacy secrets are a warning, not the tree: failing to list them is reported beside the tree. */
  const legacySecrets = async (list: () => Promise<V1Secret[]>, namespace?: string): Promise<{ legacy: Map<string, LegacyTokenSecret[]>; legacySecretsError?: string }> => {
    try {
      return { legacy: legacySecretsByAccount(await list()) };
    } catch (error) {
      return { legacy: new Map(), legacySecretsError: l10n.t('Legacy token Secrets not checked: {0}', fail(error, action('list', 'secrets', namespace)).message) };
    }
  };

  let namespaceNames: string[];
  try {
    const namespaces = await listAll((token) => api.listNamespace({ limit: pageSize, _continue: token }, scope.options()), scope);
    namespaceNames = namespaces.map((namespace) => namespace.metadata?.name ?? '').filter((name) => name.length > 0);
  } catch (error) {
    if (!isStatus(error, 403)) {
      throw fail(error, action('list', 'namespaces'));
    }
    const namespace = scope.context.namespace ?? 'default';
    const accounts = await listAccountsIn(namespace).catch((inner: unknown) => {
      throw fail(inner, action('list', 'serviceaccounts', namespace));
    });
    const { legacy, legacySecretsError } = await legacySecrets(() => listSecretsIn(namespace), namespace);
    return toListing('context-namespace', [namespace], accounts, legacy, scope, { legacySecretsError });
  }

  try {
    const accounts = await listAll((token) => api.listServiceAccountForAllNamespaces({ limit: pageSize, _continue: token }, scope.options()), scope);
    const { legacy, legacySecretsError } = await legacySecrets(() =>
      listAll((token) => api.listSecretForAllNamespaces({ fieldSelector: legacyTokenSelector, limit: pageSize, _continue: token }, scope.options(metadataOnly)), scope),
    );
    return toListing('cluster-wide', namespaceNames, accounts, legacy, scope, { legacySecretsError });
  } catch (error) {
    if (!isStatus(error, 403)) {
      throw fail(error, action('list', 'serviceaccounts'));
    }
  }

  const errors = new Map<string, string>();
  const legacy = new Map<string, LegacyTokenSecret[]>();
  let legacySecretsError: string | undefined;
  const perNamespace = await mapLimited(namespaceNames, perNamespaceConcurrency, async (namespace) => {
    try {
      const accounts = await listAccountsIn(namespace);
      const secrets = await legacySecrets(() => listSecretsIn(namespace), namespace);
      secrets.legacy.forEach((value, name) => legacy.set(name, value));
      legacySecretsError ??= secrets.legacySecretsError;
      return accounts;
    } catch (error) {
      errors.set(namespace, fail(error, action('list', 'serviceaccounts', namespace)).message);
      return [];
    }
  });
  return toListing('per-namespace', namespaceNames, perNamespace.flat(), legacy, scope, { errors, legacySecretsError });
}
