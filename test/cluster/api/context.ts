import type { Clock } from '../clock';
import type { ServiceAccountTokens } from '../serviceAccountTokens';
import type { Store } from '../store';
import type { KubernetesVersion, VersionBehaviour } from '../version';
import type { User } from './authentication';
import type { Reply } from './reply';
import type { TokenAuthenticator } from './tokenAuthenticator';

/** What every handler shares for the server's lifetime; LocalCluster's setters change it between requests. */
export interface ServerState {
  readonly url: string;
  readonly store: Store;
  readonly tokens: ServiceAccountTokens;
  /** Bearer tokens, as both request authentication and TokenReview check them, with the success cache. */
  readonly authenticator: TokenAuthenticator;
  readonly clock: Clock;
  /** The release the server acts as, and what that switches. */
  readonly version: KubernetesVersion;
  readonly behaviour: VersionBehaviour;
  /** Like --service-account-max-token-expiration. */
  maxExpirationSeconds: number | undefined;
  /** Whether a controller-manager's clusterrole-aggregation controller runs (the default); false leaves aggregated ClusterRoles without rules. */
  readonly clusterRoleAggregation?: boolean;
  /** The CA the tokens controller puts into legacy token Secrets as ca.crt (kube-controller-manager --root-ca-file); none in handler tests. */
  readonly rootCaPem?: string;
}

/** One authenticated request, as a handler sees it. */
export interface RequestContext {
  readonly state: ServerState;
  readonly user: User;
  readonly method: string;
  readonly path: string;
  /** The {placeholders} of the route's path, as they appear in the URL. */
  readonly params: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  readonly accept: string;
  readonly contentType?: string;
  /** Names the field manager of a write when the request does not (fieldManager). */
  readonly userAgent?: string;
  /** Read only once authorization has passed, as kube-apiserver does, so a refused request's body is never read. */
  body(): Promise<Buffer>;
}

export type Handler = (context: RequestContext) => Reply | Promise<Reply>;
