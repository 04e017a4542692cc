// Where the server's refusal of a sent manifest belongs in its text: on the field the refusal
// names, so the person sees the answer where the fix goes.
import type { ClusterErrorKind, ServerRefusal } from '../errors';
import { visibleText } from '../text/visibleText';
import { DocumentDecoder, entryOf, isNull, mapOf, type Decoded, type Range } from './decode';
import { documentStarts, parseDocuments, tokenObjects, type TokenObject } from './documents';
import type { Finding } from './findings';
import * as l10n from '../text/l10n';

/** A failed send as the editor has it: the error's kind, its sentence, and what the server named. */
export interface RefusedSend {
  readonly kind: ClusterErrorKind;
  readonly message: string;
  readonly refusal?: ServerRefusal;
}

const boundObjects = new Set(['pod', 'pods', 'secret', 'secrets', 'node', 'nodes']);

/** A field path the server wrote (`spec.audiences[0]`) as keys and indexes; none when it is not one. */
function fieldPath(field: string): string[] {
  return field.length <= 200 ? (field.match(/[^.[\]]+/g) ?? []) : [];
}

/** The field an object a refusal names stands for: a missing ServiceAccount is metadata.name, a bound Pod's wrong UID its uid. */
function objectField(kind: ClusterErrorKind, objectKind: string | undefined): string[] {
  const named = objectKind?.toLowerCase() ?? '';
  if (kind === 'not-found' && named === 'serviceaccounts') {
    return ['metadata', 'name'];
  }
  if (kind === 'not-found' && named === 'namespaces') {
    return ['metadata', 'namespace'];
  }
  if ((kind === 'not-found' || kind === 'conflict') && boundObjects.has(named)) {
    return ['spec', 'boundObjectRef', kind === 'conflict' ? 'uid' : 'name'];
  }
  return [];
}

/** Where `path` is written in the object: its value, else the deepest key written on the way, else the `kind:` line. */
function rangeOf(object: TokenObject, path: readonly string[]): Range {
  const kindLine: Range = [object.kindEntry.keyAt[0], object.kindEntry.value?.at[1] ?? object.kindEntry.keyAt[1]];
  let at = kindLine;
  let value: Decoded | undefined = object.map;
  for (const segment of path) {
    if (value?.kind === 'seq') {
      value = value.items[Number(segment)];
      at = value?.at ?? at;
      continue;
    }
    const entry = entryOf(mapOf(value), segment);
    if (!entry) {
      break;
    }
    value = entry.value;
    at = value?.kind === 'scalar' && !isNull(value) && value.at[1] > value.at[0] ? value.at : entry.keyAt;
  }
  return at;
}

/** The object a manifest's lens sent: the one written at `start`. */
function objectAt(text: string, start: number): { object: TokenObject; offset: number } | undefined {
  const starts = documentStarts(text);
  const offset = starts.filter((partStart) => partStart <= start).pop() ?? 0;
  const end = starts.find((partStart) => partStart > start) ?? text.length;
  for (const document of parseDocuments(text.slice(offset, end))) {
    const object = tokenObjects(new DocumentDecoder(document, () => []).decode()).find((candidate) => candidate.map.written.range![0] === start - offset);
    if (object) {
      return { object, offset };
    }
  }
  return undefined;
}

/**
 * The server's refusal of the manifest written at `start`, as findings on the fields it names: each
 * cause on its field, a missing object on the field that names it, anything else on the `kind:`
 * line. None for failures that are not the server's refusal (a network error, a timeout).
 */
export function refusalFindings(text: string, start: number, failure: RefusedSend): Finding[] {
  const found = failure.refusal && objectAt(text, start);
  if (!failure.refusal || !found) {
    return [];
  }
  const { object, offset } = found;
  const finding = (path: readonly string[], message: string): Finding => {
    const [from, to] = rangeOf(object, path);
    return { code: 'server-refusal', severity: 'error', message: l10n.t('The cluster refused it: {0}', visibleText(message, 1000)), start: from + offset, end: to + offset, fixes: [] };
  };
  const blamed = failure.refusal.causes.flatMap((cause) => {
    const path = fieldPath(cause.field ?? '');
    return path.length > 0 ? [finding(path, `${cause.field}: ${cause.message ?? failure.message}`)] : [];
  });
  return blamed.length > 0 ? blamed : [finding(objectField(failure.kind, failure.refusal.objectKind), failure.message)];
}
