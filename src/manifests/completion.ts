// Completion of keys and allowed values, and of well-known audiences where a token's audience is
// written. It reads the lines' indentation rather than a YAML tree, because the line being typed
// (`  aud`) is rarely valid YAML yet.
import type { NameKind } from '../cluster/names';
import { visibleText } from '../text/visibleText';
import { documentStarts } from './documents';
import { indentStep, scalarText } from './edits';
import { apiGroup, kindFields, serviceAccountTokenProjection, tokenKinds, type Field, type TokenKind } from './fields';
import { validName } from './metadata';
import { isHolderKind } from './workloads';
import { wellKnownAudiences } from '../audiences/wellKnownAudiences';
import * as l10n from '../text/l10n';

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

/** The line of each key written in the mapping whose keys sit at `column`, from `first` until the block ends. */
function keyLines(lines: readonly Line[], first: number, column: number): Map<string, number> {
  const keys = new Map<string, number>();
  for (let index = first; index < lines.length; index += 1) {
    const line = lines[index];
    if (line.blank) {
      continue;
    }
    if (index > first && (line.content < column || (line.dash !== undefined && line.dash < column))) {
      break;
    }
    if (line.content === column && line.key !== undefined) {
      keys.set(line.key, index);
    }
  }
  return keys;
}

/** Keys written in the mapping whose keys sit at `column`, from `first` until the block ends, with their values on the same line. */
function mappingKeys(lines: readonly Line[], first: number, column: number): Map<string, string> {
  return new Map([...keyLines(lines, first, column)].map(([key, index]) => [key, lines[index].value]));
}

/** The keys of the block mapping on the lines below `key:` at line `keyLine`; none if the value is on that line. */
function keysBelow(lines: readonly Line[], keyLine: number | undefined): Map<string, string> {
  if (keyLine === undefined || lines[keyLine].value !== '') {
    return new Map();
  }
  const child = lines.findIndex((line, index) => index > keyLine && !line.blank);
  return child > 0 && lines[child].content > lines[keyLine].content ? mappingKeys(lines, child, lines[child].content) : new Map();
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

/** What binding to each kind of object means; a table read per completion of `boundObjectRef.kind`. */
const boundKindDocs = l10n.localised((): Readonly<Record<string, string>> => ({
  Pod: l10n.t('The token stops working when the Pod is deleted. The Pod must run as this ServiceAccount.'),
  Secret: l10n.t('The token stops working when the Secret is deleted.'),
  Node: l10n.t('The token stops working when the Node is deleted. Needs Kubernetes 1.31 or later.'),
}));

function fieldItems(fields: Readonly<Record<string, Field>>, present: Map<string, string>, relativeIndent: number, step: number): Omit<Completion, 'start' | 'end'>[] {
  const below = ' '.repeat(relativeIndent + step);
  return Object.entries(fields)
    .filter(([name]) => !present.has(name))
    .map(([name, field]) => ({
      label: name,
      kind: 'field' as const,
      insertText: field.type === 'object' || field.type === 'map' ? `${name}:\n${below}` : field.type === 'list' ? `${name}:\n${below}- ` : `${name}: `,
      detail: field.required ? l10n.t('{0}, required', field.goType) : field.goType,
      documentation: field.description(),
    }));
}

/** The well-known audiences, each with what it is for and where its value comes from. */
function audienceItems(): Omit<Completion, 'start' | 'end'>[] {
  return wellKnownAudiences.map((known) => ({
    label: known.audience,
    kind: 'value' as const,
    insertText: scalarText(known.audience),
    detail: known.template ? l10n.t('{0}: replace the capitals', known.name) : known.name,
    documentation: `${known.purpose}\n\n${l10n.t('Source: {0}.', known.source)}`,
  }));
}

function valueItems(field: Field): Omit<Completion, 'start' | 'end'>[] {
  if (field.audience) {
    return audienceItems();
  }
  const values = field.values ?? (field.type === 'boolean' ? ['true', 'false'] : []);
  return values.map((value) => ({ label: value, kind: 'value' as const, insertText: value, documentation: boundKindDocs()[value] ?? field.description() }));
}

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

interface ObjectAround {
  /** The line where the object's mapping starts, and the column of its keys. */
  readonly first: number;
  readonly column: number;
  /** The path from the object to the cursor. */
  readonly path: string[];
}

/** The object around the cursor: the document's root, or the item of a `kind: List` the cursor is in. */
function objectAround(lines: readonly Line[], { path, outerItem }: EnclosingPath): ObjectAround {
  if (path[0] === 'items' && path[1] === '[]' && mappingKeys(lines, 0, 0).get('kind') === 'List') {
    return { first: outerItem, column: lines[outerItem].content, path: path.slice(2) };
  }
  return { first: 0, column: 0, path };
}

/** A source of a projected volume, as far as completion knows it: the token source. */
const volumeProjection: Field = { type: 'object', goType: 'v1.VolumeProjection', struct: 'VolumeProjection', description: () => l10n.t('A source of a projected volume.'), fields: { serviceAccountToken: serviceAccountTokenProjection } };

const endsWith = (path: readonly string[], tail: readonly string[]) => path.length >= tail.length && tail.every((segment, index) => path[path.length - tail.length + index] === segment);

/** In a workload, the projected volume's source or its token source the path leads to. */
function workloadFieldAt(path: readonly string[]): Field | undefined {
  const sources = ['volumes', '[]', 'projected', 'sources', '[]'];
  return endsWith(path, [...sources, 'serviceAccountToken']) ? serviceAccountTokenProjection : endsWith(path, sources) ? volumeProjection : undefined;
}

/** The field the enclosing path leads to in the object's kind. */
function fieldAt(lines: Line[], enclosing: EnclosingPath): Field | undefined {
  const object = objectAround(lines, enclosing);
  const keys = mappingKeys(lines, object.first, object.column);
  const written = keys.get('kind');
  if (written !== undefined && written !== 'Secret' && isHolderKind(written)) {
    return workloadFieldAt(object.path);
  }
  const kind = kindOf(keys);
  if (kind === 'other') {
    return undefined;
  }
  const root = kind ? kindFields[kind] : { ...kindFields.TokenRequest, fields: { apiVersion: kindFields.TokenRequest.fields!.apiVersion, kind: { ...kindFields.TokenRequest.fields!.kind, values: tokenKinds } } };
  let container: Field | undefined = root;
  for (const segment of object.path) {
    container = segment === '[]' ? (container?.type === 'list' ? container.items : undefined) : container?.type === 'object' ? container.fields?.[segment] : undefined;
  }
  return container;
}

export interface ValueRange {
  /** The value after `key:` being typed, which a completion replaces. */
  readonly start: number;
  readonly end: number;
  /** Written before the value: a space when there is none after the colon. */
  readonly prefix: string;
}

/** The value after `key:` on the line that starts at `lineStart`, its key at column `content`; the cursor is inside it. */
function valueRange(text: string, offset: number, lineStart: number, content: number): ValueRange {
  const lineEnd = endOfLine(text, lineStart);
  const colon = text.indexOf(':', lineStart + content) + 1;
  const valueStart = colon + (/^[ \t]*/.exec(text.slice(colon, lineEnd))?.[0].length ?? 0);
  const valueEnd = valueStart + text.slice(valueStart, lineEnd).replace(/(^|\s)#.*$/, '').trimEnd().length;
  return { start: Math.min(valueStart, offset), end: Math.max(valueEnd, offset), prefix: valueStart === colon ? ' ' : '' };
}

function endOfLine(text: string, lineStart: number): number {
  const newline = text.indexOf('\n', lineStart);
  return newline < 0 ? text.length : newline;
}

/** After `key:`: the allowed values of that key, replacing what is written there. */
function valueCompletions(container: Field, key: string, range: ValueRange): Completion[] {
  const field = container.type === 'object' ? container.fields?.[key] : undefined;
  if (!field) {
    return [];
  }
  return valueItems(field).map((item) => ({ ...item, insertText: range.prefix + item.insertText, start: range.start, end: range.end }));
}

/** Keys (not yet in the mapping) and allowed values at `offset` in a TokenRequest or TokenReview. */
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
  const lineEnd = endOfLine(text, lineStart);
  if (cursor.key !== undefined) {
    return valueCompletions(container, cursor.key, valueRange(text, offset, lineStart, cursor.content));
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

/** Where names from the cluster can be completed: what they name, and the value they replace. */
export interface NameSlot extends ValueRange {
  readonly kind: NameKind;
  /**
   * metadata.namespace as written, for objects that live in a namespace; undefined when none is
   * written (the context's namespace is used, as kubectl does).
   */
  readonly namespace?: string;
}

const boundNameKinds: ReadonlyMap<string, NameKind> = new Map([
  ['Pod', 'pod'],
  ['Secret', 'secret'],
  ['Node', 'node'],
]);

/** A name as written on a line: unquoted; undefined when empty. */
function writtenValue(value: string | undefined): string | undefined {
  const unquoted = value?.replace(/^"(.*)"$|^'(.*)'$/, '$1$2');
  return unquoted === '' ? undefined : unquoted;
}

/**
 * After `metadata.namespace:` (namespaces), `metadata.name:` (ServiceAccounts) or
 * `spec.boundObjectRef.name:` (Pods, Secrets or Nodes by the kind written beside it) of a
 * TokenRequest: which names the cluster could offer there. Undefined anywhere else, and where
 * metadata.namespace is not a valid namespace name (it would go into a request's path).
 */
export function nameCompletionSlotAt(text: string, offset: number): NameSlot | undefined {
  const { lines, cursorLine } = linesAround(text, offset);
  if (cursorLine < 0) {
    return undefined;
  }
  const cursor = readLine(text, lines[cursorLine].start, offset);
  const enclosing = cursor.key === undefined ? undefined : enclosingPath(lines, cursorLine, cursor);
  if (!enclosing) {
    return undefined;
  }
  const object = objectAround(lines, enclosing);
  const objectKeyLines = keyLines(lines, object.first, object.column);
  if (kindOf(mappingKeys(lines, object.first, object.column)) !== 'TokenRequest') {
    return undefined;
  }
  const field = [...object.path, cursor.key].join('.');
  const boundKind = writtenValue(mappingKeys(lines, Math.max(enclosing.mappingStart, 0), cursor.content).get('kind'));
  const kind = field === 'metadata.namespace' ? 'namespace' : field === 'metadata.name' ? 'serviceAccount' : field === 'spec.boundObjectRef.name' && boundKind ? boundNameKinds.get(boundKind) : undefined;
  if (!kind) {
    return undefined;
  }
  const range = valueRange(text, offset, lines[cursorLine].start, cursor.content);
  const namespace = writtenValue(keysBelow(lines, objectKeyLines.get('metadata')).get('namespace'));
  if (kind === 'namespace' || kind === 'node' || namespace === undefined) {
    return { kind, ...range };
  }
  return validName('metadata.namespace', namespace) ? { kind, namespace, ...range } : undefined;
}

/** At most this many names are offered: one page of a list. */
export const maxCompletedNames = 500;

const nameKindWords: Readonly<Record<NameKind, string>> = { namespace: 'Namespace', serviceAccount: 'ServiceAccount', pod: 'Pod', secret: 'Secret', node: 'Node' };

/**
 * Names the cluster answered, as completions of `slot`: at most 500, none that would not show as
 * it is (invisible or reordering characters, longer than any Kubernetes name), each written as a
 * YAML scalar that reads back as that name (quoted where a plain one would not, as `true` or `0777`).
 * `namespace` is where they were listed, for the detail.
 */
export function nameCompletions(slot: NameSlot, names: readonly string[], namespace?: string): Completion[] {
  const word = nameKindWords[slot.kind];
  const detail = namespace === undefined ? l10n.t('{0} in the cluster', word) : l10n.t('{0} in {1}', word, visibleText(namespace, 63));
  return names
    .filter((name) => name !== '' && name.length <= 253 && visibleText(name, 253) === name)
    .slice(0, maxCompletedNames)
    .map((name) => ({ label: name, kind: 'value', insertText: slot.prefix + scalarText(name), detail, documentation: l10n.t('A {0} of the current cluster.', word), start: slot.start, end: slot.end }));
}
