// The Go types of the workloads the local server creates (Pod, Secret, and the controllers of apps/v1
// and batch/v1), as k8s.io/api core/v1, apps/v1 and batch/v1 types.go declare them at v1.33: every
// field name, so that strict decoding reports exactly the unknown ones, and the Go types of the fields
// whose decode errors the token rules meet (ServiceAccountTokenProjection and what leads to it).
// Fields outside that path are `raw`: any JSON is taken there, and their own unknown fields are not
// reported (a real server reports those too).
import type { VersionBehaviour } from '../../version';
import { objectMeta, type GoType, type StructType } from './goTypes';

const raw: GoType = { kind: 'raw' };
const string: GoType = { kind: 'string', name: 'string' };
const bool: GoType = { kind: 'bool' };
const int64: GoType = { kind: 'int64' };
const stringMap: GoType = { kind: 'map', name: 'map[string]string', elem: string };

/** Every field raw but those given. */
const struct = (name: string, names: readonly string[], typed: Readonly<Record<string, GoType>> = {}): StructType => ({
  kind: 'struct',
  name,
  fields: Object.fromEntries(names.map((field) => [field, typed[field] ?? raw])),
});
const slice = (elem: StructType): GoType => ({ kind: 'slice', name: `[]${elem.name}`, elem });

const tokenProjection = struct('v1.ServiceAccountTokenProjection', ['audience', 'expirationSeconds', 'path'], { audience: string, expirationSeconds: int64, path: string });
const volumeProjection = struct('v1.VolumeProjection', ['secret', 'downwardAPI', 'configMap', 'serviceAccountToken', 'clusterTrustBundle', 'podCertificate'], { serviceAccountToken: tokenProjection });
const projectedVolume = struct('v1.ProjectedVolumeSource', ['sources', 'defaultMode'], { sources: slice(volumeProjection) });

const volumeSources = [
  'hostPath', 'emptyDir', 'gcePersistentDisk', 'awsElasticBlockStore', 'gitRepo', 'secret', 'nfs', 'iscsi', 'glusterfs', 'persistentVolumeClaim', 'rbd',
  'flexVolume', 'cinder', 'cephfs', 'flocker', 'downwardAPI', 'fc', 'azureFile', 'configMap', 'vsphereVolume', 'quobyte', 'azureDisk', 'photonPersistentDisk',
  'projected', 'portworxVolume', 'scaleIO', 'storageos', 'csi', 'ephemeral', 'image',
];
/** v1.Volume embeds VolumeSource inline, so its fields are the Volume's own. */
const volume = struct('v1.Volume', ['name', ...volumeSources], { name: string, projected: projectedVolume });

const volumeMount = struct('v1.VolumeMount', ['name', 'readOnly', 'recursiveReadOnly', 'mountPath', 'subPath', 'mountPropagation', 'subPathExpr'], { name: string, readOnly: bool, mountPath: string });
const containerFields = [
  'name', 'image', 'command', 'args', 'workingDir', 'ports', 'envFrom', 'env', 'resources', 'resizePolicy', 'restartPolicy', 'volumeMounts', 'volumeDevices',
  'livenessProbe', 'readinessProbe', 'startupProbe', 'lifecycle', 'terminationMessagePath', 'terminationMessagePolicy', 'imagePullPolicy', 'securityContext',
  'stdin', 'stdinOnce', 'tty',
];
const container = struct('v1.Container', containerFields, { name: string, image: string, volumeMounts: slice(volumeMount) });

const podSpec = struct(
  'v1.PodSpec',
  [
    'volumes', 'initContainers', 'containers', 'ephemeralContainers', 'restartPolicy', 'terminationGracePeriodSeconds', 'activeDeadlineSeconds', 'dnsPolicy',
    'nodeSelector', 'serviceAccountName', 'serviceAccount', 'automountServiceAccountToken', 'nodeName', 'hostNetwork', 'hostPID', 'hostIPC',
    'shareProcessNamespace', 'securityContext', 'imagePullSecrets', 'hostname', 'subdomain', 'affinity', 'schedulerName', 'tolerations', 'hostAliases',
    'priorityClassName', 'priority', 'dnsConfig', 'readinessGates', 'runtimeClassName', 'enableServiceLinks', 'preemptionPolicy', 'overhead',
    'topologySpreadConstraints', 'setHostnameAsFQDN', 'os', 'hostUsers', 'schedulingGates', 'resourceClaims', 'resources',
  ],
  {
    volumes: slice(volume),
    initContainers: slice(container),
    containers: slice(container),
    restartPolicy: { kind: 'string', name: 'v1.RestartPolicy' },
    serviceAccountName: string,
    serviceAccount: string,
    automountServiceAccountToken: bool,
  },
);

const labelSelector = struct('v1.LabelSelector', ['matchLabels', 'matchExpressions'], { matchLabels: stringMap });
const typeMeta = { apiVersion: string, kind: string };

function podTemplate(behaviour: VersionBehaviour): StructType {
  return struct('v1.PodTemplateSpec', ['metadata', 'spec'], { metadata: objectMeta(behaviour), spec: podSpec });
}

/** A kind with TypeMeta, ObjectMeta, the given spec and a status the server keeps for itself. */
function object(behaviour: VersionBehaviour, name: string, spec: StructType): StructType {
  return { kind: 'struct', name, fields: { ...typeMeta, metadata: objectMeta(behaviour), spec, status: raw } };
}

function jobSpec(behaviour: VersionBehaviour): StructType {
  return struct(
    'v1.JobSpec',
    [
      'parallelism', 'completions', 'activeDeadlineSeconds', 'podFailurePolicy', 'successPolicy', 'backoffLimit', 'backoffLimitPerIndex', 'maxFailedIndexes',
      'selector', 'manualSelector', 'template', 'ttlSecondsAfterFinished', 'completionMode', 'suspend', 'podReplacementPolicy', 'managedBy',
    ],
    { selector: labelSelector, template: podTemplate(behaviour) },
  );
}

export type WorkloadKind = 'Pod' | 'Secret' | 'Deployment' | 'StatefulSet' | 'DaemonSet' | 'ReplicaSet' | 'Job' | 'CronJob';

/** The Go type a body of the kind decodes into; every kind's version is v1, so Go names its package v1. */
export function workloadType(kind: WorkloadKind, behaviour: VersionBehaviour): StructType {
  const template = podTemplate(behaviour);
  const controller = (name: string, fields: readonly string[]) => object(behaviour, `v1.${name}`, struct(`v1.${name}Spec`, fields, { selector: labelSelector, template }));
  switch (kind) {
    case 'Pod':
      return object(behaviour, 'v1.Pod', podSpec);
    case 'Secret':
      return {
        kind: 'struct',
        name: 'v1.Secret',
        fields: { ...typeMeta, metadata: objectMeta(behaviour), immutable: bool, data: raw, stringData: stringMap, type: { kind: 'string', name: 'v1.SecretType' } },
      };
    case 'Deployment':
      return controller('Deployment', ['replicas', 'selector', 'template', 'strategy', 'minReadySeconds', 'revisionHistoryLimit', 'paused', 'progressDeadlineSeconds']);
    case 'StatefulSet':
      return controller('StatefulSet', [
        'replicas', 'selector', 'template', 'volumeClaimTemplates', 'serviceName', 'podManagementPolicy', 'updateStrategy', 'revisionHistoryLimit',
        'minReadySeconds', 'persistentVolumeClaimRetentionPolicy', 'ordinals',
      ]);
    case 'DaemonSet':
      return controller('DaemonSet', ['selector', 'template', 'updateStrategy', 'minReadySeconds', 'revisionHistoryLimit']);
    case 'ReplicaSet':
      return controller('ReplicaSet', ['replicas', 'minReadySeconds', 'selector', 'template']);
    case 'Job':
      return object(behaviour, 'v1.Job', jobSpec(behaviour));
    case 'CronJob':
      return object(
        behaviour,
        'v1.CronJob',
        struct(
          'v1.CronJobSpec',
          ['schedule', 'timeZone', 'startingDeadlineSeconds', 'concurrencyPolicy', 'suspend', 'jobTemplate', 'successfulJobsHistoryLimit', 'failedJobsHistoryLimit'],
          { schedule: string, jobTemplate: struct('v1.JobTemplateSpec', ['metadata', 'spec'], { metadata: objectMeta(behaviour), spec: jobSpec(behaviour) }) },
        ),
      );
  }
}

export const workloadKindNames: readonly WorkloadKind[] = ['Pod', 'Secret', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'CronJob'];
