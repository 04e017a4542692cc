import type { NamespaceListing, ServiceAccountListing } from '../cluster/types';

/** Kubernetes-style age: the largest whole unit, as `kubectl get` prints it. */
export function formatAge(createdAt: Date | undefined, now: number): string {
  if (!createdAt) {
    return '';
  }
  const seconds = Math.max(0, Math.floor((now - createdAt.getTime()) / 1000));
  for (const [size, suffix] of [[86400, 'd'], [3600, 'h'], [60, 'm']] as const) {
    if (seconds >= size) {
      return `${Math.floor(seconds / size)}${suffix}`;
    }
  }
  return `${seconds}s`;
}

/**
 * Keeps the namespaces and ServiceAccounts that match a filter such as `pay` (either name) or
 * `payments/vault` (namespace part / account part). Case-insensitive substring matches.
 */
export function filterListing(namespaces: readonly NamespaceListing[], filter: string): NamespaceListing[] {
  const text = filter.trim().toLowerCase();
  if (text.length === 0) {
    return [...namespaces];
  }
  const slash = text.indexOf('/');
  const namespacePart = slash >= 0 ? text.slice(0, slash) : undefined;
  const accountPart = slash >= 0 ? text.slice(slash + 1) : text;
  const result: NamespaceListing[] = [];
  for (const namespace of namespaces) {
    const namespaceName = namespace.name.toLowerCase();
    if (namespacePart !== undefined) {
      if (namespaceName.includes(namespacePart)) {
        const serviceAccounts = namespace.serviceAccounts.filter((account) => account.name.toLowerCase().includes(accountPart));
        if (serviceAccounts.length > 0 || accountPart.length === 0) {
          result.push({ ...namespace, serviceAccounts });
        }
      }
    } else if (namespaceName.includes(text)) {
      result.push(namespace);
    } else {
      const serviceAccounts = namespace.serviceAccounts.filter((account) => account.name.toLowerCase().includes(text));
      if (serviceAccounts.length > 0) {
        result.push({ ...namespace, serviceAccounts });
      }
    }
  }
  return result;
}

export function countServiceAccounts(listing: ServiceAccountListing): number {
  return listing.namespaces.reduce((sum, namespace) => sum + namespace.serviceAccounts.length, 0);
}
