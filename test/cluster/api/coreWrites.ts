// DELETE of the core objects a token can die with (Pods, Secrets, ServiceAccounts, Nodes) and POST of a
// ServiceAccount, in the order and words of kube-apiserver: apiserver handlers/delete.go (DeleteOptions
// from the body, else the query), registry/rest/delete.go BeforeDelete (preconditions, graceful deletion),
// registry/generic/registry/store.go Delete and finalizeDelete (the storages of pods and serviceaccounts
// set ReturnDeletedObject and answer with the object; secrets and nodes with a Success Status), the Pod
// strategy's CheckGracefulDelete (pkg/registry/core/pod/strategy.go), and handlers/create.go for the create.
import { randomBytes } from 'node:crypto';
import { decodeServiceAccountProtobuf } from '../coreProtobuf';
import { kinds, type Resource, type StoredObject } from '../store';
import type { RequestContext } from './context';
import { goQuote, GoSyntaxError, parseGoJson } from './decode/goJson';
import { decodeBody } from './decode/requestObject';
import type { StructType } from './decode/goTypes';
import { unmarshal } from './decode/unmarshal';
import { serviceAccountNameErrors } from './rbacValidation';
import { ok, type Reply } from './reply';
import { replyMetadata } from './replyMetadata';
import { badRequest, invalid, notFound, status } from './status';
import { warningHeaders } from './warnings';
import { dryRunObject, dryRunOf } from './dryRun';

/** The route table only hands over pods, secrets, serviceaccounts (namespaced) and nodes. */
const resourceOf = (context: RequestContext) => context.params.resource as Exclude<Resource, 'namespaces'>;

export interface DeleteOptions {
  readonly gracePeriodSeconds?: number;
  readonly preconditions?: { readonly uid?: string; readonly resourceVersion?: string };
  readonly dryRun?: readonly string[];
}

const int64 = { kind: 'int64' } as const;
const string = { kind: 'string', name: 'string' } as const;
const strings = { kind: 'slice', name: '[]string', elem: string } as const;

/** metav1.DeleteOptions, for Go's decode errors. */
const deleteOptionsType: StructType = {
  kind: 'struct',
  name: 'v1.DeleteOptions',
  fields: {
    kind: string,
    apiVersion: string,
    gracePeriodSeconds: int64,
    preconditions: { kind: 'struct', name: 'v1.Preconditions', fields: { uid: { kind: 'string', name: 'types.UID' }, resourceVersion: string } },
    orphanDependents: { kind: 'bool' },
    propagationPolicy: { kind: 'string', name: 'v1.DeletionPropagation' },
    dryRun: strings,
  },
};

/** delete.go: a body is decoded as DeleteOptions; without one, the query's parameters are. */
export async function deleteOptions(context: RequestContext): Promise<DeleteOptions | Reply> {
  const body = await context.body();
  if (body.length === 0) {
    const grace = context.query.get('gracePeriodSeconds');
    if (grace !== null && !/^[+-]?\d+$/.test(grace)) {
      return badRequest(`strconv.ParseInt: parsing ${goQuote(grace)}: invalid syntax`);
    }
    return { gracePeriodSeconds: grace === null ? undefined : Number(grace), dryRun: context.query.getAll('dryRun') };
  }
  try {
    const decoded = unmarshal(parseGoJson(body), deleteOptionsType);
    return decoded.error ? badRequest(decoded.error) : (decoded.value as DeleteOptions);
  } catch (error) {
    if (error instanceof GoSyntaxError) {
      return badRequest(`couldn't get version/kind; json parse error: ${error.message}`);
    }
    throw error;
  }
}

/** BeforeDelete's early precondition check: a Conflict that names the kind, not the resource. */
function preconditionRefusal(object: StoredObject, preconditions: DeleteOptions['preconditions']): Reply | undefined {
  const conflict = (detail: string) =>
    status(409, 'Conflict', `Operation cannot be fulfilled on ${object.kind} ${JSON.stringify(object.metadata.name)}: ${detail}`, { name: object.metadata.name, kind: object.kind });
  if (preconditions?.uid !== undefined && preconditions.uid !== object.metadata.uid) {
    return conflict(`the UID in the precondition (${preconditions.uid}) does not match the UID in record (${object.metadata.uid}). The object might have been deleted and then recreated`);
  }
  if (preconditions?.resourceVersion !== undefined && preconditions.resourceVersion !== object.metadata.resourceVersion) {
    return conflict(`the ResourceVersion in the precondition (${preconditions.resourceVersion}) does not match the ResourceVersion in record (${object.metadata.resourceVersion}). The object might have been modified`);
  }
  return undefined;
}

/** finalizeDelete: the object itself, or a Success Status naming it (Kind holds the resource, as store.go says). */
function deletedReply(resource: Resource, object: StoredObject): Reply {
  if (resource === 'pods' || resource === 'serviceaccounts') {
    return ok(object);
  }
  return ok({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details: { name: object.metadata.name, kind: resource, uid: object.metadata.uid } });
}

export const timestamp = (ms: number) => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');

/** The Pod strategy's grace period: the request's, else the Pod's own; none for an unscheduled or finished Pod. */
function podGracePeriod(pod: StoredObject, requested: number | undefined): number {
  const spec = (pod.spec ?? {}) as { nodeName?: string; terminationGracePeriodSeconds?: number };
  const phase = (pod.status as { phase?: string } | undefined)?.phase;
  const period = !spec.nodeName || phase === 'Failed' || phase === 'Succeeded' ? 0 : (requested ?? spec.terminationGracePeriodSeconds ?? 0);
  return period < 0 ? 1 : period;
}

/**
 * A Pod's deletion: graceful when it has a grace period (deletionTimestamp now + period, and the Pod
 * stays until its kubelet, which this server does not run, confirms); immediate with none, the
 * object answered as it was stored last (deletionTimestamp now, grace period 0). A deletion already
 * pending only answers the Pod, unless a shorter grace period moves it closer (BeforeDelete).
 */
function deletePod(context: RequestContext, pod: StoredObject, options: DeleteOptions): Reply {
  const { store, clock } = context.state;
  const now = clock.now();
  const pending = pod.metadata.deletionGracePeriodSeconds;
  let period: number;
  let deleteAt: number;
  if (pod.metadata.deletionTimestamp !== undefined && pending) {
    const requested = options.gracePeriodSeconds;
    if (requested === undefined || requested >= pending) {
      return ok(pod);
    }
    deleteAt = Math.max(Date.parse(pod.metadata.deletionTimestamp) - pending * 1000 + requested * 1000, now);
    period = deleteAt === now && requested !== 0 ? 1 : requested;
  } else {
    period = podGracePeriod(pod, options.gracePeriodSeconds);
    deleteAt = now + period * 1000;
  }
  const marked: StoredObject = { ...pod, metadata: replyMetadata(pod.metadata, { deletionTimestamp: timestamp(deleteAt), deletionGracePeriodSeconds: period }) as unknown as StoredObject['metadata'] };
  if (options.dryRun?.length) {
    return ok(marked);
  }
  if (period > 0) {
    return ok(store.update('pods', marked));
  }
  store.delete('pods', pod.metadata.namespace, pod.metadata.name);
  return ok(marked);
}

/**
 * kube-controller-manager's tokens controller deletes the legacy token Secrets of a ServiceAccount
 * that is gone (pkg/controller/serviceaccount/tokens_controller.go, IsServiceAccountToken: the name
 * annotation matches, and the uid annotation when there is one).
 */
function deleteTokenSecretsOf(context: RequestContext, account: StoredObject): void {
  const { store } = context.state;
  const { items } = store.list('secrets', { namespace: account.metadata.namespace, fieldSelector: 'type=kubernetes.io/service-account-token' });
  for (const secret of items) {
    const annotations = secret.metadata.annotations ?? {};
    const uid = annotations['kubernetes.io/service-account.uid'];
    if (annotations['kubernetes.io/service-account.name'] === account.metadata.name && (!uid || uid === account.metadata.uid)) {
      store.delete('secrets', secret.metadata.namespace, secret.metadata.name);
    }
  }
}

/** DELETE of one Pod, Secret, ServiceAccount or Node. */
export async function deleteCoreObject(context: RequestContext): Promise<Reply> {
  const resource = resourceOf(context);
  const { namespace, name } = context.params;
  const { store } = context.state;
  const options = await deleteOptions(context);
  if ('status' in options) {
    return options as Reply;
  }
  const existing = store.get(resource, namespace, name);
  if (!existing) {
    return notFound(resource, name);
  }
  const refused = preconditionRefusal(existing, options.preconditions);
  if (refused) {
    return refused;
  }
  if (resource === 'pods') {
    return deletePod(context, existing, options);
  }
  if (!options.dryRun?.length) {
    store.delete(resource, namespace, name);
    if (resource === 'serviceaccounts') {
      deleteTokenSecretsOf(context, existing);
    }
  }
  return deletedReply(resource, existing);
}

/** names.SimpleNameGenerator: the prefix and five random characters of an alphabet without vowels. */
export function generateName(prefix: string): string {
  const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
  return prefix + [...randomBytes(5)].map((byte) => alphabet[byte % alphabet.length]).join('');
}

interface ServiceAccountObject {
  readonly metadata: { name?: string; generateName?: string; labels?: Record<string, string>; annotations?: Record<string, string>; ownerReferences?: unknown[] };
  readonly secrets?: unknown[];
  readonly imagePullSecrets?: unknown[];
  readonly automountServiceAccountToken?: boolean;
}

/** POST of a ServiceAccount: the namespace must exist (NamespaceLifecycle), the name be a DNS subdomain, and not be taken; dryRun=All stores nothing. */
export async function createServiceAccount(context: RequestContext): Promise<Reply> {
  const namespace = context.params.namespace;
  const dryRun = dryRunOf(context.query);
  if (typeof dryRun !== 'boolean') {
    return dryRun;
  }
  const decoded = await decodeBody(context, { group: '', kind: 'ServiceAccount', internalPackage: 'core', protobuf: decodeServiceAccountProtobuf }, namespace);
  if (!('object' in decoded)) {
    return decoded;
  }
  const headers = warningHeaders(decoded.warnings);
  const { store } = context.state;
  if (!store.get('namespaces', undefined, namespace)) {
    return { ...notFound('namespaces', namespace), headers };
  }
  const object = decoded.object as unknown as ServiceAccountObject;
  const name = object.metadata.name || (object.metadata.generateName ? generateName(object.metadata.generateName) : '');
  const causes = name
    ? serviceAccountNameErrors(name).map((detail) => ({ reason: 'FieldValueInvalid', message: `Invalid value: ${JSON.stringify(name)}: ${detail}`, field: 'metadata.name' }))
    : [{ reason: 'FieldValueRequired', message: 'Required value: name or generateName is required', field: 'metadata.name' }];
  if (causes.length > 0) {
    return { ...invalid(kinds.serviceaccounts, '', name, causes), headers };
  }
  if (store.get('serviceaccounts', namespace, name)) {
    return { ...status(409, 'AlreadyExists', `serviceaccounts ${JSON.stringify(name)} already exists`, { name, kind: 'serviceaccounts' }), headers };
  }
  const { labels, annotations, ownerReferences } = object.metadata;
  const fields = Object.fromEntries(
    // Go's omitempty: empty lists are not stored, a false automountServiceAccountToken is (it is a pointer).
    (['secrets', 'imagePullSecrets', 'automountServiceAccountToken'] as const).filter((field) => object[field] !== undefined && object[field] !== null && !(Array.isArray(object[field]) && object[field].length === 0)).map((field) => [field, object[field]]),
  );
  const metadata = { name, generateName: object.metadata.generateName, namespace, labels, annotations, ownerReferences, creationTimestamp: timestamp(context.state.clock.now()) };
  const created = dryRun ? dryRunObject('serviceaccounts', metadata, fields) : store.create('serviceaccounts', metadata, fields);
  return { status: 201, body: created, headers };
}
