// OIDC discovery of the ServiceAccount issuer, which verifiers outside the cluster fetch to check tokens.
import type { RequestContext } from './context';
import { ok, type Reply } from './reply';

/** kube-apiserver lets verifiers cache both documents for an hour. */
const cacheHeaders = { 'Cache-Control': 'public, max-age=3600' };

export function openidConfiguration(context: RequestContext): Reply {
  const { url, tokens } = context.state;
  return ok(
    { issuer: tokens.issuer, jwks_uri: `${url}/openid/v1/jwks`, response_types_supported: ['id_token'], subject_types_supported: ['public'], id_token_signing_alg_values_supported: [tokens.algorithm] },
    { headers: cacheHeaders },
  );
}

export const jwks = (context: RequestContext): Reply => ok(context.state.tokens.jwks(), { contentType: 'application/jwk-set+json', headers: cacheHeaders });
