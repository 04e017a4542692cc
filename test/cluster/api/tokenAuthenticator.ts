// Bearer tokens as kube-apiserver checks them, for API requests and for TokenReview alike
// (pkg/kubeapiserver/authenticator/config.go): the static token file, then the ServiceAccount
// authenticators, in a union whose successes are cached for 10 s (tokencache, TokenSuccessCacheTTL;
// failures are not cached). So a token whose Pod was deleted a moment ago still authenticates.
import type { Clock } from '../clock';
import { invalidBearerToken, type ReviewedUser, type ServiceAccountTokens } from '../serviceAccountTokens';
import type { User } from './authentication';

export type TokenAuthentication = { readonly user: ReviewedUser; readonly audiences: string[] } | { readonly error: string };

const successTtlMs = 10_000;

export class TokenAuthenticator {
  private readonly successes = new Map<string, { readonly until: number; readonly result: TokenAuthentication }>();

  constructor(
    private readonly staticUsers: ReadonlyMap<string, User>,
    private readonly tokens: ServiceAccountTokens,
    private readonly clock: Clock,
  ) {}

  /** targets: the audiences asked for; API requests ask for the API server's own. */
  async authenticate(token: string, targets: readonly string[]): Promise<TokenAuthentication> {
    const key = `${targets.join('\0')}\0\0${token}`;
    const cached = this.successes.get(key);
    if (cached && cached.until > this.clock.now()) {
      return cached.result;
    }
    this.successes.delete(key);
    const result = await this.uncached(token, targets);
    if ('user' in result) {
      this.successes.set(key, { until: this.clock.now() + successTtlMs, result });
    }
    return result;
  }

  private async uncached(token: string, targets: readonly string[]): Promise<TokenAuthentication> {
    const known = this.staticUsers.get(token);
    // The static token file is audience-agnostic (WrapAudienceAgnosticToken): good for the API server's audiences only.
    const staticAudiences = this.tokens.apiAudiences.filter((audience) => targets.includes(audience));
    if (known && staticAudiences.length > 0) {
      return { user: { username: known.name, uid: known.uid ?? '', groups: [...known.groups] }, audiences: staticAudiences };
    }
    const result = await this.tokens.authenticate(token, targets);
    if ('user' in result) {
      return result;
    }
    return { error: invalidBearerToken(result.cause) };
  }
}
