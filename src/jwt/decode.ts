/**
 * Decodes a compact JWT's parts without verifying anything, and says precisely what is wrong
 * with one that does not decode. jose's own decoders only say "Invalid JWT". Reasons are our
 * words only: they never repeat text from the token, so any view can show them as they are.
 */
import { caseVariantOf } from './algorithms';
import { jsonShape, maxJsonDepth } from './jsonShape';
import { maxTokenLength } from './scan';

export type JsonObject = Record<string, unknown>;

/** A member name that a header or payload object repeats (JSON.parse keeps the last value). */
export interface RepeatedName {
  readonly part: 'header' | 'payload';
  readonly name: string;
}

export type DecodedJwt =
  | { readonly form: 'jws'; readonly header: JsonObject; readonly payload: JsonObject; readonly signatureLength: number; readonly repeated: readonly RepeatedName[] }
  | { readonly form: 'jwe'; readonly header: JsonObject; readonly repeated: readonly RepeatedName[] }
  | { readonly form: 'malformed'; readonly reason: string };

const base64url = /^[A-Za-z0-9_-]*$/;
const utf8 = new TextDecoder('utf-8', { fatal: true });

type Part = { readonly value: JsonObject; readonly repeated: readonly RepeatedName[] } | { readonly error: string };

function decodeJsonPart(segment: string, part: 'header' | 'payload'): Part {
  // A length of 4n+1 cannot come from any byte string.
  if (segment.length === 0 || !base64url.test(segment) || segment.length % 4 === 1) {
    return { error: `${part} is not valid base64url` };
  }
  let text: string;
  try {
    text = utf8.decode(Buffer.from(segment, 'base64url'));
  } catch {
    return { error: `${part} is not valid UTF-8` };
  }
  const shape = jsonShape(text);
  if (shape.tooDeep) {
    return { error: `${part} nests arrays and objects more than ${maxJsonDepth} levels deep, which no real token does` };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { error: `${part} is not JSON` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { error: `${part} is JSON but not an object` };
  }
  return { value: value as JsonObject, repeated: shape.repeatedNames.map((name) => ({ part, name })) };
}

function emptySignatureReason(alg: string): string {
  return caseVariantOf(alg) === 'none'
    ? 'signature is empty and "alg" differs in case from "none": algorithm names are case-sensitive, so no correct library accepts it as an unsigned token'
    : 'signature is empty although the header names a signing algorithm';
}

/** Decodes a token found by the scanner (or typed by a person). Never throws. */
export function decodeJwt(token: string): DecodedJwt {
  if (token.length > maxTokenLength) {
    return { form: 'malformed', reason: `it is ${token.length} characters long; tokens longer than ${maxTokenLength} characters are not read` };
  }
  const segments = token.trim().split('.');
  if (segments.length !== 3 && segments.length !== 5) {
    return { form: 'malformed', reason: `it has ${segments.length} parts; a signed JWT has 3 (header.payload.signature) and an encrypted one 5` };
  }
  const header = decodeJsonPart(segments[0], 'header');
  if ('error' in header) {
    return { form: 'malformed', reason: header.error };
  }
  const alg = header.value.alg;
  if (typeof alg !== 'string') {
    return { form: 'malformed', reason: 'header has no "alg"' };
  }
  if (segments.length === 5) {
    if (typeof header.value.enc !== 'string') {
      return { form: 'malformed', reason: 'it has 5 parts but its header has no "enc", so it is not an encrypted JWT' };
    }
    return { form: 'jwe', header: header.value, repeated: header.repeated };
  }
  const payload = decodeJsonPart(segments[1], 'payload');
  if ('error' in payload) {
    return { form: 'malformed', reason: payload.error };
  }
  const signature = segments[2];
  if (!base64url.test(signature) || signature.length % 4 === 1) {
    return { form: 'malformed', reason: 'signature is not valid base64url' };
  }
  if (signature.length === 0 && alg !== 'none') {
    return { form: 'malformed', reason: emptySignatureReason(alg) };
  }
  return { form: 'jws', header: header.value, payload: payload.value, signatureLength: Buffer.from(signature, 'base64url').length, repeated: [...header.repeated, ...payload.repeated] };
}
