// Splitting a file into YAML documents and finding the TokenRequest/TokenReview objects in them.
import { isMap, isScalar, isSeq, parseAllDocuments, type Document, type Node, type Pair, type Scalar, type YAMLMap } from 'yaml';
import { apiGroup, tokenKinds, type TokenKind } from './fields';

/**
 * Offsets where documents start: 0 and every `---` line. YAML forbids such a line inside any scalar,
 * so each part can be parsed (and cached) on its own; kubectl splits files the same way
 * (k8s.io/apimachinery/pkg/util/yaml), so an unterminated quote cannot swallow the next document.
 */
export function documentStarts(text: string): number[] {
  const starts = [0];
  let at = text.startsWith('---') ? 3 : 0;
  for (;;) {
    at = text.indexOf('\n---', at);
    if (at < 0) {
      return starts;
    }
    const after = text.charCodeAt(at + 4);
    // Followed by a space, tab, CR, LF or the end of the text.
    if (Number.isNaN(after) || after === 32 || after === 9 || after === 13 || after === 10) {
      starts.push(at + 1);
    }
    at += 4;
  }
}

export function parseDocuments(text: string): Document.Parsed[] {
  // Duplicate keys are reported by the validator, with the key's whole range.
  return [...parseAllDocuments(text, { uniqueKeys: false, prettyErrors: false })];
}

export function keyName(pair: Pair): string | undefined {
  return isScalar(pair.key) && pair.key.value !== null ? String(pair.key.value) : undefined;
}

/** The last pair with this key: with duplicates, the server keeps the last value. */
export function pairOf(map: YAMLMap, key: string): Pair<Scalar, Node | null> | undefined {
  for (let index = map.items.length - 1; index >= 0; index -= 1) {
    if (keyName(map.items[index]) === key) {
      return map.items[index] as Pair<Scalar, Node | null>;
    }
  }
  return undefined;
}

export function stringValue(node: unknown): string | undefined {
  return isScalar(node) && typeof node.value === 'string' ? node.value : undefined;
}

export interface TokenObject {
  kind: TokenKind;
  map: YAMLMap;
  kindNode: Scalar;
  apiVersionNode?: Scalar;
}

/** A mapping whose kind is TokenRequest/TokenReview (any case) and whose apiVersion, if any, is in the authentication group. */
export function tokenObject(node: unknown): TokenObject | undefined {
  if (!isMap(node)) {
    return undefined;
  }
  const kindNode = pairOf(node, 'kind')?.value;
  const kind = tokenKinds.find((candidate) => candidate.toLowerCase() === stringValue(kindNode)?.toLowerCase());
  if (!kind) {
    return undefined;
  }
  const apiVersionNode = pairOf(node, 'apiVersion')?.value;
  const apiVersion = stringValue(apiVersionNode);
  if (apiVersionNode && !isNullScalar(apiVersionNode) && !apiVersion?.toLowerCase().startsWith(`${apiGroup}/`)) {
    return undefined;
  }
  return { kind, map: node, kindNode: kindNode as Scalar, apiVersionNode: apiVersion === undefined ? undefined : (apiVersionNode as Scalar) };
}

export function isNullScalar(node: unknown): boolean {
  return isScalar(node) && node.value === null;
}

/** The token objects of one parsed document: its root, or the items of a `kind: List`. */
export function tokenObjects(document: Document.Parsed): TokenObject[] {
  const root = document.contents;
  const single = tokenObject(root);
  if (single) {
    return [single];
  }
  if (isMap(root) && stringValue(pairOf(root, 'kind')?.value) === 'List') {
    const items = pairOf(root, 'items')?.value;
    if (isSeq(items)) {
      return items.items.map(tokenObject).filter((object): object is TokenObject => object !== undefined);
    }
  }
  return [];
}
