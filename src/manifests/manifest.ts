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

/** An empty name or namespace is no name: kubectl and the server then use the context's or the URL's. */
const nonEmpty = (value: string | undefined) => (value === '' ? undefined : value);

function field(value: Decoded | undefined, key: string): Decoded | undefined {
  return entryOf(mapOf(value), key)?.value;
}

/** Built field by field in the order a manifest's fields are declared, not spread: a file of thousands of token objects builds one of these each. */
export function manifestOf(object: TokenObject, errors: Finding[]): TokenManifest {
  const metadata = field(object.map, 'metadata');
  const spec = field(object.map, 'spec');
  const audiences = field(spec, 'audiences');
  const expiration = field(spec, 'expirationSeconds');
  const bound = field(spec, 'boundObjectRef');
  const boundKind = stringOf(field(bound, 'kind'));
  const name = nonEmpty(stringOf(field(metadata, 'name')));
  const namespace = nonEmpty(stringOf(field(metadata, 'namespace')));
  const token = stringOf(field(spec, 'token'));
  const written = object.map.written;
  const manifest: Partial<TokenManifest> = { kind: object.kind, start: written.range![0], end: isAlias(written) ? written.range![1] : contentEnd(object.map.node) };
  if (name !== undefined) {
    manifest.name = name;
  }
  if (namespace !== undefined) {
    manifest.namespace = namespace;
  }
  manifest.audiences = audiences?.kind === 'seq' ? audiences.items.map(stringOf).filter((audience): audience is string => audience !== undefined) : [];
  if (expiration?.kind === 'scalar' && isInt64(expiration.value)) {
    manifest.expirationSeconds = expiration.value;
  }
  if (boundKind !== undefined) {
    const reference: NonNullable<TokenManifest['boundObjectRef']> = { kind: boundKind };
    const apiVersion = stringOf(field(bound, 'apiVersion'));
    const boundName = stringOf(field(bound, 'name'));
    const uid = stringOf(field(bound, 'uid'));
    if (apiVersion !== undefined) {
      reference.apiVersion = apiVersion;
    }
    if (boundName !== undefined) {
      reference.name = boundName;
    }
    if (uid !== undefined) {
      reference.uid = uid;
    }
    manifest.boundObjectRef = reference;
  }
  if (token !== undefined) {
    manifest.token = token;
  }
  manifest.errors = errors;
  return manifest as TokenManifest;
}
