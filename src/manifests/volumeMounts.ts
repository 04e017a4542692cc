// Which containers mount which volumes of a Pod spec that holds a projected token. A mount must name
// a volume of the Pod (kubernetes/kubernetes pkg/apis/core/validation/validation.go
// ValidateVolumeMounts: `…volumeMounts[0].name: Not found: "tok"`); a token volume no container mounts
// is still written and rotated by the kubelet, for no process to read.
import { isMap, isSeq, type Pair, type Node, type YAMLMap } from 'yaml';
import type { ObjectChecks } from './checks';
import { entryOf } from './decode';
import { column, contentEnd, keyLineStart, nextLineStart, scalarText } from './edits';
import type { Fix, TextEdit } from './findings';
import { nearMiss } from './nearMiss';
import { quoted } from './quote';
import { stringEntry, validationPath, type Container, type HolderObject, type PodSpec, type Volume } from './workloads';
import * as l10n from '../text/l10n';

type Checks = ObjectChecks<HolderObject>;

/** Where the fix mounts an unmounted token volume; the providers' own paths are in the snippets. */
export const tokenMountPath = '/var/run/secrets/tokens';

/** A mount written as YAML block lines, `- ` at `indent`. */
function mountLines(volume: string, indent: number): string {
  const pad = ' '.repeat(indent);
  return `${pad}- name: ${scalarText(volume)}\n${pad}  mountPath: ${tokenMountPath}\n${pad}  readOnly: true\n`;
}

/** The edit that adds a mount of `volume` to a container written in block style, or undefined where its shape is unusual. */
function addMount(checks: Checks, container: Container, volume: string): TextEdit | undefined {
  const node = container.map.node;
  const mounts = entryOf(container.map, 'volumeMounts');
  if (node.flow || node.items.length === 0 || checks.shared(node)) {
    return undefined;
  }
  if (!mounts) {
    const pairs = node.items as Pair<Node, Node | null>[];
    const last = pairs[pairs.length - 1];
    const at = nextLineStart(checks.text, (last.value ? contentEnd(last.value) : last.key.range![1]) - 1);
    const keyColumn = column(checks.text, keyLineStart(checks.text, pairs[0].key));
    const lead = checks.text[at - 1] === '\n' ? '' : '\n';
    return { start: at, end: at, newText: `${lead}${' '.repeat(keyColumn)}volumeMounts:\n${mountLines(volume, keyColumn + checks.step)}` };
  }
  const list = mounts.pair.value;
  if (!isSeq(list) || list.flow || list.items.length === 0 || mounts.owner !== node || !(list.items as Node[]).every((item) => isMap(item) && !(item as YAMLMap).flow)) {
    return undefined;
  }
  const at = nextLineStart(checks.text, contentEnd(list) - 1);
  const lead = checks.text[at - 1] === '\n' ? '' : '\n';
  return { start: at, end: at, newText: lead + mountLines(volume, column(checks.text, list.range![0])) };
}

function mountFix(checks: Checks, pod: PodSpec, volume: string): Fix[] {
  const container = pod.containers[0];
  const taken = container?.mounts.some((mount) => stringEntry(mount.map, 'mountPath')?.text === tokenMountPath);
  const edit = container && !taken ? addMount(checks, container, volume) : undefined;
  const name = stringEntry(container?.map, 'name')?.text;
  return edit ? [{ title: l10n.t('Mount it in container {0} at {1}', name === undefined ? container.path[container.path.length - 1] : quoted(name), tokenMountPath), edits: [edit] }] : [];
}

function unmountedVolume(checks: Checks, pod: PodSpec, volume: Volume & { name: NonNullable<Volume['name']> }): void {
  checks.report(
    'projected-token-unmounted',
    'warning',
    l10n.t('No container mounts volume {0}: the kubelet still requests its token and keeps it fresh, but no process can read it. Mount it in the container that needs the token, or remove the volume.', quoted(volume.name.text)),
    volume.name.value.at,
    mountFix(checks, pod, volume.name.text),
  );
}

/** Mounts and volumes reported per Pod spec: a mount looks for the closest of every volume name, a volume for its container. */
const maxReported = 20;

/** Every container's mounts name a volume of the Pod spec, and every token volume is mounted by one. */
export function checkMounts(checks: Checks, pod: PodSpec): void {
  const names = pod.volumeNames;
  const known = new Set(names);
  const mounted = new Set<string>();
  let unknown = 0;
  for (const mount of pod.containers.flatMap((container) => container.mounts)) {
    const name = stringEntry(mount.map, 'name');
    if (!name) {
      continue;
    }
    mounted.add(name.text);
    if (known.has(name.text) || ++unknown > maxReported) {
      continue;
    }
    const near = nearMiss(name.text, names);
    const candidates = [...(near ? [near] : []), ...names.filter((candidate) => candidate !== near)].slice(0, 3);
    checks.report(
      'volume-mount-unknown',
      'error',
      checks.object.kind === 'StatefulSet'
        ? l10n.t("{0}.name: Not found: {1}. No volume of this Pod spec has that name, so the server refuses the StatefulSet's Pods.", validationPath(pod, mount.path), quoted(name.text))
        : l10n.t('{0}.name: Not found: {1}. No volume of this Pod spec has that name, so the server refuses the {2}.', validationPath(pod, mount.path), quoted(name.text), checks.object.kind),
      name.value.at,
      candidates.flatMap((candidate) => checks.change(l10n.t('Change to {0}', quoted(candidate)), name.value, scalarText(candidate))),
    );
  }
  const unmounted = pod.volumes.filter((volume): volume is Volume & { name: NonNullable<Volume['name']> } => volume.tokenSources.length > 0 && volume.name !== undefined && !mounted.has(volume.name.text));
  unmounted.slice(0, maxReported).forEach((volume) => unmountedVolume(checks, pod, volume));
}
