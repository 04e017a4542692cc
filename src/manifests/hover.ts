import { isMap, isSeq, type Node, type Pair, type YAMLMap } from 'yaml';
import { documentStarts, keyName, parseDocuments, tokenObjects } from './documents';
import { kindFields, type Field } from './fields';

const contains = (node: Node | null | undefined, offset: number) => !!node?.range && node.range[0] <= offset && offset <= node.range[1];

/** The known key under `offset` inside `map` (described by `field`), searching nested mappings and lists. */
function findKey(map: YAMLMap, field: Field, path: string[], offset: number): { field: Field; path: string[]; key: Node } | undefined {
  for (const item of map.items as Pair<Node, Node | null>[]) {
    const name = keyName(item);
    const child = name === undefined ? undefined : field.type === 'object' ? field.fields?.[name] : undefined;
    if (!child || name === undefined) {
      continue;
    }
    if (contains(item.key, offset)) {
      return { field: child, path: [...path, name], key: item.key };
    }
    if (!contains(item.value, offset)) {
      continue;
    }
    if (isMap(item.value)) {
      return findKey(item.value, child, [...path, name], offset);
    }
    if (isSeq(item.value) && child.items) {
      const entry = (item.value.items as Node[]).find((element) => contains(element, offset));
      return isMap(entry) ? findKey(entry, child.items, [...path, name], offset) : undefined;
    }
  }
  return undefined;
}

/** The API reference's description of the TokenRequest/TokenReview field whose key is under `offset`. */
export function hoverAt(text: string, offset: number): { markdown: string; start: number; end: number } | undefined {
  const starts = documentStarts(text);
  const partStart = starts.filter((start) => start <= offset).pop()!;
  const next = starts.find((start) => start > offset) ?? text.length;
  const local = offset - partStart;
  for (const document of parseDocuments(text.slice(partStart, next))) {
    for (const object of tokenObjects(document)) {
      if (!contains(object.map, local)) {
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
