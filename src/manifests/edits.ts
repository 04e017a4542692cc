// Text edits for quick fixes. They touch only the characters that must change, so comments, key
// order and indentation elsewhere stay as the user wrote them. Offsets are relative to the text given.
import { isMap, isScalar, isSeq, parse, type Node, type Pair, type YAMLMap } from 'yaml';
import type { TextEdit } from './findings';

export function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** The offset just past the newline ending the line that holds `offset` (or the end of the text). */
function nextLineStart(text: string, offset: number): number {
  const newline = text.indexOf('\n', offset);
  return newline < 0 ? text.length : newline + 1;
}

export function column(text: string, offset: number): number {
  return offset - lineStart(text, offset);
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

/** A string as a YAML scalar: plain where that reads back as the same string, else double-quoted. */
export function scalarText(value: string, flow = false): string {
  const plain = /^[A-Za-z0-9_./][A-Za-z0-9_./:@-]*$/.test(value) && !value.endsWith(':') && parse(value) === value;
  return plain && !(flow && value.includes(',')) ? value : JSON.stringify(value);
}

export function replaceNode(node: Node, newText: string): TextEdit {
  return { start: node.range![0], end: node.range![1], newText };
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
  if (text.slice(from, start).trim() === '') {
    return { start: from, end: nextLineStart(text, end - 1), newText: '' };
  }
  // The key shares its line with a "- " that opens a list item: keep the dash for the next key.
  return next ? { start, end: next.key.range![0], newText: '' } : { start, end: nextLineStart(text, end - 1) - (text[end - 1] === '\n' ? 1 : 0), newText: '' };
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

/** Adds `key: value` as the last entry of a mapping, in the mapping's style. */
export function addPair(text: string, step: number, map: YAMLMap, key: string, value: Value): TextEdit {
  const pairs = map.items as Pair<Node, Node | null>[];
  if (map.flow) {
    const entry = `${key}: ${renderFlow(value)}`;
    return pairs.length > 0 ? { start: pairEnd(pairs[pairs.length - 1]), end: pairEnd(pairs[pairs.length - 1]), newText: `, ${entry}` } : { start: map.range![0] + 1, end: map.range![0] + 1, newText: entry };
  }
  const at = nextLineStart(text, pairEnd(pairs[pairs.length - 1]) - 1);
  const lead = text[at - 1] === '\n' ? '' : '\n';
  return { start: at, end: at, newText: lead + renderBlock(key, value, column(text, pairs[0].key.range![0]), step) };
}

/** Gives a key that has no value (`spec:`) a mapping holding `key: value`, on the lines below it. */
export function fillEmptyPair(text: string, step: number, pair: Pair<Node, Node | null>, key: string, value: Value): TextEdit {
  const keyStart = pair.key.range![0];
  const at = nextLineStart(text, pair.key.range![1]);
  const lead = text[at - 1] === '\n' ? '' : '\n';
  return { start: at, end: at, newText: lead + renderBlock(key, value, column(text, keyStart) + step, step) };
}

/** Replaces the value of a pair with a list: a block list below the key, or `[…]` in flow style. */
export function listValue(text: string, step: number, map: YAMLMap, pair: Pair<Node, Node | null>, items: readonly string[]): TextEdit[] {
  const value = pair.value!;
  if (map.flow || (isSeq(value) && value.flow) || (isMap(value) && value.flow)) {
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

/** Wraps a scalar in a list, keeping its text (quotes included) and any comment after it. */
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
  return [{ start: colon, end: value.range![0], newText: `\n${' '.repeat(indent)}- ` }];
}
