// What a lens sends for a token object: the values kubectl would send, read from the same decoded
// document the rules checked, so what is sent is what was validated.
import { isAlias } from 'yaml';
import { entryOf, mapOf, stringOf, type Decoded } from './decode';
import type { TokenObject } from './documents';
import { contentEnd } from './edits';
import type { TokenKind } from './fields';
import type { Finding } from './findings';
import { isInt64 } from './structure';

export interface TokenManifest {
  kind: TokenKind;
  /** Offsets of the object as written: the document, or the item (or alias) of a `kind: List`. */
  start: number;
  end: number;
  name?: string;
  namespace?: string;
  audiences: string[];
  expirationSeconds?: number;
  boundObjectRef?: { kind: string; apiVersion?: string; name?: string; uid?: string };
  token?: string;
  /** The error-severity findings of this object, syntax errors of its document included. */
  errors: Finding[];
}

const optional = <T>(key: string, value: T | undefined) => (value === undefined ? {} : { [key]: value });

/** An empty name or namespace is no name: kubectl and the server then use the context's or the URL's. */
const nonEmpty = (value: string | undefined) => (value === '' ? undefined : value);

export function manifestOf(object: TokenObject, errors: Finding[]): TokenManifest {
  const get = (value: Decoded | undefined, key: string) => entryOf(mapOf(value), key)?.value;
  const metadata = get(object.map, 'metadata');
  const spec = get(object.map, 'spec');
  const audiences = get(spec, 'audiences');
  const expiration = get(spec, 'expirationSeconds');
  const bound = get(spec, 'boundObjectRef');
  const boundKind = stringOf(get(bound, 'kind'));
  const written = object.map.written;
  return {
    kind: object.kind,
    start: written.range![0],
    end: isAlias(written) ? written.range![1] : contentEnd(object.map.node),
    ...optional('name', nonEmpty(stringOf(get(metadata, 'name')))),
    ...optional('namespace', nonEmpty(stringOf(get(metadata, 'namespace')))),
    audiences: audiences?.kind === 'seq' ? audiences.items.map(stringOf).filter((audience): audience is string => audience !== undefined) : [],
    ...optional('expirationSeconds', expiration?.kind === 'scalar' && isInt64(expiration.value) ? expiration.value : undefined),
    ...optional(
      'boundObjectRef',
      boundKind === undefined ? undefined : { kind: boundKind, ...optional('apiVersion', stringOf(get(bound, 'apiVersion'))), ...optional('name', stringOf(get(bound, 'name'))), ...optional('uid', stringOf(get(bound, 'uid'))) },
    ),
    ...optional('token', stringOf(get(spec, 'token'))),
    errors,
  };
}
