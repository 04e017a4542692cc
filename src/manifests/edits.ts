// Text edits for quick fixes. They touch only the characters that must change, so comments, key
// order and indentation elsewhere stay as the user wrote them. Offsets are relative to the text given.
import { isAlias, isMap, isScalar, isSeq, parse, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import type { TextEdit } from './findings';
import { kubectlReading } from './yaml11';

export function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** The offset just past the newline ending the line that holds `offset` (or the end of the text). */
export function nextLineStart(text: string, offset: number): number {
  const newline = text.indexOf('\n', offset);
  return newline < 0 ? text.length : newline + 1;
}

/** The indentation column of an offset; a byte order mark before the first line takes none. */
export function column(text: string, offset: number): number {
  const start = lineStart(text, offset);
  return offset - start - (start === 0 && text.startsWith('\uFEFF') && offset > 0 ? 1 : 0);
}

/** The indentation unit of some YAML: how far a block mapping is indented under its key, 2 if no key opens one. */
export function indentStep(text: string): number {
  let step = 0;
  let opener: number | undefined;
  for (const line of text.split(/\r?\n/)) {
    const content = /^( *)((?:- +)*)([^ #].*)?$/.exec(line);
    if (!content?.[3]) {
      continue;
    }
    const indent = content[1].length;
    if (opener !== undefined && indent > opener && (step === 0 || indent - opener < step)) {
      step = indent - opener;
    }
    // A key with nothing after it but a comment opens a block below.
    opener = /^[\w./-]+ *:( +#.*)? *$/.test(content[3]) ? indent + content[2].length : undefined;
  }
  return step || 2;
}

/** Where a node's content ends, without the trailing comments and blank lines that yaml counts in. */
export function contentEnd(node: Node): number {
  if ((isMap(node) || isSeq(node)) && !node.flow && node.items.length > 0) {
    const last = node.items[node.items.length - 1] as Node | Pair;
    if (isMap(node)) {
      const pair = last as Pair<Node, Node | null>;
      return pair.value ? Math.max(contentEnd(pair.value), pair.key.range![1]) : pair.key.range![1];
    }
    return contentEnd(last as Node);
  }
  return node.range![1];
}

function pairEnd(pair: Pair<Node, Node | null>): number {
  return pair.value ? Math.max(contentEnd(pair.value), pair.key.range![1]) : pair.key.range![1];
}

/** A string as a YAML scalar: plain where both YAML 1.2 and kubectl (YAML 1.1) read it back as that string, else double-quoted. */
export function scalarText(value: string, flow = false): string {
  const kubectl = kubectlReading(value, true);
  const plain = /^[A-Za-z0-9_./][A-Za-z0-9_./:@-]*$/.test(value) && !value.endsWith(':') && parse(value) === value && 'value' in kubectl && kubectl.value === value;
  return plain && !(flow && value.includes(',')) ? value : JSON.stringify(value);
}

export function replaceNode(node: Node, newText: string): TextEdit {
  return { start: node.range![0], end: node.range![1], newText };
}

/**
 * The tag and anchor written before `node` (`!!str` and `&a` in `key: &a !!str 600`), read back over
 * the comments and line breaks between them; `tagName` resolves a tag as the document does, so only
 * the node's own tag is taken for one.
 */
function propertiesBefore(text: string, node: Node, tagName: (source: string) => string | null): { start: number; end: number; tag: boolean }[] {
  const found: { start: number; end: number; tag: boolean }[] = [];
  if (node.tag === undefined && node.anchor === undefined) {
    return found;
  }
  let lineEnd = node.range![0];
  for (let lines = 0; lines < 8 && found.length < 2; lines += 1) {
    // At most 1,000 characters back on a line, so a list of thousands of items on one line costs no more per item.
    let lineBegin = lineEnd;
    while (lineBegin > 0 && text[lineBegin - 1] !== '\n' && lineEnd - lineBegin < 1_000) {
      lineBegin -= 1;
    }
    const cut = lineBegin > 0 && text[lineBegin - 1] !== '\n';
    // Lines above the node's own may end in a comment, found only on the whole line; the node's own line has none before it.
    const own = lineEnd === node.range![0];
    if (cut && !own) {
      return found;
    }
    const raw = text.slice(lineBegin, lineEnd);
    const segment = own ? raw : raw.replace(/(^|[ \t])#.*$/, '$1');
    let end = segment.length;
    while (found.length < 2) {
      while (end > 0 && ' \t\r'.includes(segment[end - 1])) {
        end -= 1;
      }
      if (end === 0) {
        break;
      }
      let start = end;
      while (start > 0 && !' \t\r,[]{}'.includes(segment[start - 1])) {
        start -= 1;
      }
      const word = segment.slice(start, end);
      const tag = node.tag !== undefined && word.startsWith('!') && tagName(word) === node.tag;
      if (!tag && word !== `&${node.anchor}`) {
        return found;
      }
      found.push({ start: lineBegin + start, end: lineBegin + end, tag });
      end = start;
    }
    if (lineBegin === 0 || end > 0 || cut) {
      return found;
    }
    lineEnd = lineBegin - 1;
  }
  return found;
}

/** Where a node starts with its tag and anchor. */
function startWithProperties(text: string, node: Node, tagName: (source: string) => string | null): number {
  return Math.min(node.range![0], ...propertiesBefore(text, node, tagName).map((property) => property.start));
}

/** Replaces a scalar and drops its explicit tag, which would otherwise keep its old type (`!!str 600`); its anchor stays. */
export function replaceScalar(text: string, node: Node, newText: string, tagName: (source: string) => string | null): TextEdit[] {
  const tag = node.tag ? propertiesBefore(text, node, tagName).find((property) => property.tag) : undefined;
  // A value may sit right after its key's colon (a lone CR between counts as text), and an empty one
  // right after its anchor or before a comment: keep spaces around the new one.
  const [start, end] = node.range!;
  const before = !' \t\r\n[{,'.includes(text[start - 1] ?? ' ') || (text[start] === '\r' && text[start - 1] === ':') ? ' ' : '';
  const after = start === end && !' \t\r\n,]}'.includes(text[end] ?? ' ') ? ' ' : '';
  const spaced = `${before}${newText}${after}`;
  if (!tag) {
    return [{ start, end, newText: spaced }];
  }
  let past = tag.end;
  while (text[past] === ' ' || text[past] === '\t') {
    past += 1;
  }
  return past >= start ? [{ start: tag.start, end, newText: `${newText}${after}` }] : [{ start: tag.start, end: past, newText: '' }, { start, end, newText: spaced }];
}

/** Removes a key and its value: whole lines in block style, the entry and one comma in flow style. */
export function removePair(text: string, map: YAMLMap, index: number): TextEdit {
  const pairs = map.items as Pair<Node, Node | null>[];
  const pair = pairs[index];
  const start = pair.key.range![0];
  const end = pairEnd(pair);
  const next = pairs[index + 1];
  if (map.flow) {
    if (next) {
      return { start, end: next.key.range![0], newText: '' };
    }
    return index > 0 ? { start: pairEnd(pairs[index - 1]), end, newText: '' } : { start, end, newText: '' };
  }
  const from = lineStart(text, start);
  // The key starts its line, perhaps after the `?` of an explicit key or its own tag and anchor.
  if (/^[ \t]*(\?[ \t]+)?([!&][^\s]*[ \t]+)*$/.test(text.slice(from, start))) {
    return { start: from, end: nextLineStart(text, end - 1), newText: '' };
  }
  // The key shares its line with a "- " that opens a list item: keep the dash for the next key.
  return next ? { start, end: next.key.range![0], newText: '' } : { start, end: nextLineStart(text, end - 1) - (text[end - 1] === '\n' ? 1 : 0), newText: '' };
}

/** Removes an item of a list: its `- ` line in block style, the item and one comma in flow style; undefined where the line holds more. */
export function removeItem(text: string, seq: YAMLSeq, index: number, tagName: (source: string) => string | null): TextEdit | undefined {
  const items = seq.items as Node[];
  const start = startWithProperties(text, items[index], tagName);
  const end = contentEnd(items[index]);
  if (seq.flow) {
    const next = items[index + 1];
    if (next) {
      return { start, end: startWithProperties(text, next, tagName), newText: '' };
    }
    return index > 0 ? { start: contentEnd(items[index - 1]), end, newText: '' } : { start, end, newText: '' };
  }
  const from = lineStart(text, start);
  return text.slice(from, start).trim() === '-' ? { start: from, end: nextLineStart(text, end - 1), newText: '' } : undefined;
}

type Value = string | readonly string[] | { readonly [key: string]: Value };

function renderFlow(value: Value): string {
  if (typeof value === 'string') {
    return scalarText(value, true);
  }
  if (Array.isArray(value)) {
    return `[${value.map((item: string) => scalarText(item, true)).join(', ')}]`;
  }
  return `{${Object.entries(value as Record<string, Value>).map(([key, item]) => `${key}: ${renderFlow(item)}`).join(', ')}}`;
}

/** `key: value` as block lines at `indent`, each ending in a newline. */
function renderBlock(key: string, value: Value, indent: number, step: number): string {
  const pad = ' '.repeat(indent);
  if (typeof value === 'string') {
    return `${pad}${key}: ${scalarText(value)}\n`;
  }
  if (Array.isArray(value)) {
    return `${pad}${key}:\n${value.map((item: string) => `${pad}${' '.repeat(step)}- ${scalarText(item)}\n`).join('')}`;
  }
  return `${pad}${key}:\n${Object.entries(value as Record<string, Value>).map(([child, item]) => renderBlock(child, item, indent + step, step)).join('')}`;
}

/** Where a block mapping key's line starts to hold it: past indentation and list dashes, before the key's tag and anchor. */
export function keyLineStart(text: string, key: Node): number {
  const start = lineStart(text, key.range![0]);
  return start + /^\uFEFF?[ \t]*(?:-[ \t]+)*/.exec(text.slice(start, key.range![0]))![0].length;
}

/** Adds `key: value` as the last entry of a mapping, in the mapping's style. */
export function addPair(text: string, step: number, map: YAMLMap, key: string, value: Value): TextEdit {
  const pairs = map.items as Pair<Node, Node | null>[];
  if (map.flow) {
    const entry = `${key}: ${renderFlow(value)}`;
    return pairs.length > 0 ? { start: pairEnd(pairs[pairs.length - 1]), end: pairEnd(pairs[pairs.length - 1]), newText: `, ${entry}` } : { start: map.range![0] + 1, end: map.range![0] + 1, newText: entry };
  }
  const at = nextLineStart(text, pairEnd(pairs[pairs.length - 1]) - 1);
  const lead = text[at - 1] === '\n' ? '' : '\n';
  return { start: at, end: at, newText: lead + renderBlock(key, value, column(text, keyLineStart(text, pairs[0].key)), step) };
}

/**
 * Gives a key without a mapping (`spec:`, `spec: ~`) a mapping holding `key: value`, on the lines
 * below it; a written null (and its tag) goes, since a scalar cannot be followed by a mapping.
 */
export function fillEmptyPair(text: string, step: number, pair: Pair<Node, Node | null>, key: string, value: Value, tagName: (source: string) => string | null): TextEdit[] {
  const keyStart = pair.key.range![0];
  const written = pair.value?.range && pair.value.range[1] > pair.value.range[0] ? replaceScalar(text, pair.value, '', tagName) : [];
  // Below the key's line, or below the line of a value's own anchor or tag (`spec:\n  &s`).
  const at = nextLineStart(text, written.length > 0 ? pair.value!.range![1] - 1 : Math.max(pair.key.range![1], pair.value?.range?.[0] ?? 0));
  const lead = text[at - 1] === '\n' ? '' : '\n';
  return [...written, { start: at, end: at, newText: lead + renderBlock(key, value, column(text, keyStart) + step, step) }];
}

/** Replaces the value of a pair with a list: a block list below the key, or `[…]` in flow style. */
export function listValue(text: string, step: number, map: YAMLMap, pair: Pair<Node, Node | null>, items: readonly string[]): TextEdit[] {
  const value = pair.value!;
  if (map.flow || isAlias(value) || (isSeq(value) && value.flow) || (isMap(value) && value.flow)) {
    return [replaceNode(value, renderFlow(items))];
  }
  const indent = column(text, pair.key.range![0]) + step;
  const lines = items.map((item) => `\n${' '.repeat(indent)}- ${scalarText(item)}`).join('');
  if (value.range![0] === value.range![1]) {
    // No value written (`audiences:`): add the lines after any comment on the key's line.
    const lineEnd = nextLineStart(text, pair.key.range![1]);
    const at = text[lineEnd - 1] === '\n' ? lineEnd - 1 : lineEnd;
    return [{ start: at, end: at, newText: lines }];
  }
  const colon = text.indexOf(':', pair.key.range![1]) + 1;
  return [{ start: colon, end: value.range![1], newText: lines }];
}

/** Where the value after a colon starts, its tag and anchor included: past spaces, line breaks and comments. */
function valueStart(text: string, colon: number, limit: number): number {
  let at = colon;
  while (at < limit) {
    if (text[at] === '#' && (at === colon || ' \t'.includes(text[at - 1]))) {
      at = nextLineStart(text, at);
    } else if (' \t\r\n'.includes(text[at])) {
      at += 1;
    } else {
      return at;
    }
  }
  return limit;
}

/** Wraps a scalar in a list, keeping its text (quotes, tag and anchor included) and any comment around it. */
export function wrapInList(text: string, step: number, map: YAMLMap, pair: Pair<Node, Node | null>): TextEdit[] {
  const value = pair.value!;
  if (map.flow || !isScalar(value)) {
    return [
      { start: value.range![0], end: value.range![0], newText: '[' },
      { start: value.range![1], end: value.range![1], newText: ']' },
    ];
  }
  const indent = column(text, pair.key.range![0]) + step;
  const colon = text.indexOf(':', pair.key.range![1]) + 1;
  const first = valueStart(text, colon, value.range![0]);
  let from = first;
  while (from > colon && ' \t\r\n'.includes(text[from - 1])) {
    from -= 1;
  }
  return [{ start: from, end: first, newText: `\n${' '.repeat(indent)}- ` }];
}
