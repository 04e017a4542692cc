/**
 * Decodes a compact JWT's parts without verifying anything, and says precisely what is wrong
 * with one that does not decode. jose's own decoders only say "Invalid JWT".
 */

export type JsonObject = Record<string, unknown>;

export type DecodedJwt =
  | { readonly form: 'jws'; readonly header: JsonObject; readonly payload: JsonObject; readonly signatureLength: number }
  | { readonly form: 'jwe'; readonly header: JsonObject }
  | { readonly form: 'malformed'; readonly reason: string };

const base64url = /^[A-Za-z0-9_-]*$/;
const utf8 = new TextDecoder('utf-8', { fatal: true });

type Part = { readonly value: JsonObject } | { readonly error: string };

function decodeJsonPart(segment: string, name: 'header' | 'payload'): Part {
  // A length of 4n+1 cannot come from any byte string.
  if (segment.length === 0 || !base64url.test(segment) || segment.length % 4 === 1) {
    return { error: `${name} is not valid base64url` };
  }
  let text: string;
  try {
    text = utf8.decode(Buffer.from(segment, 'base64url'));
  } catch {
    return { error: `${name} is not valid UTF-8` };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { error: `${name} is not JSON` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { error: `${name} is JSON but not an object` };
  }
  return { value: value as JsonObject };
}

/** Decodes a token found by the scanner (or typed by a person). */
export function decodeJwt(token: string): DecodedJwt {
  const segments = token.trim().split('.');
  if (segments.length !== 3 && segments.length !== 5) {
    return { form: 'malformed', reason: `it has ${segments.length} parts; a signed JWT has 3 (header.payload.signature) and an encrypted one 5` };
  }
  const header = decodeJsonPart(segments[0], 'header');
  if ('error' in header) {
    return { form: 'malformed', reason: header.error };
  }
  if (typeof header.value.alg !== 'string') {
    return { form: 'malformed', reason: 'header has no "alg"' };
  }
  if (segments.length === 5) {
    if (typeof header.value.enc !== 'string') {
      return { form: 'malformed', reason: 'it has 5 parts but its header has no "enc", so it is not an encrypted JWT' };
    }
    return { form: 'jwe', header: header.value };
  }
  const payload = decodeJsonPart(segments[1], 'payload');
  if ('error' in payload) {
    return { form: 'malformed', reason: payload.error };
  }
  const signature = segments[2];
  if (!base64url.test(signature) || signature.length % 4 === 1) {
    return { form: 'malformed', reason: 'signature is not valid base64url' };
  }
  if (signature.length === 0 && header.value.alg !== 'none') {
    return { form: 'malformed', reason: 'signature is empty although the header names a signing algorithm' };
  }
  return { form: 'jws', header: header.value, payload: payload.value, signatureLength: Buffer.from(signature, 'base64url').length };
}
