import type { JSONWebKeySet } from 'jose';

export interface IssuerKeys {
  readonly issuer: string;
  readonly jwks: JSONWebKeySet;
}

/** `Cache-Control: public, max-age=3600` → 3600; no max-age (or no-store) → 0, which means do not keep. */
export function maxAgeSeconds(cacheControl: string | undefined): number {
  if (!cacheControl || /no-store|no-cache/i.test(cacheControl)) {
    return 0;
  }
  const match = /max-age=(\d+)/i.exec(cacheControl);
  return match ? Number(match[1]) : 0;
}

/** Each cluster's issuer keys, kept for as long as the API server's Cache-Control allows. */
export class IssuerKeyCache {
  private readonly entries = new Map<string, { keys: IssuerKeys; until: number }>();

  get(cluster: string, now: number): IssuerKeys | undefined {
    const entry = this.entries.get(cluster);
    if (entry && entry.until > now) {
      return entry.keys;
    }
    this.entries.delete(cluster);
    return undefined;
  }

  put(cluster: string, keys: IssuerKeys, maxAge: number, now: number): void {
    if (maxAge > 0) {
      this.entries.set(cluster, { keys, until: now + maxAge * 1000 });
    }
  }

  /** Drops a cluster's keys, e.g. when a token names a kid they lack: the cluster may have rotated its keys. */
  forget(cluster: string): void {
    this.entries.delete(cluster);
  }
}
