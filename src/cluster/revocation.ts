/**
 * The calls that take a token back: deleting what it is bound to (a Pod or a Secret), its legacy
 * token Secret, or its ServiceAccount, which is then created again. Every delete carries the UID the
 * token names as a precondition, so an object that was replaced since (and the token with it already
 * dead) is never deleted by mistake.
 */
import type { CoreV1Api, V1ObjectMeta, V1ServiceAccount } from '@kubernetes/client-node';
import { ClusterError } from './errors';
import type { RequestScope } from './requestScope';
import * as l10n from '../text/l10n';

export type DeletableKind = 'Pod' | 'Secret' | 'ServiceAccount';

/** An object to delete: the UID the token names, when it names one. */
export interface DeletionTarget {
  readonly kind: DeletableKind;
  readonly namespace: string;
  readonly name: string;
  readonly uid?: string;
}

/** What a delete did: the object is gone, or (a Pod waiting for its kubelet) goes once its grace period ends. */
export interface DeletedObject {
  readonly kind: DeletableKind;
  readonly namespace: string;
  readonly name: string;
  readonly uid: string;
  /** The grace period of a deletion still pending; undefined when the object is gone. */
  readonly pendingSeconds?: number;
}

/** The Pod a token is bound to, for what deleting it means: a workload that owns it starts another. */
export interface PodForRevocation {
  readonly uid: string;
  readonly owner?: { readonly kind: string; readonly name: string };
  /** terminationGracePeriodSeconds: how long a graceful delete waits for the containers to stop. */
  readonly graceSeconds: number;
}

/** A legacy token Secret, with its token: kept in memory only, to check with TokenReview that the token died. */
export interface LegacyTokenSecretContents {
  readonly uid: string;
  readonly isServiceAccountToken: boolean;
  /** The `kubernetes.io/service-account.name` annotation. */
  readonly serviceAccount?: string;
  readonly token?: string;
}

/** A ServiceAccount deleted and created again; `created` is missing when the create failed, and `manifest` recreates it by hand. */
export interface RecreatedServiceAccount {
  readonly deleted: DeletedObject;
  readonly created?: { readonly uid: string };
  readonly createFailure?: string;
  readonly manifest: string;
}

const resources: Record<DeletableKind, string> = { Pod: 'pods', Secret: 'secrets', ServiceAccount: 'serviceaccounts' };

/** ObjectMeta fields a deleted object may come back with: a pending deletion keeps the object and says when it goes. */
function pendingSeconds(metadata: V1ObjectMeta | undefined): number | undefined {
  return metadata?.deletionTimestamp && metadata.deletionGracePeriodSeconds ? metadata.deletionGracePeriodSeconds : undefined;
}

export async function readPodForRevocation(api: CoreV1Api, scope: RequestScope, namespace: string, name: string): Promise<PodForRevocation> {
  try {
    const pod = await scope.send(() => api.readNamespacedPod({ namespace, name }, scope.options()));
    const controller = pod.metadata?.ownerReferences?.find((reference) => reference.controller) ?? pod.metadata?.ownerReferences?.[0];
    return {
      uid: pod.metadata?.uid ?? '',
      owner: controller && { kind: controller.kind, name: controller.name },
      graceSeconds: pod.spec?.terminationGracePeriodSeconds ?? 0,
    };
  } catch (error) {
    throw scope.failure(error, { verb: 'get', resource: 'pods', namespace });
  }
}

/** The whole Secret is read (the one place the extension reads Secret data): its token is what TokenReview checks after the delete. */
export async function readLegacyTokenSecret(api: CoreV1Api, scope: RequestScope, namespace: string, name: string): Promise<LegacyTokenSecretContents> {
  try {
    const secret = await scope.send(() => api.readNamespacedSecret({ namespace, name }, scope.options()));
    const encoded = secret.data?.token;
    return {
      uid: secret.metadata?.uid ?? '',
      isServiceAccountToken: secret.type === 'kubernetes.io/service-account-token',
      serviceAccount: secret.metadata?.annotations?.['kubernetes.io/service-account.name'],
      token: typeof encoded === 'string' ? Buffer.from(encoded, 'base64').toString('utf8').trim() : undefined,
    };
  } catch (error) {
    throw scope.failure(error, { verb: 'get', resource: 'secrets', namespace });
  }
}

/** One DELETE, graceful (a Pod gets its own grace period), with the UID as a precondition when the target names one. */
export async function deleteObject(api: CoreV1Api, scope: RequestScope, target: DeletionTarget): Promise<DeletedObject> {
  const request = { namespace: target.namespace, name: target.name, body: target.uid ? { preconditions: { uid: target.uid } } : {} };
  try {
    switch (target.kind) {
      case 'Pod': {
        const pod = await scope.send(() => api.deleteNamespacedPod(request, scope.options()));
        return { ...target, uid: pod.metadata?.uid ?? target.uid ?? '', pendingSeconds: pendingSeconds(pod.metadata) };
      }
      case 'Secret': {
        const status = await scope.send(() => api.deleteNamespacedSecret(request, scope.options()));
        return { ...target, uid: status.details?.uid ?? target.uid ?? '' };
      }
      case 'ServiceAccount': {
        const account = await scope.send(() => api.deleteNamespacedServiceAccount(request, scope.options()));
        return { ...target, uid: account.metadata?.uid ?? target.uid ?? '', pendingSeconds: pendingSeconds(account.metadata) };
      }
    }
  } catch (error) {
    throw scope.failure(error, { verb: 'delete', resource: resources[target.kind], namespace: target.namespace });
  }
}

/**
 * The ServiceAccount as it is to be created again: its labels, annotations, owners, image pull
 * Secrets and automount choice; not its identity (uid, resourceVersion, timestamps, managedFields),
 * and not the references to its legacy token Secrets, which kube-controller-manager deletes with it.
 */
export function serviceAccountToCreate(current: V1ServiceAccount, dropSecretRefs: readonly string[]): V1ServiceAccount {
  const metadata = current.metadata ?? {};
  const secrets = current.secrets?.filter((reference) => !dropSecretRefs.includes(reference.name ?? ''));
  return {
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: { name: metadata.name, namespace: metadata.namespace, labels: metadata.labels, annotations: metadata.annotations, ownerReferences: metadata.ownerReferences },
    ...(secrets?.length ? { secrets } : {}),
    ...(current.imagePullSecrets?.length ? { imagePullSecrets: current.imagePullSecrets } : {}),
    ...(current.automountServiceAccountToken === undefined ? {} : { automountServiceAccountToken: current.automountServiceAccountToken }),
  };
}

async function readServiceAccount(api: CoreV1Api, scope: RequestScope, namespace: string, name: string): Promise<V1ServiceAccount> {
  try {
    return await scope.send(() => api.readNamespacedServiceAccount({ namespace, name }, scope.options()));
  } catch (error) {
    throw scope.failure(error, { verb: 'get', resource: 'serviceaccounts', namespace });
  }
}

/**
 * Reads the ServiceAccount (it must still have the UID the token names), deletes it with that UID as
 * a precondition, and creates it again. A create refused because it exists again is fine when the
 * one there is new: kube-controller-manager recreates each namespace's `default` at once.
 */
export async function recreateServiceAccount(api: CoreV1Api, scope: RequestScope, namespace: string, name: string, expectedUid: string | undefined, dropSecretRefs: readonly string[]): Promise<RecreatedServiceAccount> {
  const current = await readServiceAccount(api, scope, namespace, name);
  const uid = current.metadata?.uid ?? '';
  if (expectedUid && uid !== expectedUid) {
    throw new ClusterError(l10n.t('ServiceAccount {0}/{1} was already deleted and created again (its UID is {2}, the token names {3}): tokens of the old one no longer authenticate. Nothing was deleted.', namespace, name, uid, expectedUid), 'conflict');
  }
  const body = serviceAccountToCreate(current, dropSecretRefs);
  const manifest = JSON.stringify(body, null, 2);
  const deleted = await deleteObject(api, scope, { kind: 'ServiceAccount', namespace, name, uid });
  if (deleted.pendingSeconds !== undefined || current.metadata?.finalizers?.length) {
    return { deleted, createFailure: l10n.t('it has finalizers ({0}), so it is deleted only once they are done; create it again after that', (current.metadata?.finalizers ?? []).join(', ')), manifest };
  }
  try {
    const created = await scope.send(() => api.createNamespacedServiceAccount({ namespace, body }, scope.options()));
    return { deleted, created: { uid: created.metadata?.uid ?? '' }, manifest };
  } catch (error) {
    const failure = scope.failure(error, { verb: 'create', resource: 'serviceaccounts', namespace });
    if (failure.kind === 'conflict') {
      const again = await readServiceAccount(api, scope, namespace, name);
      if (again.metadata?.uid && again.metadata.uid !== uid) {
        return { deleted, created: { uid: again.metadata.uid }, manifest };
      }
    }
    return { deleted, createFailure: failure.message, manifest };
  }
}
