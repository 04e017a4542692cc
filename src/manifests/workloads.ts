// Objects that hold ServiceAccount tokens other than TokenRequests: the workloads whose Pods get
// projected tokens (a Pod, or the Pod template of a controller) and Secrets of the legacy token type.
// Recognised by kind and API group, read into the parts the rules need, each with the field path the
// server's messages use (`spec.template.spec.volumes[0].projected.sources[1].serviceAccountToken`).
import { entryOf, mapOf, stringOf, type Decoded, type DecodedEntry, type DecodedMap, type DecodedScalar } from './decode';
import { objectsOf, type KindedObject } from './documents';
import { nearMiss } from './nearMiss';

export type WorkloadKind = 'Pod' | 'Deployment' | 'StatefulSet' | 'DaemonSet' | 'ReplicaSet' | 'Job' | 'CronJob';
export type HolderKind = WorkloadKind | 'Secret';

const template = ['spec', 'template', 'spec'];

/** The API groups each kind is served in (any version), and where its Pod spec is. */
const holderKinds: Readonly<Record<HolderKind, { readonly groups: readonly string[]; readonly podSpec?: readonly string[] }>> = {
  Pod: { groups: [''], podSpec: ['spec'] },
  Deployment: { groups: ['apps', 'extensions'], podSpec: template },
  StatefulSet: { groups: ['apps'], podSpec: template },
  DaemonSet: { groups: ['apps', 'extensions'], podSpec: template },
  ReplicaSet: { groups: ['apps', 'extensions'], podSpec: template },
  Job: { groups: ['batch'], podSpec: template },
  CronJob: { groups: ['batch'], podSpec: ['spec', 'jobTemplate', 'spec', 'template', 'spec'] },
  Secret: { groups: [''] },
};

/** The keys of a projected volume's source (core/v1 VolumeProjection): each source is one of them. */
export const projectionKeys = ['secret', 'downwardAPI', 'configMap', 'serviceAccountToken', 'clusterTrustBundle', 'podCertificate'];

export const legacyTokenType = 'kubernetes.io/service-account-token';

export interface HolderObject extends KindedObject {
  kind: HolderKind;
}

export const isHolderKind = (kind: string): kind is HolderKind => Object.hasOwn(holderKinds, kind);

function holderObject(value: Decoded | undefined): HolderObject | undefined {
  const map = mapOf(value);
  const kindEntry = entryOf(map, 'kind');
  const kind = stringOf(kindEntry?.value);
  const apiVersionEntry = entryOf(map, 'apiVersion');
  const apiVersion = stringOf(apiVersionEntry?.value);
  if (!map || !kindEntry || kind === undefined || !isHolderKind(kind) || apiVersion === undefined) {
    return undefined;
  }
  const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
  return holderKinds[kind].groups.includes(group) ? { kind, map, kindEntry, kindText: kind, apiVersionEntry } : undefined;
}

/** The workloads and Secrets of one decoded document: its root, or the items of a `kind: List`. */
export function holderObjects(root: Decoded | undefined): HolderObject[] {
  return objectsOf(root, holderObject);
}

/** A mapping in a list, where the server's messages name it `key[index]`. */
export interface ListedMap {
  readonly index: number;
  readonly map: DecodedMap;
  readonly path: string[];
}

function listedMaps(map: DecodedMap | undefined, key: string, path: string[]): ListedMap[] {
  const list = entryOf(map, key)?.value;
  if (list?.kind !== 'seq') {
    return [];
  }
  return list.items.flatMap((item, index) => (item?.kind === 'map' ? [{ index, map: item, path: [...path, `${key}[${index}]`] }] : []));
}

/** A scalar string entry's value, when written as one. */
export function stringEntry(map: DecodedMap | undefined, key: string): { entry: DecodedEntry; value: DecodedScalar; text: string } | undefined {
  const entry = entryOf(map, key);
  const text = stringOf(entry?.value);
  return entry && text !== undefined ? { entry, value: entry.value as DecodedScalar, text } : undefined;
}

export interface TokenSource extends ListedMap {
  /** The `serviceAccountToken` entry, and the path of its value. */
  readonly entry: DecodedEntry;
  readonly tokenPath: string[];
}

export interface Volume extends ListedMap {
  readonly name?: { readonly value: DecodedScalar; readonly text: string };
  /** `volumes[i].projected`, when it is a mapping. */
  readonly projected?: DecodedMap;
  readonly sources: readonly ListedMap[];
  readonly tokenSources: readonly TokenSource[];
}

export interface Container extends ListedMap {
  readonly mounts: readonly ListedMap[];
}

export interface PodSpec {
  readonly map: DecodedMap;
  /** `spec`, `spec.template.spec`, … */
  readonly path: string[];
  /**
   * Where the server's validation errors say the Pod spec is: its own path, except for a StatefulSet,
   * whose template the API server does not validate (kubernetes/kubernetes pkg/apis/apps/validation
   * ValidatePodTemplateSpecForStatefulSet): its controller's Pods are refused instead, at `spec`.
   */
  readonly validatedAt: string[];
  readonly volumes: readonly Volume[];
  /** Containers, then init containers: the ones that may mount volumes. */
  readonly containers: readonly Container[];
  /** The names mounts may use: the volumes', and a StatefulSet's volumeClaimTemplates'. */
  readonly volumeNames: readonly string[];
}

/** A field path below the Pod spec as the server's validation names it (`spec.template.spec.volumes[0]`, or `spec.volumes[0]` in a StatefulSet's Pods). */
export function validationPath(pod: PodSpec, path: readonly string[]): string {
  return [...pod.validatedAt, ...path.slice(pod.path.length)].join('.');
}

/** A source that holds a token: `serviceAccountToken`, or a key misspelt for it (which the rules report). */
export function tokenKeyOf(source: DecodedMap): DecodedEntry | undefined {
  return entryOf(source, 'serviceAccountToken') ?? source.entries.find((entry) => !projectionKeys.includes(entry.key) && nearMiss(entry.key, projectionKeys) === 'serviceAccountToken');
}

function volumeOf(listed: ListedMap): Volume {
  const name = stringEntry(listed.map, 'name');
  const projected = mapOf(entryOf(listed.map, 'projected')?.value);
  const sources = listedMaps(projected, 'sources', [...listed.path, 'projected']);
  const tokenSources = sources.flatMap((source) => {
    const entry = entryOf(source.map, 'serviceAccountToken');
    return entry ? [{ ...source, entry, tokenPath: [...source.path, 'serviceAccountToken'] }] : [];
  });
  return { ...listed, ...(name ? { name: { value: name.value, text: name.text } } : {}), ...(projected ? { projected } : {}), sources, tokenSources };
}

/** The Pod spec of a workload, read into its volumes and containers; undefined for a Secret or where none is written. */
export function podSpecOf(object: HolderObject): PodSpec | undefined {
  const location = holderKinds[object.kind].podSpec;
  let map: DecodedMap | undefined = object.map;
  for (const key of location ?? []) {
    map = mapOf(entryOf(map, key)?.value);
  }
  if (!location || !map) {
    return undefined;
  }
  const path = [...location];
  const containers = [...listedMaps(map, 'containers', path), ...listedMaps(map, 'initContainers', path)].map((container) => ({ ...container, mounts: listedMaps(container.map, 'volumeMounts', container.path) }));
  const volumes = listedMaps(map, 'volumes', path).map(volumeOf);
  const claims = listedMaps(mapOf(entryOf(object.map, 'spec')?.value), 'volumeClaimTemplates', ['spec']).flatMap((claim) => stringEntry(mapOf(entryOf(claim.map, 'metadata')?.value), 'name')?.text ?? []);
  const statefulSet = object.kind === 'StatefulSet';
  return {
    map,
    path,
    validatedAt: statefulSet ? ['spec'] : path,
    volumes,
    containers,
    volumeNames: [...volumes.flatMap((volume) => (volume.name ? [volume.name.text] : [])), ...(statefulSet ? claims : [])],
  };
}

/** Whether the validator has something to say about the object: a Pod spec with a projected token source, or a legacy token Secret. */
export function holdsTokens(object: HolderObject): boolean {
  if (object.kind === 'Secret') {
    return stringOf(entryOf(object.map, 'type')?.value) === legacyTokenType;
  }
  return podSpecOf(object)?.volumes.some((volume) => volume.sources.some((source) => tokenKeyOf(source.map) !== undefined)) ?? false;
}
