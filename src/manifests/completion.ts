// Completion of keys and allowed values. It reads the lines' indentation rather than a YAML tree,
// because the line being typed (`  aud`) is rarely valid YAML yet.
import { documentStarts } from './documents';
import { indentStep } from './edits';
import { apiGroup, kindFields, tokenKinds, type Field, type TokenKind } from './fields';

export interface Completion {
  label: string;
  kind: 'field' | 'value';
  /**
   * Plain text. Lines after the first are indented relative to the indentation of the line being
   * edited, as editors do when they adjust a multi-line insertion to the current line.
   */
  insertText: string;
  detail?: string;
  documentation: string;
  /** The range to replace: the word or value being typed. */
  start: number;
  end: number;
}

interface Line {
  start: number;
  /** Spaces before the first character. */
  indent: number;
  /** Column of the last `- ` on the line, if it opens list items. */
  dash?: number;
  /** Column where the key or value starts, after indentation and dashes. */
  content: number;
  key?: string;
  /** The value after `key:`, comment removed; empty when the value is on the lines below. */
  value: string;
  blank: boolean;
}

function readLine(text: string, start: number, end: number): Line {
  const raw = text.slice(start, end).replace(/\r$/, '');
  // The s flag: a lone CR or a line separator inside the line must not make the match fail.
  const [, spaces, dashes, rest] = /^( *)((?:-[ \t]+|-$)*)(.*)$/s.exec(raw)!;
  const entry = /^([\w./-]+|"[^"]*"|'[^']*')[ \t]*:(?:[ \t]+(.*))?$/.exec(rest);
  const value = (entry?.[2] ?? '').replace(/(^|\s)#.*$/, '').trim();
  const lastDash = dashes ? spaces.length + dashes.trimEnd().lastIndexOf('-') : undefined;
  return {
    start,
    indent: spaces.length,
    dash: lastDash,
    content: spaces.length + dashes.length,
    key: entry?.[1].replace(/^["']|["']$/g, ''),
    value,
    blank: (rest.trim() === '' || rest.trimStart().startsWith('#')) && !dashes,
  };
}

/** Keys written in the mapping whose keys sit at `column`, from `first` until the block ends. */
function mappingKeys(lines: Line[], first: number, column: number): Map<string, string> {
  const keys = new Map<string, string>();
  for (let index = first; index < lines.length; index += 1) {
    const line = lines[index];
    if (line.blank) {
      continue;
    }
    if (index > first && (line.content < column || (line.dash !== undefined && line.dash < column))) {
      break;
    }
    if (line.content === column && line.key !== undefined) {
      keys.set(line.key, line.value);
    }
  }
  return keys;
}

/** The TokenRequest/TokenReview of a mapping (kind in any case), 'other' for any other object, undefined while neither is written. */
function kindOf(keys: Map<string, string>): TokenKind | 'other' | undefined {
  const apiVersion = keys.get('apiVersion');
  const written = keys.get('kind');
  const kind = tokenKinds.find((candidate) => candidate.toLowerCase() === written?.toLowerCase());
  if ((apiVersion && !apiVersion.toLowerCase().startsWith(`${apiGroup}/`)) || (written && !kind)) {
    return 'other';
  }
  return kind;
}

const boundKindDocs: Record<string, string> = {
  Pod: 'The token stops working when the Pod is deleted. The Pod must run as this ServiceAccount.',
  Secret: 'The token stops working when the Secret is deleted.',
  Node: 'The token stops working when the Node is deleted. Needs Kubernetes 1.31 or later.',
};

function fieldItems(fields: Readonly<Record<string, Field>>, present: Map<string, string>, relativeIndent: number, step: number): Omit<Completion, 'start' | 'end'>[] {
  const below = ' '.repeat(relativeIndent + step);
  return Object.entries(fields)
    .filter(([name]) => !present.has(name))
    .map(([name, field]) => ({
      label: name,
      kind: 'field' as const,
      insertText: field.type === 'object' || field.type === 'map' ? `${name}:\n${below}` : field.type === 'list' ? `${name}:\n${below}- ` : `${name}: `,
      detail: `${field.goType}${field.required ? ', required' : ''}`,
      documentation: field.description,
    }));
}

function valueItems(field: Field): Omit<Completion, 'start' | 'end'>[] {
  const values = field.values ?? (field.type === 'boolean' ? ['true', 'false'] : []);
  return values.map((value) => ({ label: value, kind: 'value' as const, insertText: value, documentation: boundKindDocs[value] ?? field.description }));
}

/** Keys (not yet in the mapping) and allowed values at `offset` in a TokenRequest or TokenReview. */
/** The lines of the `---` document around `offset`, and which of them holds the cursor (-1: none). */
function linesAround(text: string, offset: number): { lines: Line[]; cursorLine: number; partStart: number } {
  const starts = documentStarts(text);
  const partStart = starts.filter((start) => start <= offset).pop() ?? 0;
  // The part ends where the next document starts (a `----` line does not start one).
  const partEnd = starts.find((start) => start > partStart) ?? text.length + 1;
  const lines: Line[] = [];
  let cursorLine = -1;
  for (let start = partStart; start <= text.length && start < partEnd; ) {
    const newline = text.indexOf('\n', start);
    const end = newline < 0 ? text.length : newline;
    if (start <= offset && offset <= end) {
      cursorLine = lines.length;
    }
    lines.push(readLine(text, start, start === partStart && text.startsWith('---', start) ? start : end));
    if (newline < 0) {
      break;
    }
    start = newline + 1;
  }
  return { lines, cursorLine, partStart };
}

interface EnclosingPath {
  /** The keys and list items around the cursor: ['spec', 'boundObjectRef'] or ['items', '[]', 'spec']. */
  readonly path: string[];
  /** The first line of the mapping the cursor is in. */
  readonly mappingStart: number;
  /** The first line of the outermost list item around it. */
  readonly outerItem: number;
}

/** Walks up from the cursor's line to the keys and list items that enclose it; undefined inside a value. */
function enclosingPath(lines: readonly Line[], cursorLine: number, cursor: Line): EnclosingPath | undefined {
  const path: string[] = [];
  let column = cursor.content;
  let afterItem = false;
  let mappingStart = -1;
  let outerItem = -1;
  const enterItem = (index: number, dash: number) => {
    path.unshift('[]');
    column = dash;
    afterItem = true;
    outerItem = index;
  };
  if (cursor.dash !== undefined) {
    mappingStart = cursorLine;
    enterItem(cursorLine, cursor.dash);
  }
  for (let index = cursorLine - 1; index >= 0; index -= 1) {
    const line = lines[index];
    if (line.blank) {
      continue;
    }
    if (line.content === column && line.dash !== undefined && line.dash < column && !afterItem) {
      mappingStart = mappingStart < 0 ? index : mappingStart;
      enterItem(index, line.dash);
      continue;
    }
    // A key at a smaller column, or at the same column as a compact list (`items:` then `- …`).
    const isParent = line.content < column || (afterItem && line.content === column && line.dash === undefined);
    if (!isParent) {
      continue;
    }
    if (line.key === undefined || line.value !== '') {
      return undefined;
    }
    mappingStart = mappingStart < 0 ? index + 1 : mappingStart;
    path.unshift(line.key);
    column = line.content;
    afterItem = false;
    if (line.dash !== undefined) {
      enterItem(index, line.dash);
    }
  }
  return { path, mappingStart, outerItem };
}

/** The field the enclosing path leads to in the object's kind (a `kind: List` item counts as its own object). */
function fieldAt(lines: Line[], { path, outerItem }: EnclosingPath): Field | undefined {
  const rootKeys = mappingKeys(lines, 0, 0);
  let objectKeys = rootKeys;
  let fieldPath = path;
  if (path[0] === 'items' && path[1] === '[]' && rootKeys.get('kind') === 'List') {
    objectKeys = mappingKeys(lines, outerItem, lines[outerItem].content);
    fieldPath = path.slice(2);
  }
  const kind = kindOf(objectKeys);
  if (kind === 'other') {
    return undefined;
  }
  const root = kind ? kindFields[kind] : { ...kindFields.TokenRequest, fields: { apiVersion: kindFields.TokenRequest.fields!.apiVersion, kind: { ...kindFields.TokenRequest.fields!.kind, values: tokenKinds } } };
  let container: Field | undefined = root;
  for (const segment of fieldPath) {
    container = segment === '[]' ? (container?.type === 'list' ? container.items : undefined) : container?.type === 'object' ? container.fields?.[segment] : undefined;
  }
  return container;
}

/** After `key:`: the allowed values of that key, replacing what is written there. */
function valueCompletions(text: string, offset: number, container: Field, key: string, valueLine: { start: number; end: number; content: number }): Completion[] {
  const field = container.type === 'object' ? container.fields?.[key] : undefined;
  if (!field) {
    return [];
  }
  const colon = text.indexOf(':', valueLine.start + valueLine.content) + 1;
  const valueStart = colon + (/^[ \t]*/.exec(text.slice(colon, valueLine.end))?.[0].length ?? 0);
  const valueEnd = valueStart + text.slice(valueStart, valueLine.end).replace(/(^|\s)#.*$/, '').trimEnd().length;
  const space = valueStart === colon ? ' ' : '';
  return valueItems(field).map((item) => ({ ...item, insertText: space + item.insertText, start: Math.min(valueStart, offset), end: Math.max(valueEnd, offset) }));
}

export function completionsAt(text: string, offset: number): Completion[] {
  const { lines, cursorLine, partStart } = linesAround(text, offset);
  if (cursorLine < 0) {
    return [];
  }
  const cursor = readLine(text, lines[cursorLine].start, offset);
  const typed = text.slice(lines[cursorLine].start + cursor.content, offset);
  if (!/^[\w./-]*$/.test(typed) && cursor.key === undefined) {
    return [];
  }
  const enclosing = enclosingPath(lines, cursorLine, cursor);
  const container = enclosing && fieldAt(lines, enclosing);
  if (!enclosing || !container) {
    return [];
  }
  const lineStart = lines[cursorLine].start;
  const lineEnd = cursorLine + 1 < lines.length ? lines[cursorLine + 1].start - 1 : text.length;
  if (cursor.key !== undefined) {
    return valueCompletions(text, offset, container, cursor.key, { start: lineStart, end: lineEnd, content: cursor.content });
  }
  const wordEnd = offset + (/^[\w./-]*/.exec(text.slice(offset, lineEnd))?.[0].length ?? 0);
  const range = { start: offset - typed.length, end: wordEnd };
  if (container.type === 'object') {
    const present = mappingKeys(lines, Math.max(enclosing.mappingStart, 0), cursor.content);
    present.delete(text.slice(range.start, range.end));
    const step = indentStep(text.slice(partStart, lineEnd));
    return fieldItems(container.fields!, present, cursor.content - cursor.indent, step).map((item) => ({ ...item, ...range }));
  }
  return valueItems(container).map((item) => ({ ...item, ...range }));
}
