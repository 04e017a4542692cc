import type { IssuerKeyCache } from './keyCache';
import { maxAgeSeconds } from './keyCache';
import { verifyJwt, type Verification } from './verify';
import * as l10n from '../text/l10n';

/** A cluster whose issuer keys can be fetched through its API server. */
export interface KeyedCluster {
  /** Identifies the cluster in the cache: its server URL. */
  readonly id: string;
  /** How people know it: the context name and server. */
  readonly label: string;
  readonly fetchKeys: () => Promise<{ issuer: string; jwks: { keys: Record<string, unknown>[] }; cacheControl?: string }>;
}

/**
 * Verifies with the cluster's keys, cached for the max-age the API server sends. When cached keys
 * lack the token's kid, they are fetched once more: the cluster may have rotated its keys since.
 * Legacy Secret-based tokens are checked as the API server checks them: signed by its keys, with
 * their own fixed issuer.
 */
export async function verifyWithCluster(token: string, cluster: KeyedCluster, cache: IssuerKeyCache, options: { now: number; audience?: string }): Promise<Verification> {
  const label = l10n.t('the keys of cluster {0}', cluster.label);
  const load = async () => {
    const fetched = await cluster.fetchKeys();
    const keys = { issuer: fetched.issuer, jwks: fetched.jwks };
    cache.put(cluster.id, keys, maxAgeSeconds(fetched.cacheControl), options.now);
    return keys;
  };
  const cached = cache.get(cluster.id, options.now);
  const verify = (keys: { issuer: string; jwks: { keys: Record<string, unknown>[] } }) =>
    verifyJwt(token, { kind: 'jwks', label, jwks: keys.jwks }, { ...options, issuer: keys.issuer, kubernetesApiServer: true });
  const first = await verify(cached ?? (await load()));
  if (cached && first.noMatchingKey) {
    cache.forget(cluster.id);
    return verify(await load());
  }
  return first;
}
