import type { Node } from 'yaml';
import { DocumentDecoder, type DecodedMap } from './decode';
import { documentStarts, parseDocuments, tokenObjects } from './documents';
import { kindFields, type Field } from './fields';

const contains = (node: Node | null | undefined, offset: number) => !!node?.range && node.range[0] <= offset && offset <= node.range[1];

/** The known key under `offset` inside `map` (described by `field`), searching nested mappings and lists. */
function findKey(map: DecodedMap, field: Field, path: string[], offset: number): { field: Field; path: string[]; key: Node } | undefined {
  for (const entry of map.entries) {
    const child = field.type === 'object' ? field.fields?.[entry.key] : undefined;
    if (!child) {
      continue;
    }
    if (contains(entry.keyNode, offset)) {
      return { field: child, path: [...path, entry.key], key: entry.keyNode };
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

/** The API reference's description of the TokenRequest/TokenReview field whose key is under `offset`. */
export function hoverAt(text: string, offset: number): { markdown: string; start: number; end: number } | undefined {
  const starts = documentStarts(text);
  const partStart = starts.filter((start) => start <= offset).pop() ?? 0;
  const next = starts.find((start) => start > offset) ?? text.length;
  const local = offset - partStart;
  for (const document of parseDocuments(text.slice(partStart, next))) {
    for (const object of tokenObjects(new DocumentDecoder(document, () => []).decode())) {
      if (!contains(object.map.node, local)) {
        continue;
      }
      const found = findKey(object.map, kindFields[object.kind], [], local);
      if (!found) {
        return undefined;
      }
      const { field, path, key } = found;
      const values = field.values ? `\n\nAllowed values: ${field.values.map((value) => `\`${value}\``).join(', ')}.` : '';
      const markdown = `**${object.kind}.${path.join('.')}** \`${field.goType}\`${field.required ? ' (required)' : ''}\n\n${field.description}${values}`;
      return { markdown, start: key.range![0] + partStart, end: key.range![1] + partStart };
    }
  }
  return undefined;
}
