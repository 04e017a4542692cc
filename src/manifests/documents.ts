// Splitting a file into YAML documents, parsing them within bounds, and finding the TokenRequest and
// TokenReview objects among them, misspelt ones included.
import { Composer, isMap, isScalar, Parser, type CST, type Document } from 'yaml';
import { entryOf, isNull, mapOf, maxDepth, stringOf, type Decoded, type DecodedEntry, type DecodedMap } from './decode';
import { apiGroup, tokenKinds, type TokenKind } from './fields';
import { nearKind } from './nearMiss';

/** The largest document parsed: the API server takes request bodies up to 3 MiB. */
export const maxDocumentLength = 3 * 1024 * 1024;

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

/** The offset of the first collection nested deeper than `limit`, walking the CST without recursion. */
function tooDeepAt(tokens: readonly CST.Token[], limit: number): number | undefined {
  // Two stacks side by side, no object per node: this walk runs on every keystroke in a YAML file (`npm run bench -- 5`).
  const pending: CST.Token[] = [...tokens];
  const depths: number[] = tokens.map(() => 0);
  while (pending.length > 0) {
    const token = pending.pop()!;
    const depth = depths.pop()!;
    if (token.type === 'document' && token.value) {
      pending.push(token.value);
      depths.push(depth);
    } else if (token.type === 'block-map' || token.type === 'block-seq' || token.type === 'flow-collection') {
      if (depth >= limit) {
        return token.offset;
      }
      for (const item of token.items as CST.CollectionItem[]) {
        if (item.key) {
          pending.push(item.key);
          depths.push(depth + 1);
        }
        if (item.value) {
          pending.push(item.value);
          depths.push(depth + 1);
        }
      }
    }
  }
  return undefined;
}

export type ParsedPart = { documents: Document.Parsed[] } | { tooDeepAt: number } | { tooLarge: true };

/**
 * The documents of one part. yaml composes nested collections recursively and overflows the stack
 * somewhere between 500 and 1,000 levels (depending on the caller's stack), so deeper text is not composed.
 */
export function parsePart(text: string): ParsedPart {
  if (text.length > maxDocumentLength) {
    return { tooLarge: true };
  }
  const tokens = [...new Parser().parse(text)];
  const deep = tooDeepAt(tokens, maxDepth);
  if (deep !== undefined) {
    return { tooDeepAt: deep };
  }
  // Duplicate keys are reported by the validator, with the key's whole range.
  return { documents: [...new Composer({ uniqueKeys: false }).compose(tokens)] };
}

export function parseDocuments(text: string): Document.Parsed[] {
  const parsed = parsePart(text);
  return 'documents' in parsed ? parsed.documents : [];
}

/** The token kind a written kind means: exactly, in another letter case, or misspelt (`TokenRequests`, `token-request`). */
export function tokenKindOf(written: string): TokenKind | undefined {
  return tokenKinds.find((kind) => kind.toLowerCase() === written.toLowerCase()) ?? nearKind(written, tokenKinds);
}

/** In text that is not parsed (too deep, too large), where a `kind:` line names a token kind, if one does. */
export function tokenKindLine(text: string): { start: number; end: number } | undefined {
  for (const match of text.matchAll(/^[ \t-]*["']?kind["']?[ \t]*:[ \t]*["']?([^"'\s#,{}[\]]{1,40})/gm)) {
    if (tokenKindOf(match[1])) {
      return { start: match.index, end: match.index + match[0].length };
    }
  }
  return undefined;
}

/**
 * A document whose root plainly states a kind the validator does not look at (or none), with no
 * alias or merge key there that could bring a kind in: it needs no decoding. Most documents of a
 * large file are such.
 */
export function plainlyOtherKind(document: Document.Parsed, looksAt: (kind: string) => boolean): boolean {
  const root = document.contents;
  if (!isMap(root)) {
    return true;
  }
  let kind: string | undefined;
  for (const pair of root.items) {
    if (!isScalar(pair.key) || pair.key.tag || pair.key.source === '<<') {
      return false;
    }
    if (pair.key.source === 'kind') {
      if (!isScalar(pair.value) || pair.value.tag) {
        return false;
      }
      kind = pair.value.source;
    }
  }
  return kind === undefined || (kind !== 'List' && !looksAt(kind));
}

/** An object of a document, with the entries that say what it is. */
export interface KindedObject {
  kind: string;
  map: DecodedMap;
  kindEntry: DecodedEntry;
  kindText: string;
  /** The apiVersion entry, unless absent or null. */
  apiVersionEntry?: DecodedEntry;
}

export interface TokenObject extends KindedObject {
  kind: TokenKind;
}

/**
 * Whether an apiVersion may belong to a token object: missing, not a string, a bare version (`v1`,
 * which is the core group), a Kubernetes group (`authorization.k8s.io/v1` is a common slip), or a
 * misspelling of the authentication group. Other groups may have kinds of the same name.
 */
function tokenApiVersion(apiVersion: Decoded | undefined): boolean {
  const text = stringOf(apiVersion);
  if (isNull(apiVersion) || text === undefined || !text.includes('/')) {
    return true;
  }
  const group = text.slice(0, text.indexOf('/')).toLowerCase();
  return group === apiGroup || group === 'k8s.io' || group.endsWith('.k8s.io') || nearKind(group, [apiGroup]) !== undefined || apiGroup.startsWith(group);
}

export function tokenObject(value: Decoded | undefined): TokenObject | undefined {
  const map = mapOf(value);
  const kindEntry = entryOf(map, 'kind');
  const kindText = stringOf(kindEntry?.value);
  const kind = kindText === undefined ? undefined : tokenKindOf(kindText);
  const apiVersionEntry = entryOf(map, 'apiVersion');
  if (!map || !kindEntry || kindText === undefined || !kind || !tokenApiVersion(apiVersionEntry?.value)) {
    return undefined;
  }
  return { kind, map, kindEntry, kindText, ...(isNull(apiVersionEntry?.value) ? {} : { apiVersionEntry }) };
}

/** The objects `recognise` takes of one decoded document: its root, or the items of a `kind: List`. */
export function objectsOf<T extends KindedObject>(root: Decoded | undefined, recognise: (value: Decoded | undefined) => T | undefined): T[] {
  const single = recognise(root);
  if (single) {
    return [single];
  }
  const map = mapOf(root);
  const items = entryOf(map, 'items')?.value;
  if (stringOf(entryOf(map, 'kind')?.value) === 'List' && items?.kind === 'seq') {
    return items.items.map(recognise).filter((object): object is T => object !== undefined);
  }
  return [];
}

/** The token objects of one decoded document: its root, or the items of a `kind: List`. */
export function tokenObjects(root: Decoded | undefined): TokenObject[] {
  return objectsOf(root, tokenObject);
}
