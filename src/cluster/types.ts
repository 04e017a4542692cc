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
  /** The exec credential plugin the user runs, if any (its command only: arguments may hold secrets). */
  readonly execCommand?: string;
}

/**
 * One API call as the log records it: never a header value or a body, which may hold credentials.
 * `status` is undefined when no answer came (a network failure, a timeout, a cancel).
 */
export interface ApiCallRecord {
  readonly method: string;
  /** Path and query; queries hold selectors and continue tokens, never credentials. */
  readonly path: string;
  readonly status: number | undefined;
  readonly durationMs: number;
  /** The Audit-Id the API server gives each request, to find it in the server's audit log. */
  readonly requestId: string | undefined;
}

/** What `GET /version` says; major and minor are undefined when the server writes something else. */
export interface ServerVersion {
  readonly gitVersion: string;
  readonly major: number | undefined;
  readonly minor: number | undefined;
}

export interface KubeconfigSummary {
  /** Files that were read, in kubectl's merge order. */
  readonly files: readonly string[];
  readonly currentContext: string | undefined;
  readonly contexts: readonly ContextSummary[];
}

/** A Secret of type kubernetes.io/service-account-token: a credential that never expires. */
export interface LegacyTokenSecret {
  readonly name: string;
  readonly createdAt: Date | undefined;
}

export interface ServiceAccountSummary {
  readonly namespace: string;
  readonly name: string;
  readonly uid: string;
  readonly createdAt: Date | undefined;
  readonly legacyTokenSecrets: readonly LegacyTokenSecret[];
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
  /** Set when legacy token Secrets could not be listed, so their absence proves nothing. */
  readonly legacySecretsError?: string;
}

export type BoundObjectKind = 'Pod' | 'Secret' | 'Node';

export interface BoundObject {
  readonly kind: BoundObjectKind;
  readonly name: string;
  readonly uid?: string;
}

/** Everything `kubectl create token` can ask for. */
export interface TokenRequestInput {
  readonly namespace: string;
  readonly serviceAccount: string;
  /** Empty: the server uses the API server's own audiences. */
  readonly audiences: readonly string[];
  /** Undefined: the server's default lifetime. */
  readonly expirationSeconds?: number;
  readonly boundObject?: BoundObject;
}

export interface IssuedToken {
  readonly token: string;
  readonly namespace: string;
  readonly serviceAccount: string;
  /** The token's own `aud` claim: what it is really valid for. */
  readonly audiences: readonly string[];
  readonly boundObject?: BoundObject;
  readonly issuedAt: Date;
  /** The JWT's `exp`: the server may shorten or extend what was asked, and status.expirationTimestamp can disagree. */
  readonly expiresAt: Date;
  readonly requestedSeconds?: number;
  /** Warning headers the server sent, such as a shortened lifetime. */
  readonly warnings: readonly string[];
  /** The API server that issued it (the context's server URL), so a renewal goes to the same cluster; absent on tokens remembered before it was kept. */
  readonly server?: string;
}

export interface TokenReviewOutcome {
  readonly authenticated: boolean;
  readonly username?: string;
  readonly uid?: string;
  readonly groups: readonly string[];
  readonly extra: Readonly<Record<string, readonly string[]>>;
  /** Empty with authenticated=true means "valid for the API server's audience". */
  readonly audiences: readonly string[];
  readonly error?: string;
  /** Requested audiences the server did not confirm: a client must not accept the token for them. */
  readonly missingAudiences: readonly string[];
}

export interface BindableObject {
  readonly kind: BoundObjectKind;
  readonly name: string;
  readonly uid: string;
  readonly detail: string;
}
