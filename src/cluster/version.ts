import type { VersionApi } from '@kubernetes/client-node';
import type { RequestScope } from './requestScope';
import type { ServerVersion } from './types';

/**
 * The API server's version (`GET /version`, which any client may read): one cheap call that also
 * tells whether the cluster is reachable with these credentials' TLS settings.
 */
export async function fetchServerVersion(api: VersionApi, scope: RequestScope): Promise<ServerVersion> {
  try {
    const info = await scope.send(() => api.getCode({}, scope.options()));
    const major = Number.parseInt(info.major, 10);
    // Managed clusters write minors such as "31+".
    const minor = Number.parseInt(info.minor, 10);
    return { gitVersion: info.gitVersion, major: Number.isFinite(major) ? major : undefined, minor: Number.isFinite(minor) ? minor : undefined };
  } catch (error) {
    throw scope.failure(error, { verb: 'get', resource: 'nonResourceURL /version' });
  }
}
