import type { ApisApi, CoreV1Api, CustomObjectsApi, V1APIResourceList } from '@kubernetes/client-node';
import { ClusterError } from './errors';
import type { RequestScope } from './requestScope';
import * as l10n from '../text/l10n';

/** A resource (or subresource) the API server serves, in the terms RBAC decides on. */
export interface DiscoveredResource {
  /** The API group of its URL: "" for the core group. */
  readonly group: string;
  readonly version: string;
  readonly resource: string;
  /** `log` of `pods/log`, `token` of `serviceaccounts/token`. */
  readonly subresource?: string;
  readonly kind: string;
  readonly namespaced: boolean;
  readonly verbs: readonly string[];
}

export interface ApiDiscovery {
  readonly resources: readonly DiscoveredResource[];
  /** Groups whose resources could not be read (an aggregated API that is down, a group the person may not discover): their resources are missing. */
  readonly unreadGroups: readonly string[];
  /** Groups past `maxGroups`, left out. */
  readonly groupsLeftOut: number;
}

/** A real cluster serves 20 to 60 groups; past this many the rest are left out (and counted). */
const maxGroups = 150;
const maxResourcesPerGroup = 500;
/** Group documents read at once: discovery is many small GETs. */
const parallelReads = 6;

/**
 * The resources of one group version. RBAC matches a subresource by its URL's group, which is the
 * list's: the entry's own `group` names its kind's group (serviceaccounts/token says authentication.k8s.io).
 */
function resourcesOf(list: V1APIResourceList, group: string, version: string): DiscoveredResource[] {
  return (Array.isArray(list.resources) ? list.resources : []).slice(0, maxResourcesPerGroup).flatMap((entry): DiscoveredResource[] => {
    if (typeof entry?.name !== 'string' || entry.name === '') {
      return [];
    }
    const [resource, subresource] = entry.name.split('/', 2);
    const verbs = Array.isArray(entry.verbs) ? entry.verbs.filter((verb): verb is string => typeof verb === 'string') : [];
    return [{ group, version, resource, ...(subresource ? { subresource } : {}), kind: String(entry.kind ?? ''), namespaced: entry.namespaced === true, verbs }];
  });
}

/** Runs `work` over `items`, at most `parallelReads` at a time, keeping their order. */
async function inParallel<T, R>(items: readonly T[], work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallelReads, items.length) }, worker));
  return results;
}

/**
 * What `kubectl api-resources` reads: the core group's resources, the list of groups, and each group's
 * preferred version (2 + groups requests, at most `maxGroups` groups). A group that cannot be read is
 * named rather than failing the whole discovery.
 */
export async function discoverResources(core: CoreV1Api, apis: ApisApi, groups: CustomObjectsApi, scope: RequestScope): Promise<ApiDiscovery> {
  let coreList: V1APIResourceList;
  let groupList: Awaited<ReturnType<ApisApi['getAPIVersions']>>;
  try {
    [coreList, groupList] = await Promise.all([scope.send(() => core.getAPIResources({}, scope.options())), scope.send(() => apis.getAPIVersions({}, scope.options()))]);
  } catch (error) {
    throw scope.failure(error, { verb: 'get', resource: 'nonResourceURL /api/v1 and /apis' });
  }
  const served = (Array.isArray(groupList.groups) ? groupList.groups : []).flatMap((group) => {
    const version = group.preferredVersion?.version ?? group.versions?.[0]?.version;
    return typeof group.name === 'string' && typeof version === 'string' ? [{ name: group.name, version }] : [];
  });
  const unreadGroups: string[] = [];
  const perGroup = await inParallel(served.slice(0, maxGroups), async ({ name, version }) => {
    try {
      return resourcesOf(await scope.send(() => groups.getAPIResources({ group: name, version }, scope.options())), name, version);
    } catch (error) {
      const failure = scope.failure(error, { verb: 'get', resource: `nonResourceURL /apis/${name}/${version}` });
      if (failure.kind === 'cancelled' || failure.kind === 'timeout') {
        throw failure;
      }
      unreadGroups.push(name);
      return [];
    }
  });
  const resources = [...resourcesOf(coreList, '', 'v1'), ...perGroup.flat()];
  if (resources.length === 0) {
    throw new ClusterError(l10n.t('The API server lists no resources in its discovery documents. It may not be a Kubernetes API server.'), 'unknown');
  }
  return { resources, unreadGroups, groupsLeftOut: Math.max(0, served.length - maxGroups) };
}
