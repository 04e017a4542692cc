/**
 * Plain data that crosses from the cluster module to the editor features.
 * Features import these as types only, so no Kubernetes client code loads with them.
 */

export interface ContextSummary {
  readonly name: string;
  readonly cluster: string;
  readonly server: string;
  readonly user: string;
  readonly namespace: string | undefined;
}

export interface KubeconfigSummary {
  /** Files that were read, in kubectl's merge order. */
  readonly files: readonly string[];
  readonly currentContext: string | undefined;
  readonly contexts: readonly ContextSummary[];
}

export interface ServiceAccountSummary {
  readonly namespace: string;
  readonly name: string;
  readonly uid: string;
  readonly createdAt: Date | undefined;
}

export interface NamespaceListing {
  readonly name: string;
  readonly serviceAccounts: readonly ServiceAccountSummary[];
  /** Set when this namespace's ServiceAccounts could not be listed. */
  readonly error?: string;
}

/** How the tree was loaded: the fewest calls the user's permissions allow. */
export type ListingStrategy = 'cluster-wide' | 'per-namespace' | 'context-namespace';

export interface ServiceAccountListing {
  readonly strategy: ListingStrategy;
  readonly namespaces: readonly NamespaceListing[];
  readonly requestCount: number;
}
