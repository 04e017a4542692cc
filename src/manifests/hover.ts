import type { Node } from 'yaml';
import { DocumentDecoder, entryOf, mapOf, stringOf, type DecodedMap } from './decode';
import { documentStarts, parseDocuments, tokenObjects } from './documents';
import { kindFields, serviceAccountTokenProjection, type Field } from './fields';
import { holderObjects, podSpecOf, stringEntry, type HolderObject } from './workloads';
import { audienceMeaning } from '../audiences/wellKnownAudiences';
import { code } from '../jwt/markdown';
import * as l10n from '../text/l10n';

/** What a hover shows, and where; `serviceAccount` when it names the ServiceAccount Pods run as, for the editor to link to it. */
export interface ManifestHover {
  markdown: string;
  start: number;
  end: number;
  serviceAccount?: { readonly name: string; readonly namespace?: string };
}

const contains = (node: Node | null | undefined, offset: number) => !!node?.range && node.range[0] <= offset && offset <= node.range[1];

/** The known key under `offset` inside `map` (described by `field`), searching nested mappings and lists. */
function findKey(map: DecodedMap, field: Field, path: string[], offset: number): { field: Field; path: string[]; key: Node; map: DecodedMap } | undefined {
  for (const entry of map.entries) {
    const child = field.type === 'object' ? field.fields?.[entry.key] : undefined;
    if (!child) {
      continue;
    }
    if (contains(entry.keyNode, offset)) {
      return { field: child, path: [...path, entry.key], key: entry.keyNode, map };
    }
    const value = entry.value;
    if (!value || !contains(value.node, offset)) {
      continue;
    }
    if (value.kind === 'map') {
      return findKey(value, child, [...path, entry.key], offset);
    }
    if (value.kind === 'seq' && child.items) {
      const item = value.items.find((element) => contains(element?.node, offset));
      return item?.kind === 'map' ? findKey(item, child.items, [...path, entry.key], offset) : undefined;
    }
  }
  return undefined;
}

function fieldMarkdown(title: string, field: Field): string {
  const values = field.values ? `\n\n${l10n.t('Allowed values: {0}.', field.values.map((value) => `\`${value}\``).join(', '))}` : '';
  const type = field.required ? l10n.t('{0} (required)', `\`${field.goType}\``) : `\`${field.goType}\``;
  return `**${title}** ${type}\n\n${field.description()}${values}`;
}

/** What a written audience is for, when the table knows it. */
function audienceNote(map: DecodedMap): string {
  const audience = stringOf(entryOf(map, 'audience')?.value);
  const known = audience === undefined ? undefined : audienceMeaning(audience);
  return known ? `\n\n${code(audience!)}: ${known.name}. ${known.purpose}` : '';
}

/** The ServiceAccount a workload's Pods run as, and the field docs of its projected token sources. */
function workloadHover(object: HolderObject, offset: number): ManifestHover | undefined {
  const pod = podSpecOf(object);
  if (!pod) {
    return undefined;
  }
  const account = entryOf(pod.map, 'serviceAccountName');
  if (account && (contains(account.keyNode, offset) || contains(account.value?.node, offset))) {
    const name = stringOf(account.value);
    if (name === undefined || name === '') {
      return undefined;
    }
    const namespace = stringEntry(mapOf(entryOf(object.map, 'metadata')?.value), 'namespace')?.text || undefined;
    const runsAs =
      namespace === undefined
        ? l10n.t("The Pods of this {0} run as ServiceAccount {1} in the namespace the {0} is created in (kubectl: the context's namespace, else `default`): the kubelet requests their projected tokens for it.", object.kind, code(name))
        : l10n.t('The Pods of this {0} run as ServiceAccount {1} in namespace {2}: the kubelet requests their projected tokens for it. Its tokens carry the subject {3}.', object.kind, code(name), code(namespace), code(`system:serviceaccount:${namespace}:${name}`));
    const markdown = `**serviceAccountName** \`string\`\n\n${runsAs}`;
    const range = account.keyNode.range!;
    return { markdown, start: range[0], end: range[1], serviceAccount: { name, ...(namespace === undefined ? {} : { namespace }) } };
  }
  for (const source of pod.volumes.flatMap((volume) => volume.tokenSources)) {
    const map = mapOf(source.entry.value);
    const found = map && contains(map.node, offset) ? findKey(map, serviceAccountTokenProjection, [], offset) : undefined;
    if (found) {
      const note = found.path[0] === 'audience' ? audienceNote(found.map) : '';
      return { markdown: fieldMarkdown(`serviceAccountToken.${found.path.join('.')}`, found.field) + note, start: found.key.range![0], end: found.key.range![1] };
    }
  }
  return undefined;
}

/**
 * The API reference's description of the TokenRequest/TokenReview field, or the projected token
 * field, whose key is under `offset`; in a workload, the ServiceAccount its Pods run as.
 */
export function hoverAt(text: string, offset: number): ManifestHover | undefined {
  const starts = documentStarts(text);
  const partStart = starts.filter((start) => start <= offset).pop() ?? 0;
  const next = starts.find((start) => start > offset) ?? text.length;
  const local = offset - partStart;
  const shifted = (hover: ManifestHover | undefined) => hover && { ...hover, start: hover.start + partStart, end: hover.end + partStart };
  for (const document of parseDocuments(text.slice(partStart, next))) {
    const decoded = new DocumentDecoder(document, () => []).decode();
    for (const object of tokenObjects(decoded)) {
      if (!contains(object.map.node, local)) {
        continue;
      }
      const found = findKey(object.map, kindFields[object.kind], [], local);
      return found && shifted({ markdown: fieldMarkdown(`${object.kind}.${found.path.join('.')}`, found.field), start: found.key.range![0], end: found.key.range![1] });
    }
    for (const object of holderObjects(decoded)) {
      if (contains(object.map.node, local)) {
        return shifted(workloadHover(object, local));
      }
    }
  }
  return undefined;
}
