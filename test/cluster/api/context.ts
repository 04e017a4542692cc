import type { ServiceAccountTokens } from '../serviceAccountTokens';
import type { Store } from '../store';
import type { User } from './authentication';
import type { Reply } from './reply';

/** What every handler shares for the server's lifetime; LocalCluster's setters change it between requests. */
export interface ServerState {
  readonly url: string;
  readonly store: Store;
  readonly tokens: ServiceAccountTokens;
  /** Like --service-account-max-token-expiration. */
  maxExpirationSeconds: number | undefined;
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
  /** Read only once authorization has passed, as kube-apiserver does, so a refused request's body is never parsed. */
  body(): Promise<unknown>;
}

export type Handler = (context: RequestContext) => Reply | Promise<Reply>;
