/**
 * Key sets fetched over HTTPS: a JWKS URL the person gives, or (only when they allowed it in a
 * setting) the discovery document named by a token's own `iss`, since fetching it tells that
 * issuer the token was opened.
 */
import type { JSONWebKeySet } from 'jose';
import { visibleText } from '../text/visibleText';
import type { KeySource } from './verify';

export const maxBodyBytes = 1024 * 1024;

/** URLs come from people, discovery documents or tokens' issuers: shown visibly, and cut short. */
function shownUrl(url: URL): string {
  return visibleText(url.href, 200);
}

function checkedUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`${visibleText(text, 200)} is not a URL.`);
  }
  const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new Error(`Keys are fetched over HTTPS only (or HTTP on this machine): ${url.origin} is refused.`);
  }
  return url;
}

/**
 * The body, read until `maxBodyBytes`: a declared Content-Length over the cap is refused before
 * reading, and a body that runs past it (chunked, or lying about its length) is cut off there,
 * so a server cannot make this read without end.
 */
async function cappedBody(response: Response, url: URL, abort: AbortController): Promise<string> {
  const tooLarge = () => new Error(`${shownUrl(url)} answered with more than 1 MiB: not a key set.`);
  if (Number(response.headers.get('content-length') ?? 0) > maxBodyBytes) {
    abort.abort();
    throw tooLarge();
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body?.getReader();
  while (reader) {
    const { done, value } = await reader.read();
    if (done) {
      break;
    }
    size += value.byteLength;
    if (size > maxBodyBytes) {
      abort.abort();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

async function fetchJson(url: URL, signal: AbortSignal): Promise<unknown> {
  const abort = new AbortController();
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.any([signal, abort.signal]), headers: { Accept: 'application/json, application/jwk-set+json' }, redirect: 'error' });
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    throw new Error(`Could not reach ${url.origin}: ${cause?.code ?? cause?.message ?? (error as Error).message}. Check the address and your network.`);
  }
  if (!response.ok) {
    abort.abort();
    throw new Error(`${shownUrl(url)} answered HTTP ${response.status} ${visibleText(response.statusText, 80)}.`);
  }
  const body = await cappedBody(response, url, abort);
  try {
    return JSON.parse(body);
  } catch {
    throw new Error(`${shownUrl(url)} did not answer with JSON.`);
  }
}

/** A JWKS from a URL. */
export async function fetchJwks(urlText: string, signal: AbortSignal): Promise<KeySource> {
  const url = checkedUrl(urlText);
  const body = (await fetchJson(url, signal)) as { keys?: unknown };
  if (!Array.isArray(body?.keys)) {
    throw new Error(`${shownUrl(url)} is not a JWKS: it has no "keys" list.`);
  }
  return { kind: 'jwks', label: `the JWKS at ${shownUrl(url)}`, jwks: body as JSONWebKeySet };
}

/** The issuer's keys through OpenID discovery: `<iss>/.well-known/openid-configuration`, then its `jwks_uri`. */
export async function discoverIssuerKeys(issuer: string, signal: AbortSignal): Promise<{ source: KeySource; issuer: string }> {
  const base = checkedUrl(issuer);
  const discoveryUrl = new URL(`${base.href.replace(/\/$/, '')}/.well-known/openid-configuration`);
  const discovery = (await fetchJson(discoveryUrl, signal)) as { issuer?: unknown; jwks_uri?: unknown };
  if (typeof discovery?.jwks_uri !== 'string') {
    throw new Error(`${shownUrl(discoveryUrl)} names no jwks_uri.`);
  }
  if (discovery.issuer !== issuer) {
    throw new Error(`${shownUrl(discoveryUrl)} says its issuer is ${visibleText(JSON.stringify(discovery.issuer) ?? 'nothing', 200)}, not ${visibleText(issuer, 200)}: its keys do not speak for this token.`);
  }
  const source = await fetchJwks(discovery.jwks_uri, signal);
  return { source: { ...source, label: `the keys of issuer ${visibleText(issuer, 200)}` }, issuer };
}
