// POST of the objects that put ServiceAccount tokens into Pods: Pods, legacy token Secrets (and other
// Secrets), and the controllers of apps/v1 and batch/v1, in kube-apiserver's order (handlers/create.go):
// CreateOptions, the body, defaults (pkg/apis/core/v1/defaults.go), the name generated, admission
// (NamespaceLifecycle, then the ServiceAccount plugin for Pods: plugin/pkg/admission/serviceaccount/
// admission.go), validation (workloadValidation.ts), then AlreadyExists. After a Secret of type
// kubernetes.io/service-account-token is stored, what kube-controller-manager's tokens controller does
// (pkg/controller/serviceaccount/tokens_controller.go syncSecret) happens at once: the Secret of a
// ServiceAccount that exists gets its legacy token, ca.crt and namespace; one of a missing
// ServiceAccount is deleted. Controllers are stored but run no Pods (no Deployment controller here).
import { workloadKinds, type StoredObject, type StoredResource, type WorkloadResource } from '../store';
import type { RequestContext } from './context';
import { deleteOptions, generateName, timestamp } from './coreWrites';
import { decodeBody } from './decode/requestObject';
import type { WorkloadKind } from './decode/workloadTypes';
import { dryRunObject, dryRunOf } from './dryRun';
import { ok, type Reply } from './reply';
import { invalid, notFound, status } from './status';
import { warningHeaders } from './warnings';
import { workloadErrors } from './workloadValidation';

type Json = Record<string, unknown>;

/** The resources this module creates, with their kind and group ('' for core). */
const creatable: Readonly<Record<string, { readonly kind: WorkloadKind; readonly group: string }>> = {
  pods: { kind: 'Pod', group: '' },
  secrets: { kind: 'Secret', group: '' },
  ...Object.fromEntries(Object.entries(workloadKinds).map(([resource, { kind, group }]) => [resource, { kind: kind as WorkloadKind, group }])),
};

export const isWorkloadResource = (value: string): value is WorkloadResource => Object.hasOwn(workloadKinds, value);

/** errors.NewNotFound and NewAlreadyExists name a resource with its group: `deployments.apps "x" not found`. */
const qualified = (resource: string, group: string) => (group ? `${resource}.${group}` : resource);
const groupDetails = (group: string) => (group ? { group } : {});

const objectAt = (value: unknown): Json => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {});

/** SetDefaults_PodSpec and the defaults of its volumes (SetDefaults_ProjectedVolumeSource, SetDefaults_ServiceAccountTokenProjection), the ones validation reads. */
function defaultPodSpec(spec: Json): Json {
  const volumes = Array.isArray(spec.volumes)
    ? spec.volumes.map((volume: Json) => {
        if (!volume?.projected) {
          return volume;
        }
        const projected = objectAt(volume.projected);
        const sources = Array.isArray(projected.sources)
          ? projected.sources.map((source: Json) =>
              source?.serviceAccountToken ? { ...source, serviceAccountToken: { expirationSeconds: 3600, ...objectAt(source.serviceAccountToken) } } : source,
            )
          : projected.sources;
        return { ...volume, projected: { ...projected, sources, defaultMode: projected.defaultMode ?? 420 } };
      })
    : spec.volumes;
  // v1 conversion: the deprecated serviceAccount fills serviceAccountName, and is written back from it.
  const account = spec.serviceAccountName || spec.serviceAccount;
  return {
    ...spec,
    ...(volumes ? { volumes } : {}),
    restartPolicy: spec.restartPolicy || 'Always',
    terminationGracePeriodSeconds: spec.terminationGracePeriodSeconds ?? 30,
    dnsPolicy: spec.dnsPolicy || 'ClusterFirst',
    ...(account ? { serviceAccountName: account, serviceAccount: account } : {}),
    schedulerName: spec.schedulerName || 'default-scheduler',
  };
}

const withTemplate = (spec: Json): Json => ({ ...spec, template: { ...objectAt(spec.template), spec: defaultPodSpec(objectAt(objectAt(spec.template).spec)) } });

/** The defaulted spec of each kind; a Secret's stringData is merged into data (v1 conversion) and its type defaults to Opaque. */
function defaulted(kind: WorkloadKind, object: Json): Json {
  const spec = objectAt(object.spec);
  switch (kind) {
    case 'Pod':
      return { ...object, spec: defaultPodSpec(spec) };
    case 'Secret': {
      const { stringData, ...secret } = object;
      const encoded = Object.fromEntries(Object.entries(objectAt(stringData)).map(([key, value]) => [key, Buffer.from(String(value)).toString('base64')]));
      const data = { ...objectAt(secret.data), ...encoded };
      return { ...secret, ...(Object.keys(data).length > 0 ? { data } : {}), type: secret.type || 'Opaque' };
    }
    case 'CronJob': {
      const jobTemplate = objectAt(spec.jobTemplate);
      return { ...object, spec: { ...spec, jobTemplate: { ...jobTemplate, spec: withTemplate(objectAt(jobTemplate.spec)) } } };
    }
    default:
      return { ...object, spec: withTemplate(spec) };
  }
}

const tokenMountPath = '/var/run/secrets/kubernetes.io/serviceaccount';

/** TokenVolumeSource: the bound token (3607 s, serviceaccount.WarnOnlyBoundTokenExpirationSeconds), the cluster CA and the namespace. */
const tokenVolumeSource = () => ({
  sources: [
    { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
    { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
    { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
  ],
  defaultMode: 420,
});

/** mountServiceAccountToken: every container without a mount at the token path mounts kube-api-access-…, added when one does. */
function mountServiceAccountToken(spec: Json): Json {
  const volumes = Array.isArray(spec.volumes) ? (spec.volumes as Json[]) : [];
  const existing = volumes.find((volume) => typeof volume?.name === 'string' && volume.name.startsWith('kube-api-access-'));
  const name = (existing?.name as string | undefined) ?? generateName('kube-api-access-');
  let needed = false;
  const mounted = (containers: unknown) =>
    Array.isArray(containers)
      ? containers.map((container: Json) => {
          const mounts = Array.isArray(container.volumeMounts) ? (container.volumeMounts as Json[]) : [];
          if (mounts.some((mount) => mount?.mountPath === tokenMountPath)) {
            return container;
          }
          needed = true;
          return { ...container, volumeMounts: [...mounts, { name, readOnly: true, mountPath: tokenMountPath }] };
        })
      : containers;
  const initContainers = mounted(spec.initContainers);
  const containers = mounted(spec.containers);
  return {
    ...spec,
    ...(initContainers ? { initContainers } : {}),
    ...(containers ? { containers } : {}),
    ...(!existing && needed ? { volumes: [...volumes, { name, projected: tokenVolumeSource() }] } : {}),
  };
}

/**
 * The ServiceAccount admission plugin's Admit for a Pod: the default ServiceAccount, which must exist,
 * and its token volume unless automounting is off (the Pod's choice first, then the ServiceAccount's).
 */
function admitPod(context: RequestContext, pod: Json, namespace: string, name: string): { pod: Json } | { refused: Reply } {
  const spec = objectAt(pod.spec);
  const accountName = (spec.serviceAccountName as string | undefined) || 'default';
  const account = context.state.store.get('serviceaccounts', namespace, accountName);
  if (!account) {
    // admission.NewForbidden wrapping the lister's errors.NewNotFound(api.Resource("serviceaccount"), name).
    return { refused: status(403, 'Forbidden', `pods ${JSON.stringify(name)} is forbidden: error looking up service account ${namespace}/${accountName}: serviceaccount ${JSON.stringify(accountName)} not found`, { name, kind: 'pods' }) };
  }
  const named = { ...spec, serviceAccountName: accountName, serviceAccount: accountName };
  const automount = (spec.automountServiceAccountToken as boolean | undefined) ?? (account.automountServiceAccountToken as boolean | undefined) ?? true;
  return { pod: { ...pod, spec: automount ? mountServiceAccountToken(named) : named } };
}

/** The tokens controller's answer to a new token Secret: filled in when its ServiceAccount exists (and the uid, if given, matches), else deleted. */
async function syncTokenSecret(context: RequestContext, secret: StoredObject): Promise<void> {
  const { store, tokens, rootCaPem } = context.state;
  const annotations = secret.metadata.annotations ?? {};
  const { namespace, name } = secret.metadata;
  const account = store.get('serviceaccounts', namespace, annotations['kubernetes.io/service-account.name']);
  const uid = annotations['kubernetes.io/service-account.uid'];
  if (!account || (uid && uid !== account.metadata.uid)) {
    store.delete('secrets', namespace, name);
    return;
  }
  const data = objectAt(secret.data);
  const encode = (text: string) => Buffer.from(text).toString('base64');
  store.update('secrets', {
    ...secret,
    metadata: { ...secret.metadata, annotations: { ...annotations, 'kubernetes.io/service-account.uid': account.metadata.uid } },
    data: {
      ...data,
      ...(rootCaPem ? { 'ca.crt': encode(rootCaPem) } : {}),
      namespace: encode(namespace ?? ''),
      ...(data.token ? {} : { token: encode(await tokens.issueLegacy(account, name)) }),
    },
  });
}

/** POST /api/v1/namespaces/{namespace}/{pods|secrets} and /apis/{apps|batch}/v1/namespaces/{namespace}/{resource}. */
export async function createWorkload(context: RequestContext): Promise<Reply> {
  const { namespace, resource } = context.params;
  const { kind, group } = creatable[resource];
  const dryRun = dryRunOf(context.query);
  if (typeof dryRun !== 'boolean') {
    return dryRun;
  }
  const decoded = await decodeBody(context, { group, kind, internalPackage: group || 'core' }, namespace);
  if (!('object' in decoded)) {
    return decoded;
  }
  const headers = warningHeaders(decoded.warnings);
  const { store, clock, behaviour } = context.state;
  let object = defaulted(kind, decoded.object);
  const sentMetadata = objectAt(object.metadata);
  const generate = typeof sentMetadata.generateName === 'string' ? sentMetadata.generateName : '';
  const name = (sentMetadata.name as string | undefined) || (generate ? generateName(generate) : '');
  object = { ...object, metadata: { ...sentMetadata, name } };
  if (!store.get('namespaces', undefined, namespace)) {
    return { ...notFound('namespaces', namespace), headers };
  }
  if (kind === 'Pod') {
    const admitted = admitPod(context, object, namespace, name);
    if ('refused' in admitted) {
      return { ...admitted.refused, headers };
    }
    object = admitted.pod;
  }
  const causes = workloadErrors(kind, object, behaviour);
  if (causes.length > 0) {
    return { ...invalid(kind, group, name, causes), headers };
  }
  const stored = resource as StoredResource;
  if (store.get(stored, namespace, name)) {
    return { ...status(409, 'AlreadyExists', `${qualified(resource, group)} ${JSON.stringify(name)} already exists`, { name, ...groupDetails(group), kind: resource }), headers };
  }
  const { labels, annotations, ownerReferences } = sentMetadata as { labels?: Record<string, string>; annotations?: Record<string, string>; ownerReferences?: unknown[] };
  const fields = Object.fromEntries(Object.entries(object).filter(([key]) => !['apiVersion', 'kind', 'metadata'].includes(key)));
  // PrepareForCreate of each strategy replaces whatever status was sent.
  const serverStatus = kind === 'Pod' ? { status: { phase: 'Pending', qosClass: 'BestEffort' } } : kind === 'Secret' ? {} : { status: {} };
  const metadata = { name, generateName: generate || undefined, namespace, labels, annotations, ownerReferences, creationTimestamp: timestamp(clock.now()) };
  if (dryRun) {
    return { status: 201, body: dryRunObject(stored, metadata, { ...fields, ...serverStatus }), headers };
  }
  const created = store.create(stored, metadata, { ...fields, ...serverStatus });
  if (kind === 'Secret' && created.type === 'kubernetes.io/service-account-token') {
    await syncTokenSecret(context, created);
  }
  return { status: 201, body: created, headers };
}

/** GET of one controller. */
export function getWorkload(context: RequestContext): Reply {
  const { namespace, resource, name } = context.params;
  const object = context.state.store.get(resource as WorkloadResource, namespace, name);
  const group = creatable[resource].group;
  return object ? ok(object) : status(404, 'NotFound', `${qualified(resource, group)} ${JSON.stringify(name)} not found`, { name, group, kind: resource });
}

/** DELETE of one controller: no graceful deletion, answered with a Success Status (the controllers' storage does not return the object). */
export async function deleteWorkload(context: RequestContext): Promise<Reply> {
  const { namespace, resource, name } = context.params;
  const group = creatable[resource].group;
  const options = await deleteOptions(context);
  if ('status' in options) {
    return options as Reply;
  }
  const object = context.state.store.get(resource as WorkloadResource, namespace, name);
  if (!object) {
    return status(404, 'NotFound', `${qualified(resource, group)} ${JSON.stringify(name)} not found`, { name, group, kind: resource });
  }
  if (!options.dryRun?.length) {
    context.state.store.delete(resource as WorkloadResource, namespace, name);
  }
  return ok({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details: { name, group, kind: resource, uid: object.metadata.uid } });
}
