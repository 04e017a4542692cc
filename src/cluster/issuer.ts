import type { OpenidApi, WellKnownApi } from '@kubernetes/client-node';
import { ClusterError } from './errors';
import type { RequestScope } from './requestScope';
import * as l10n from '../text/l10n';

export interface ClusterIssuerKeys {
  readonly issuer: string;
  readonly jwks: { keys: Record<string, unknown>[] };
  readonly cacheControl?: string;
}

function parsed(body: unknown, what: 'discovery document' | 'key set'): Record<string, unknown> {
  const value = typeof body === 'string' ? (JSON.parse(body) as unknown) : body;
  if (typeof value !== 'object' || value === null) {
    throw new Error(what === 'key set' ? l10n.t("The API server's key set is not a JSON object.") : l10n.t("The API server's discovery document is not a JSON object."));
  }
  return value as Record<string, unknown>;
}

async function readDiscovery(wellKnown: WellKnownApi, scope: RequestScope): Promise<Record<string, unknown>> {
  try {
    return parsed(await scope.send(() => wellKnown.getServiceAccountIssuerOpenIDConfiguration({}, scope.options())), 'discovery document');
  } catch (error) {
    throw forbiddenExplained(scope.failure(error, { verb: 'get', resource: 'nonResourceURL /.well-known/openid-configuration' }), scope);
  }
}

/** The `iss` of the tokens the cluster signs, from the issuer's discovery document alone (1 request). */
export async function fetchIssuer(wellKnown: WellKnownApi, scope: RequestScope): Promise<string> {
  const { issuer } = await readDiscovery(wellKnown, scope);
  if (typeof issuer !== 'string' || issuer === '') {
    throw new ClusterError(l10n.t("The API server's issuer discovery document (/.well-known/openid-configuration) names no issuer."), 'unknown');
  }
  return issuer;
}

/** The service-account issuer's discovery document and key set, both read through the API server. */
export async function fetchIssuerKeys(wellKnown: WellKnownApi, openid: OpenidApi, scope: RequestScope): Promise<ClusterIssuerKeys> {
  const action = { verb: 'get', resource: 'nonResourceURL /openid/v1/jwks' };
  const discovery = await readDiscovery(wellKnown, scope);
  try {
    const response = await scope.send(() => openid.getServiceAccountIssuerOpenIDKeysetWithHttpInfo({}, scope.options()));
    const jwks = parsed(response.data, 'key set') as ClusterIssuerKeys['jwks'];
    return { issuer: String(discovery.issuer), jwks, cacheControl: response.headers['cache-control'] };
  } catch (error) {
    throw forbiddenExplained(scope.failure(error, action), scope);
  }
}

/** By default only ServiceAccounts may read the issuer's keys (ClusterRole system:service-account-issuer-discovery), so people often get 403. */
function forbiddenExplained(error: ClusterError, scope: RequestScope): ClusterError {
  if (error.kind !== 'forbidden') {
    return error;
  }
  return new ClusterError(
    l10n.t("Forbidden: user {0} may not read the cluster's signing keys (/.well-known/openid-configuration, /openid/v1/jwks). Ask for the ClusterRole system:service-account-issuer-discovery, or check the token with Review Token instead.", scope.context.user),
    'forbidden',
    error.statusCode,
  );
}
