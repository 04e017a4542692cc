// Known fields, value types and duplicate keys, as the server's strict decoder sees the JSON that
// kubectl sends: types are kubectl's reading of each scalar (YAML 1.1), which the messages explain
// where a YAML 1.2 reader would see something else.
import type { ObjectChecks } from './checks';
import type { KindedObject } from './documents';
import { isNull, type Decoded, type DecodedEntry, type DecodedMap, type DecodedScalar } from './decode';
import { wrapInList } from './edits';
import { kindFields, type Field } from './fields';
import { validName } from './metadata';
import type { Fix } from './findings';
import { nearMiss } from './nearMiss';
import { excerpt, quoted, quotedField } from './quote';
import { notation, type ScalarValue } from './yaml11';
import { maxExpirationSeconds, minExpirationSeconds, parseDuration } from '../tokens/duration';
import * as l10n from '../text/l10n';

/** What a field of each type must be, as a message says it; made once per language, read only when a message is made. */
const expected = l10n.localised(() => ({
  string: l10n.t('a string'),
  integer: l10n.t('a whole number'),
  boolean: l10n.t('true or false'),
  object: l10n.t('a mapping'),
  list: l10n.t('a list'),
  stringList: l10n.t('a list of strings'),
  map: l10n.t('a mapping'),
  any: l10n.t('anything'),
}));

/** Whether a value fits an int64 field: a whole number the JSON decoder can hold. */
export function isInt64(value: ScalarValue): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= -(2 ** 63) && value < 2 ** 63;
}

function fits(value: Decoded, field: Field): boolean {
  switch (field.type) {
    case 'object':
    case 'map':
      return value.kind === 'map';
    case 'list':
      return value.kind === 'seq';
    case 'integer':
      return value.kind === 'scalar' && isInt64(value.value);
    default:
      return value.kind === 'scalar' && typeof value.value === field.type;
  }
}

/** How JSON names a value in "json: cannot unmarshal X into …". */
function jsonType(value: Decoded, field: Field): string {
  if (value.kind !== 'scalar') {
    return value.kind === 'map' ? 'object' : 'array';
  }
  if (typeof value.value === 'number') {
    // encoding/json includes the literal only when a number does not fit an integer field.
    return field.type === 'integer' ? `number ${value.reading.json}` : 'number';
  }
  return typeof value.value === 'boolean' ? 'bool' : 'string';
}

/** A value as a message names it: "the boolean true", "the octal number 511", "the string \"1:20\"". */
function described(value: ScalarValue, json: string, written: string): string {
  if (typeof value === 'boolean') {
    return l10n.t('the boolean {0}', String(value));
  }
  if (typeof value === 'number') {
    switch (notation(written)) {
      case 'hexadecimal':
        return l10n.t('the hexadecimal number {0}', json);
      case 'binary':
        return l10n.t('the binary number {0}', json);
      case 'octal':
        return l10n.t('the octal number {0}', json);
      case 'decimal':
        return l10n.t('the number {0}', json);
    }
  }
  return value === null ? 'null' : l10n.t('the string {0}', quoted(value));
}

/** "kubectl reads `yes` as the boolean true (YAML 1.1)" where YAML 1.2 tools read the text otherwise. */
export function kubectlReads(checks: ObjectChecks<KindedObject>, value: DecodedScalar): string {
  return l10n.t('kubectl reads `{0}` as {1} (YAML 1.1)', excerpt(checks.source(value)), described(value.value, value.reading.json, checks.source(value)));
}

/** Whether a string passes the server's own checks of the field: its allowed values, or a name's rules. */
function acceptable(field: Field, path: string[], text: string): boolean {
  return (field.values?.includes(text) ?? true) && validName(path.join('.'), text);
}

/** Whether a number passes the server's own checks of the field: the range of expirationSeconds. */
function acceptableNumber(path: string[], value: number): boolean {
  return path[path.length - 1] !== 'expirationSeconds' || (value >= minExpirationSeconds && value <= maxExpirationSeconds);
}

/** A field path as encoding/json names it: without the list indexes the server's field errors carry (`volumes[0]`). */
const goPath = (path: string[]) => path.map((segment) => segment.replace(/\[\d+\]$/, '')).join('.');

function wrongType(checks: ObjectChecks<KindedObject>, value: Decoded, field: Field, path: string[], struct: string, label: string, container?: DecodedEntry): void {
  const goError = `json: cannot unmarshal ${jsonType(value, field)} into Go struct field ${struct}.${goPath(path)} of type ${field.goType}`;
  const what = field.type === 'list' && field.items?.type === 'string' ? expected().stringList : expected()[field.type];
  const fixes: Fix[] = [];
  const scalar = value.kind === 'scalar' ? value : undefined;
  const text = typeof scalar?.value === 'string' ? scalar.value : undefined;
  const duration = text !== undefined && path[path.length - 1] === 'expirationSeconds' ? parseDuration(text) : undefined;
  const digits = text?.trim().replace(/^\+/, '');
  // Not where the server would refuse the quoted text (`name: 1_000`, `kind: yes`): that would trade one error for another.
  const quotable = field.type === 'string' && scalar !== undefined && (typeof scalar.value === 'number' || typeof scalar.value === 'boolean') && acceptable(field, path, checks.source(scalar));
  if (field.type === 'integer' && scalar && digits !== undefined && /^-?\d{1,18}$/.test(digits) && acceptableNumber(path, Number(digits))) {
    // Written without leading zeros, which kubectl would read as octal.
    const number = BigInt(digits).toString();
    fixes.push(...checks.change(l10n.t('Change to the number {0}', number), scalar, number));
  } else if (scalar && duration && 'seconds' in duration && duration.seconds !== undefined && acceptableNumber(path, duration.seconds)) {
    // kubectl's --duration takes "1h"; the manifest needs its seconds.
    fixes.push(...checks.change(l10n.t('Change to {0} ({1})', duration.seconds, excerpt(text!)), scalar, String(duration.seconds)));
  } else if (field.type === 'list' && field.items?.type === 'string' && text !== undefined && text.trim() !== '' && !checks.text.slice(value.at[0], value.at[1]).includes('\n') && container) {
    // Not for a blank string (an empty audience once in a list), nor one running over lines (they would read otherwise as list items).
    fixes.push(...(checks.shared(container.owner) ? [] : [{ title: l10n.t('Make it a list'), edits: wrapInList(checks.text, checks.step, container.owner, container.pair) }]));
  } else if (quotable) {
    fixes.push(...checks.change(l10n.t('Quote it as a string'), scalar!, JSON.stringify(checks.source(scalar!))));
  }
  const refused = scalar?.otherReading ? l10n.t('{0} must be {1}: {2}, so the server answers "{3}"', label, what, kubectlReads(checks, scalar), goError) : l10n.t('{0} must be {1}: the server answers "{2}"', label, what, goError);
  const message = scalar?.otherReading && quotable ? l10n.t('{0} Quote it: {1}.', refused, JSON.stringify(excerpt(checks.source(scalar)))) : refused;
  checks.report('wrong-type', 'error', message, value.at, fixes);
}

/** A value kubectl reads validly but otherwise than a YAML 1.2 reader: say what is sent, and offer the spelling both read alike. */
function otherReading(checks: ObjectChecks<KindedObject>, value: DecodedScalar, label: string): void {
  const other = value.otherReading!.value;
  const fixes: Fix[] = [];
  if (typeof value.value === 'string') {
    fixes.push(...checks.change(l10n.t('Quote it: {0}', excerpt(JSON.stringify(value.value))), value, JSON.stringify(value.value)));
  } else {
    fixes.push(...checks.change(l10n.t('Change to {0} (what kubectl sends)', value.reading.json), value, value.reading.json));
    if (typeof other === typeof value.value && isInt64(other)) {
      fixes.push(...checks.change(l10n.t('Change to {0} (as written in decimal)', String(other)), value, String(other)));
    }
  }
  const otherText = described(other, typeof other === 'number' ? String(other) : JSON.stringify(other), '');
  checks.warnReading(value, l10n.t('{0}: {1}, not {2}: that is what it sends. Write it so that every tool reads it alike.', label, kubectlReads(checks, value), otherText), fixes);
}

function unknownField(checks: ObjectChecks<KindedObject>, map: DecodedMap, entry: DecodedEntry, path: string[], known: string[]): void {
  const suggestion = nearMiss(entry.key, known);
  const fixes: Fix[] = [];
  if (suggestion && !map.entries.some((other) => other.key === suggestion) && !checks.shared(entry.owner)) {
    fixes.push({ title: l10n.t('Rename to "{0}"', suggestion), edits: [{ start: entry.keyNode.range![0], end: entry.keyNode.range![1], newText: suggestion }] });
  }
  // All of it: a key written twice is one field to the server.
  const earlier = map.duplicates.find((duplicate) => duplicate.entry === entry)?.earlier ?? [];
  fixes.push(...checks.removePairsFix(l10n.t('Remove {0}', quoted(entry.key)), [...earlier, entry]));
  const message = suggestion
    ? l10n.t('unknown field {0}: Did you mean "{1}"? Unless the request uses fieldValidation=Strict, the server drops it without a word.', quotedField(path, entry.key), suggestion)
    : l10n.t('unknown field {0}: Unless the request uses fieldValidation=Strict, the server drops it without a word.', quotedField(path, entry.key));
  checks.report('unknown-field', 'error', message, entry.keyAt, fixes);
}

function checkMap(checks: ObjectChecks<KindedObject>, map: DecodedMap, field: Field, path: string[], struct: string, entryLabel: string, skipped: readonly string[]): void {
  for (const { entry, earlier } of map.duplicates) {
    // Every earlier occurrence goes, so that this one, which kubectl sends, is left alone.
    const several = earlier.length > 1;
    const title = several ? l10n.t('Remove the values written above (keep this one)') : l10n.t('Remove the value written above (keep this one)');
    checks.report(
      'duplicate-key',
      'error',
      several
        ? l10n.t('duplicate key {0}: kubectl sends only the last value, so the {1} written above it are dropped without a word.', quotedField(path, entry.key), earlier.length)
        : l10n.t('duplicate key {0}: kubectl sends only the last value, so the one written above it is dropped without a word.', quotedField(path, entry.key)),
      entry.keyAt,
      checks.removePairsFix(title, earlier),
    );
  }
  for (const { entry, by } of map.overridden) {
    checks.report(
      'merge-order',
      'warning',
      l10n.t('{0} comes from the merge key (<<) below the value written for it: kubectl applies << where it stands, so the merged value replaces the one written above. Move << above the keys it should not replace.', quotedField(path, entry.key)),
      by.keyAt,
    );
  }
  const valueLabel = field.type === 'object' ? '' : l10n.t('each value of {0}', labelOf(path, entryLabel));
  for (const entry of map.entries) {
    // Keys whose own rules check them (the root's apiVersion and kind, which decide what the object is).
    if (skipped.includes(entry.key)) {
      continue;
    }
    const child = field.type === 'object' ? field.fields![entry.key] : field.items!;
    if (!child) {
      unknownField(checks, map, entry, path, Object.keys(field.fields!));
      continue;
    }
    const childStruct = field.type === 'object' ? field.struct! : struct;
    const childPath = field.type === 'object' ? [...path, entry.key] : path;
    walk(checks, entry.value, child, childPath, childStruct, valueLabel, entry);
  }
}

/** How messages name a value: its own label, else its path. Built only when a message or a child's label needs it. */
function labelOf(path: string[], entryLabel: string): string {
  return entryLabel || path.join('.');
}

function walk(checks: ObjectChecks<KindedObject>, value: Decoded | undefined, field: Field, path: string[], struct: string, entryLabel: string, container?: DecodedEntry, skipped: readonly string[] = []): void {
  if (!value || isNull(value) || field.type === 'any') {
    return;
  }
  if (!fits(value, field)) {
    wrongType(checks, value, field, path, struct, labelOf(path, entryLabel), container);
  } else if (value.kind === 'scalar' && value.otherReading) {
    otherReading(checks, value, labelOf(path, entryLabel));
  } else if (value.kind === 'map') {
    checkMap(checks, value, field, path, struct, entryLabel, skipped);
  } else if (value.kind === 'seq') {
    const itemLabel = l10n.t('each entry of {0}', labelOf(path, entryLabel));
    for (const item of value.items) {
      walk(checks, item, field.items!, path, struct, itemLabel);
    }
  }
}

/** Known fields, types and duplicates of the whole object. */
export function checkStructure(checks: ObjectChecks): void {
  const { kind, map } = checks.object;
  walk(checks, map, kindFields[kind], [], kind, '', undefined, ['apiVersion', 'kind']);
}

/**
 * Known fields, types and duplicates of one value inside an object (a projected token source):
 * `path` as the server's field errors name it, `parentStruct` the Go struct that holds it, and
 * `skipped` the keys the caller reports itself.
 */
export function checkFields(checks: ObjectChecks<KindedObject>, value: Decoded | undefined, field: Field, path: string[], parentStruct: string, skipped: readonly string[]): void {
  walk(checks, value, field, path, parentStruct, '', undefined, skipped);
}
