import { randomUUID } from 'node:crypto';
import { decodeContinue, encodeContinue } from './continueToken';

/** The core (/api/v1) resources the local server keeps, keyed the way kube-apiserver names them in URLs and messages. */
export type Resource = 'namespaces' | 'serviceaccounts' | 'pods' | 'secrets' | 'nodes';

export const namespacedResources: ReadonlySet<Resource> = new Set(['serviceaccounts', 'pods', 'secrets']);

export const kinds: Record<Resource, string> = {
  namespaces: 'Namespace',
  serviceaccounts: 'ServiceAccount',
  pods: 'Pod',
  secrets: 'Secret',
  nodes: 'Node',
};

/** The rbac.authorization.k8s.io/v1 resources, served under /apis/rbac.authorization.k8s.io/v1. */
export type RbacResource = 'roles' | 'rolebindings' | 'clusterroles' | 'clusterrolebindings';

export const rbacKinds: Record<RbacResource, string> = {
  roles: 'Role',
  rolebindings: 'RoleBinding',
  clusterroles: 'ClusterRole',
  clusterrolebindings: 'ClusterRoleBinding',
};

/** The controllers of the apps/v1 and batch/v1 groups, whose Pod templates get projected tokens. */
export type WorkloadResource = 'deployments' | 'statefulsets' | 'daemonsets' | 'replicasets' | 'jobs' | 'cronjobs';

export const workloadKinds: Record<WorkloadResource, { readonly group: 'apps' | 'batch'; readonly kind: string }> = {
  deployments: { group: 'apps', kind: 'Deployment' },
  statefulsets: { group: 'apps', kind: 'StatefulSet' },
  daemonsets: { group: 'apps', kind: 'DaemonSet' },
  replicasets: { group: 'apps', kind: 'ReplicaSet' },
  jobs: { group: 'batch', kind: 'Job' },
  cronjobs: { group: 'batch', kind: 'CronJob' },
};

/** Everything the store holds. */
export type StoredResource = Resource | RbacResource | WorkloadResource;

const isRbac = (resource: StoredResource): resource is RbacResource => Object.hasOwn(rbacKinds, resource);
const isWorkload = (resource: StoredResource): resource is WorkloadResource => Object.hasOwn(workloadKinds, resource);
const kindOf = (resource: StoredResource) => (isRbac(resource) ? rbacKinds[resource] : isWorkload(resource) ? workloadKinds[resource].kind : kinds[resource]);
const apiVersionOf = (resource: StoredResource): StoredObject['apiVersion'] =>
  isRbac(resource) ? 'rbac.authorization.k8s.io/v1' : isWorkload(resource) ? `${workloadKinds[resource].group}/v1` : 'v1';

export interface ObjectMeta {
  name: string;
  /** The prefix a generated name was made from. */
  generateName?: string;
  namespace?: string;
  uid: string;
  resourceVersion: string;
  creationTimestamp: string;
  /** Set by a graceful deletion that is still pending (a Pod waits for its kubelet). */
  deletionTimestamp?: string;
  deletionGracePeriodSeconds?: number;
  annotations?: Record<string, string>;
  labels?: Record<string, string>;
  ownerReferences?: unknown[];
}

export interface StoredObject {
  apiVersion: 'v1' | 'rbac.authorization.k8s.io/v1' | 'apps/v1' | 'batch/v1';
  kind: string;
  metadata: ObjectMeta;
  [field: string]: unknown;
}

export interface ListPage {
  readonly items: StoredObject[];
  readonly continueToken?: string;
  readonly remainingItemCount?: number;
  readonly resourceVersion: string;
}

/** Why a list request could not be served, in the server's words. */
export class ListError extends Error {
  constructor(
    readonly code: 400 | 410,
    message: string,
    readonly freshContinue?: string,
  ) {
    super(message);
  }
}

/** The value of a field a field selector names, such as `type` or `spec.serviceAccountName`. */
function fieldValue(object: StoredObject, field: string): string | undefined {
  const value = field.split('.').reduce<unknown>((current, part) => (current as Record<string, unknown> | undefined)?.[part], object);
  return typeof value === 'string' ? value : undefined;
}

export function matchesFieldSelector(object: StoredObject, selector: string | undefined): boolean {
  if (!selector) {
    return true;
  }
  return selector.split(',').every((term) => {
    const negated = term.includes('!=');
    const [field, expected] = term.split(negated ? '!=' : /==?/);
    const actual = fieldValue(object, field.trim()) ?? '';
    return negated ? actual !== expected : actual === expected;
  });
}

/** What a create sets of an object's metadata; the server sets the rest. */
export interface NewObjectMeta {
  readonly name: string;
  readonly generateName?: string;
  readonly namespace?: string;
  readonly labels?: Record<string, string>;
  readonly annotations?: Record<string, string>;
  readonly ownerReferences?: unknown[];
  readonly creationTimestamp?: string;
}

/**
 * An object as the store keeps it, with a new uid; without a resourceVersion it is one a dry run
 * answers with, which is never stored.
 */
export function newObject(resource: StoredResource, metadata: NewObjectMeta, fields: Record<string, unknown>, resourceVersion?: string): StoredObject {
  return {
    apiVersion: apiVersionOf(resource),
    kind: kindOf(resource),
    // In the order Go marshals ObjectMeta.
    metadata: {
      name: metadata.name,
      ...(metadata.generateName ? { generateName: metadata.generateName } : {}),
      ...(metadata.namespace === undefined ? {} : { namespace: metadata.namespace }),
      uid: randomUUID(),
      ...(resourceVersion === undefined ? {} : { resourceVersion }),
      creationTimestamp: metadata.creationTimestamp ?? new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
      ...(metadata.labels ? { labels: metadata.labels } : {}),
      ...(metadata.annotations ? { annotations: metadata.annotations } : {}),
      ...(metadata.ownerReferences ? { ownerReferences: metadata.ownerReferences } : {}),
    } as ObjectMeta,
    ...fields,
  };
}

/** In-memory objects with kube's metadata (uid, resourceVersion, creationTimestamp) and chunked lists. */
export class Store {
  private readonly objects = new Map<StoredResource, Map<string, StoredObject>>([...Object.keys(kinds), ...Object.keys(rbacKinds), ...Object.keys(workloadKinds)].map((resource) => [resource as StoredResource, new Map()]));
  private revision = 1;
  /** Continue tokens from before this revision are "too old", like an etcd compaction. */
  private compactedRevision = 0;

  private static key(namespace: string | undefined, name: string): string {
    return namespace ? `${namespace}/${name}` : name;
  }

  get resourceVersion(): string {
    return String(this.revision);
  }

  create(resource: StoredResource, metadata: NewObjectMeta, fields: Record<string, unknown> = {}): StoredObject {
    this.revision += 1;
    const object = newObject(resource, metadata, fields, String(this.revision));
    this.objects.get(resource)!.set(Store.key(metadata.namespace, metadata.name), object);
    return object;
  }

  get(resource: StoredResource, namespace: string | undefined, name: string): StoredObject | undefined {
    return this.objects.get(resource)!.get(Store.key(namespace, name));
  }

  /** Replaces a stored object's fields, keeping its identity (uid, creationTimestamp) and giving it a new resourceVersion. */
  update(resource: StoredResource, object: StoredObject): StoredObject {
    this.revision += 1;
    const updated: StoredObject = { ...object, metadata: { ...object.metadata, resourceVersion: String(this.revision) } };
    this.objects.get(resource)!.set(Store.key(object.metadata.namespace, object.metadata.name), updated);
    return updated;
  }

  delete(resource: StoredResource, namespace: string | undefined, name: string): boolean {
    this.revision += 1;
    return this.objects.get(resource)!.delete(Store.key(namespace, name));
  }

  /** Makes every continue token handed out so far stale (the next page gets 410 Expired). */
  expireContinueTokens(): void {
    this.revision += 1;
    this.compactedRevision = this.revision;
  }

  /** One page of a list, in key order, as kube-apiserver pages: `limit`, an opaque `continue`, and a count of what remains. */
  list(resource: StoredResource, options: { namespace?: string; limit?: number; continueToken?: string; fieldSelector?: string; quotesContinueVersion?: boolean }): ListPage {
    let start = '';
    let listRevision = this.revision;
    if (options.continueToken) {
      const token = decodeContinue(options.continueToken, options.quotesContinueVersion ?? false);
      if ('error' in token) {
        throw new ListError(400, `invalid continue token: ${token.error}`);
      }
      if (token.rv < this.compactedRevision) {
        throw new ListError(
          410,
          'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.',
          encodeContinue({ rv: this.revision, start: token.start }),
        );
      }
      start = token.start;
      listRevision = token.rv;
    }
    const prefix = options.namespace ? `${options.namespace}/` : '';
    const matching = [...this.objects.get(resource)!.entries()]
      .filter(([key, object]) => key.startsWith(prefix) && key > start && matchesFieldSelector(object, options.fieldSelector))
      .sort(([left], [right]) => (left < right ? -1 : 1));
    const limit = options.limit && options.limit > 0 ? options.limit : matching.length;
    const page = matching.slice(0, limit);
    const remaining = matching.length - page.length;
    if (remaining === 0) {
      return { items: page.map(([, object]) => object), resourceVersion: String(listRevision) };
    }
    return {
      items: page.map(([, object]) => object),
      continueToken: encodeContinue({ rv: listRevision, start: page[page.length - 1][0] }),
      remainingItemCount: remaining,
      resourceVersion: String(listRevision),
    };
  }
}
