// What kube-apiserver refuses in a created Pod, Secret or workload controller, for the parts the token
// rules touch, in the order and words of kubernetes/kubernetes pkg/apis/core/validation/validation.go
// (ValidateObjectMeta, ValidatePodSpec: ValidateVolumes with validateProjectionSources, validateContainers
// with validateVolumeMounts, validateRestartPolicy, ValidateServiceAccountName; ValidateSecret),
// pkg/apis/apps/validation/validation.go (ValidateDeploymentSpec, ValidatePodTemplateSpecForReplicaSet,
// ValidateDaemonSetSpec, ValidateStatefulSetSpec, ValidatePodTemplateSpecForStatefulSet) and
// pkg/apis/batch/validation/validation.go (validateJobSpec, validateCronJobSpec), with the messages of
// apimachinery util/validation (IsDNS1123Label, IsDNS1123Subdomain) and util/validation/field (errors.go).
//
// Not modelled (a real server checks them too): ports, env, probes, resources, security contexts,
// affinity, volume sources other than projected tokens (their items and "conflicting duplicate paths",
// which validateProjectionSources checks for secret, configMap and downwardAPI items, never for tokens),
// cron schedule syntax, label and annotation syntax.
import type { VersionBehaviour } from '../version';
import { goQuote } from './decode/goJson';
import { serviceAccountNameErrors } from './rbacValidation';
import type { Cause } from './status';

type Json = Record<string, unknown>;

const required = (field: string, detail = ''): Cause => ({ reason: 'FieldValueRequired', message: `Required value${detail ? `: ${detail}` : ''}`, field });
const invalid = (field: string, value: string, detail: string): Cause => ({ reason: 'FieldValueInvalid', message: `Invalid value: ${value}: ${detail}`, field });
const notFound = (field: string, value: string): Cause => ({ reason: 'FieldValueNotFound', message: `Not found: ${goQuote(value)}`, field });
const duplicate = (field: string, value: string): Cause => ({ reason: 'FieldValueDuplicate', message: `Duplicate value: ${goQuote(value)}`, field });
const forbidden = (field: string, detail: string): Cause => ({ reason: 'FieldValueForbidden', message: `Forbidden: ${detail}`, field });
const notSupported = (field: string, value: string, supported: readonly string[]): Cause => ({
  reason: 'FieldValueNotSupported',
  message: `Unsupported value: ${goQuote(value)}: supported values: ${supported.map(goQuote).join(', ')}`,
  field,
});

const objectAt = (value: unknown): Json => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {});
const listAt = (value: unknown): Json[] => (Array.isArray(value) ? value.map(objectAt) : []);
const textAt = (value: unknown): string => (typeof value === 'string' ? value : '');

/** IsDNS1123Label. */
export function dnsLabelErrors(value: string): string[] {
  const errors: string[] = [];
  if (value.length > 63) {
    errors.push('must be no more than 63 characters');
  }
  if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(value)) {
    errors.push(
      /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(value)
        ? 'must not contain dots'
        : "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
    );
  }
  return errors;
}

/** ValidateObjectMeta with NameIsDNSSubdomain, the name function of every kind here. The name is generated already. */
export function metadataErrors(metadata: Json): Cause[] {
  const name = textAt(metadata.name);
  if (!name) {
    return [required('metadata.name', 'name or generateName is required')];
  }
  return serviceAccountNameErrors(name).map((detail) => invalid('metadata.name', goQuote(name), detail));
}

/**
 * validateProjectionSources for one projected volume: the token's lifetime (defaulted to 3600 when not
 * given), a path, from 1.30 a path inside the volume, and one kind of source per entry.
 */
function projectionErrors(projected: Json, path: string, behaviour: VersionBehaviour): Cause[] {
  const causes: Cause[] = [];
  listAt(projected.sources).forEach((source, index) => {
    const sourcePath = `${path}.sources[${index}]`;
    const kinds = ['secret', 'downwardAPI', 'configMap', 'serviceAccountToken', 'clusterTrustBundle', 'podCertificate'].filter((kind) => source[kind] !== undefined && source[kind] !== null);
    if (source.serviceAccountToken) {
      const token = objectAt(source.serviceAccountToken);
      const seconds = typeof token.expirationSeconds === 'number' ? token.expirationSeconds : 3600;
      if (seconds < 600) {
        causes.push(invalid(`${sourcePath}.serviceAccountToken.expirationSeconds`, String(seconds), 'may not specify a duration less than 10 minutes'));
      }
      if (seconds > 2 ** 32) {
        causes.push(invalid(`${sourcePath}.serviceAccountToken.expirationSeconds`, String(seconds), 'may not specify a duration larger than 2^32 seconds'));
      }
      // The volume's path, not the source's: validation.go passes fldPath.Child("path").
      const tokenPath = textAt(token.path);
      if (!tokenPath) {
        causes.push(required(`${path}.path`));
      } else if (behaviour.localProjectedTokenPath) {
        causes.push(...localPathErrors(tokenPath, `${path}.path`));
      }
    }
    if (kinds.length > 1) {
      causes.push(forbidden(sourcePath, 'may not specify more than 1 volume type'));
    }
  });
  return causes;
}

/** ValidateLocalNonReservedPath: ValidateLocalDescendingPath, then a leading ".." not already reported. */
function localPathErrors(target: string, field: string): Cause[] {
  const causes: Cause[] = [];
  if (target.startsWith('/')) {
    causes.push(invalid(field, goQuote(target), 'must be a relative path'));
  }
  if (target.split('/').includes('..')) {
    causes.push(invalid(field, goQuote(target), "must not contain '..'"));
  }
  if (target.startsWith('..') && !target.startsWith('../')) {
    causes.push(invalid(field, goQuote(target), "must not start with '..'"));
  }
  return causes;
}

const volumeSources = [
  'hostPath', 'emptyDir', 'gcePersistentDisk', 'awsElasticBlockStore', 'gitRepo', 'secret', 'nfs', 'iscsi', 'glusterfs', 'persistentVolumeClaim', 'rbd',
  'flexVolume', 'cinder', 'cephfs', 'flocker', 'downwardAPI', 'fc', 'azureFile', 'configMap', 'vsphereVolume', 'quobyte', 'azureDisk', 'photonPersistentDisk',
  'projected', 'portworxVolume', 'scaleIO', 'storageos', 'csi', 'ephemeral', 'image',
];

/**
 * ValidateVolumes: each volume's source first, then its name; only a volume without errors can be
 * mounted, so a mount of an invalid volume is also "Not found".
 */
function volumeErrors(volumes: readonly Json[], path: string, behaviour: VersionBehaviour): { causes: Cause[]; valid: Set<string> } {
  const causes: Cause[] = [];
  const valid = new Set<string>();
  volumes.forEach((volume, index) => {
    const volumePath = `${path}[${index}]`;
    const name = textAt(volume.name);
    const errors: Cause[] = [];
    const sources = volumeSources.filter((source) => volume[source] !== undefined && volume[source] !== null);
    if (sources.length === 0) {
      errors.push(required(volumePath, 'must specify a volume type'));
    }
    if (volume.projected) {
      errors.push(...projectionErrors(objectAt(volume.projected), `${volumePath}.projected`, behaviour));
    }
    sources.slice(1).forEach((source) => errors.push(forbidden(`${volumePath}.${source}`, 'may not specify more than 1 volume type')));
    if (!name) {
      errors.push(required(`${volumePath}.name`));
    } else {
      errors.push(...dnsLabelErrors(name).map((detail) => invalid(`${volumePath}.name`, goQuote(name), detail)));
    }
    if (valid.has(name)) {
      errors.push(duplicate(`${volumePath}.name`, name));
    }
    if (errors.length === 0) {
      valid.add(name);
    }
    causes.push(...errors);
  });
  return { causes, valid };
}

/** validateVolumeMounts: a name that names a valid volume, and a mount path, used once. */
function mountErrors(mounts: readonly Json[], volumes: ReadonlySet<string>, path: string): Cause[] {
  const causes: Cause[] = [];
  const paths = new Set<string>();
  mounts.forEach((mount, index) => {
    const mountPath = `${path}[${index}]`;
    const name = textAt(mount.name);
    const target = textAt(mount.mountPath);
    if (!name) {
      causes.push(required(`${mountPath}.name`));
    }
    if (!volumes.has(name)) {
      causes.push(notFound(`${mountPath}.name`, name));
    }
    if (!target) {
      causes.push(required(`${mountPath}.mountPath`));
    }
    if (paths.has(target)) {
      causes.push(invalid(`${mountPath}.mountPath`, goQuote(target), 'must be unique'));
    }
    paths.add(target);
  });
  return causes;
}

/** validateContainers (and init containers, named apart): names, an image, and the mounts. */
function containerErrors(containers: readonly Json[], volumes: ReadonlySet<string>, path: string, taken: Set<string>, requireOne: boolean): Cause[] {
  if (containers.length === 0) {
    return requireOne ? [required(path)] : [];
  }
  const causes: Cause[] = [];
  containers.forEach((container, index) => {
    const containerPath = `${path}[${index}]`;
    const name = textAt(container.name);
    if (!name) {
      causes.push(required(`${containerPath}.name`));
    } else {
      causes.push(...dnsLabelErrors(name).map((detail) => invalid(`${containerPath}.name`, goQuote(name), detail)));
    }
    if (taken.has(name)) {
      causes.push(duplicate(`${containerPath}.name`, name));
    }
    taken.add(name);
    if (!textAt(container.image)) {
      causes.push(required(`${containerPath}.image`));
    }
    causes.push(...mountErrors(listAt(container.volumeMounts), volumes, `${containerPath}.volumeMounts`));
  });
  return causes;
}

/**
 * ValidatePodSpec for a defaulted spec. extraVolumes: names a StatefulSet's volumeClaimTemplates add
 * (its controller validates the Pods it makes with them).
 */
export function podSpecErrors(spec: Json, path: string, behaviour: VersionBehaviour, extraVolumes: readonly string[] = []): Cause[] {
  const { causes, valid } = volumeErrors(listAt(spec.volumes), `${path}.volumes`, behaviour);
  extraVolumes.forEach((name) => valid.add(name));
  const names = new Set<string>();
  causes.push(...containerErrors(listAt(spec.containers), valid, `${path}.containers`, names, true));
  causes.push(...containerErrors(listAt(spec.initContainers), valid, `${path}.initContainers`, names, false));
  const restartPolicy = textAt(spec.restartPolicy);
  if (!['Always', 'OnFailure', 'Never'].includes(restartPolicy)) {
    causes.push(notSupported(`${path}.restartPolicy`, restartPolicy, ['Always', 'OnFailure', 'Never']));
  }
  const account = textAt(spec.serviceAccountName);
  if (account) {
    causes.push(...serviceAccountNameErrors(account).map((detail) => invalid(`${path}.serviceAccountName`, goQuote(account), detail)));
  }
  return causes;
}

/** Go's %#v of a label map, as field.Invalid prints a value with no simpler form. */
function goLabels(labels: Json | undefined): string {
  if (!labels) {
    return 'map[string]string(nil)';
  }
  return `map[string]string{${Object.keys(labels)
    .sort()
    .map((key) => `${goQuote(key)}:${goQuote(textAt(labels[key]))}`)
    .join(', ')}}`;
}

/**
 * The selector of a controller and the template labels it must match. A missing selector becomes
 * labels.Nothing(), which is not Empty() and matches nothing, so the labels are refused too; an empty
 * one becomes labels.Everything(), which matches any labels. matchExpressions are not evaluated: a
 * selector with them is taken as matching. Deployments and ReplicaSets require a selector and call an
 * empty one invalid "for deployment" (both, ValidateDeploymentSpec and ValidateReplicaSetSpec);
 * StatefulSets the same "for statefulset"; a DaemonSet's missing selector only fails the label match,
 * which it reports before the empty selector (ValidateDaemonSetSpec).
 */
function selectorErrors(spec: Json, path: string, kind: string): Cause[] {
  const templateLabels = objectAt(objectAt(spec.template).metadata).labels as Json | undefined;
  const present = spec.selector !== undefined && spec.selector !== null;
  const selector = objectAt(spec.selector);
  const matchLabels = objectAt(selector.matchLabels);
  const empty = present && Object.keys(matchLabels).length + listAt(selector.matchExpressions).length === 0;
  const matches = present && Object.entries(matchLabels).every(([key, value]) => templateLabels?.[key] === value);
  const mismatch = matches ? [] : [invalid(`${path}.template.metadata.labels`, goLabels(templateLabels), '`selector` does not match template `labels`')];
  // The dereferenced *LabelSelector has no String(), so field.Invalid prints it with %#v.
  const emptyError = (owner: string) =>
    empty ? [invalid(`${path}.selector`, 'v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}', `empty selector is invalid for ${owner}`)] : [];
  if (kind === 'DaemonSet') {
    return [...mismatch, ...emptyError('daemonset')];
  }
  return [...(present ? [] : [required(`${path}.selector`)]), ...emptyError(kind === 'StatefulSet' ? 'statefulset' : 'deployment'), ...mismatch];
}

/** ValidatePodTemplateSpec's spec, at `path`.template.spec. */
const templateSpecErrors = (spec: Json, path: string, behaviour: VersionBehaviour) => podSpecErrors(objectAt(objectAt(spec.template).spec), `${path}.template.spec`, behaviour);

/** Controllers whose Pods must restart Always (ValidatePodTemplateSpecForReplicaSet and the DaemonSet and StatefulSet checks). */
function alwaysRestarts(spec: Json, path: string): Cause[] {
  const policy = textAt(objectAt(objectAt(spec.template).spec).restartPolicy);
  return policy === 'Always' ? [] : [notSupported(`${path}.template.spec.restartPolicy`, policy, ['Always'])];
}

/** validateJobSpec's template: the Pod spec, then a restart policy that is not the default Always. */
function jobSpecErrors(spec: Json, path: string, behaviour: VersionBehaviour): Cause[] {
  const causes = templateSpecErrors(spec, path, behaviour);
  const policy = textAt(objectAt(objectAt(spec.template).spec).restartPolicy);
  if (policy === 'Always' || policy === '') {
    causes.push(required(`${path}.template.spec.restartPolicy`, 'valid values: "OnFailure", "Never"'));
  } else if (policy !== 'OnFailure' && policy !== 'Never') {
    causes.push(notSupported(`${path}.template.spec.restartPolicy`, policy, ['OnFailure', 'Never']));
  }
  return causes;
}

/** The field errors of a defaulted object of a kind the local server creates. */
export function workloadErrors(kind: string, object: Json, behaviour: VersionBehaviour): Cause[] {
  const causes = metadataErrors(objectAt(object.metadata));
  const spec = objectAt(object.spec);
  switch (kind) {
    case 'Pod':
      causes.push(...podSpecErrors(spec, 'spec', behaviour));
      break;
    case 'Secret': {
      // ValidateSecret: only the name annotation is required; the uid and the data come from the token controller.
      const annotations = objectAt(objectAt(object.metadata).annotations);
      if (object.type === 'kubernetes.io/service-account-token' && !textAt(annotations['kubernetes.io/service-account.name'])) {
        causes.push(required('metadata.annotations[kubernetes.io/service-account.name]'));
      }
      break;
    }
    case 'Deployment':
    case 'ReplicaSet':
    case 'DaemonSet':
      causes.push(...selectorErrors(spec, 'spec', kind), ...templateSpecErrors(spec, 'spec', behaviour), ...alwaysRestarts(spec, 'spec'));
      break;
    case 'StatefulSet':
      // ValidatePodTemplateSpecForStatefulSet leaves the Pod spec alone: its controller's Pods are refused instead.
      causes.push(...selectorErrors(spec, 'spec', kind), ...alwaysRestarts(spec, 'spec'));
      break;
    case 'Job':
      causes.push(...jobSpecErrors(spec, 'spec', behaviour));
      break;
    case 'CronJob':
      if (!textAt(spec.schedule)) {
        causes.push(required('spec.schedule'));
      }
      causes.push(...jobSpecErrors(objectAt(objectAt(spec.jobTemplate).spec), 'spec.jobTemplate.spec', behaviour));
      break;
  }
  return causes;
}
