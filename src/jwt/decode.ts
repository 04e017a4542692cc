/**
 * Decodes a compact JWT's parts without verifying anything, and says precisely what is wrong
 * with one that does not decode. jose's own decoders only say "Invalid JWT". Reasons are our
 * words only: they never repeat text from the token, so any view can show them as they are.
 */
import { caseVariantOf } from './algorithms';
import { jsonShape, maxJsonDepth, parsedJsonShape } from './jsonShape';
import { maxTokenLength } from './scan';
import * as l10n from '../text/l10n';

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
    return { error: l10n.t('{0} is not valid base64url', part) };
  }
  let text: string;
  try {
    text = utf8.decode(Buffer.from(segment, 'base64url'));
  } catch {
    return { error: l10n.t('{0} is not valid UTF-8', part) };
  }
  // Formatted only when a part is too deep: the hover decodes on every request (`npm run bench -- 4`).
  const tooDeep = () => l10n.t('{0} nests arrays and objects more than {1} levels deep, which no real token does', part, maxJsonDepth);
  // JSON.parse does not recurse, so any depth is safe to parse; what comes after must not see a deep value.
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { error: jsonShape(text).tooDeep ? tooDeep() : l10n.t('{0} is not JSON', part) };
  }
  const shape = parsedJsonShape(text, value);
  if (shape.tooDeep) {
    return { error: tooDeep() };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { error: l10n.t('{0} is JSON but not an object', part) };
  }
  return { value: value as JsonObject, repeated: shape.repeatedNames.map((name) => ({ part, name })) };
}

function emptySignatureReason(alg: string): string {
  return caseVariantOf(alg) === 'none'
    ? l10n.t('signature is empty and "alg" differs in case from "none": algorithm names are case-sensitive, so no correct library accepts it as an unsigned token')
    : l10n.t('signature is empty although the header names a signing algorithm');
}

/** Decodes a token found by the scanner (or typed by a person). Never throws. */
export function decodeJwt(token: string): DecodedJwt {
  if (token.length > maxTokenLength) {
    return { form: 'malformed', reason: l10n.t('it is {0} characters long; tokens longer than {1} characters are not read', token.length, maxTokenLength) };
  }
  const segments = token.trim().split('.');
  if (segments.length !== 3 && segments.length !== 5) {
    return { form: 'malformed', reason: l10n.t('it has {0} parts; a signed JWT has 3 (header.payload.signature) and an encrypted one 5', segments.length) };
  }
  const header = decodeJsonPart(segments[0], 'header');
  if ('error' in header) {
    return { form: 'malformed', reason: header.error };
  }
  const alg = header.value.alg;
  if (typeof alg !== 'string') {
    return { form: 'malformed', reason: l10n.t('header has no "alg"') };
  }
  if (segments.length === 5) {
    if (typeof header.value.enc !== 'string') {
      return { form: 'malformed', reason: l10n.t('it has 5 parts but its header has no "enc", so it is not an encrypted JWT') };
    }
    return { form: 'jwe', header: header.value, repeated: header.repeated };
  }
  const payload = decodeJsonPart(segments[1], 'payload');
  if ('error' in payload) {
    return { form: 'malformed', reason: payload.error };
  }
  const signature = segments[2];
  if (!base64url.test(signature) || signature.length % 4 === 1) {
    return { form: 'malformed', reason: l10n.t('signature is not valid base64url') };
  }
  if (signature.length === 0 && alg !== 'none') {
    return { form: 'malformed', reason: emptySignatureReason(alg) };
  }
  // Unpadded base64url writes 3 bytes in 4 characters; counting them needs no decoding.
  const signatureLength = Math.floor((signature.length * 3) / 4);
  return { form: 'jws', header: header.value, payload: payload.value, signatureLength, repeated: [...header.repeated, ...payload.repeated] };
}
