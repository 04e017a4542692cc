/**
 * Key sets fetched over HTTPS: a JWKS URL the person gives, or (only when they allowed it in a
 * setting) the discovery document named by a token's own `iss`, since fetching it tells that
 * issuer the token was opened.
 */
import type { JSONWebKeySet } from 'jose';
import { visibleText } from '../text/visibleText';
import type { KeySource } from './verify';
import * as l10n from '../text/l10n';

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
    throw new Error(l10n.t('{0} is not a URL.', visibleText(text, 200)));
  }
  const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new Error(l10n.t('Keys are fetched over HTTPS only (or HTTP on this machine): {0} is refused.', url.origin));
  }
  return url;
}

/**
 * The body, read until `maxBodyBytes`: a declared Content-Length over the cap is refused before
 * reading, and a body that runs past it (chunked, or lying about its length) is cut off there,
 * so a server cannot make this read without end.
 */
async function cappedBody(response: Response, url: URL, abort: AbortController): Promise<string> {
  const tooLarge = () => new Error(l10n.t('{0} answered with more than 1 MiB: not a key set.', shownUrl(url)));
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
    throw new Error(l10n.t('Could not reach {0}: {1}. Check the address and your network.', url.origin, cause?.code ?? cause?.message ?? (error as Error).message));
  }
  if (!response.ok) {
    abort.abort();
    throw new Error(l10n.t('{0} answered HTTP {1} {2}.', shownUrl(url), response.status, visibleText(response.statusText, 80)));
  }
  const body = await cappedBody(response, url, abort);
  try {
    return JSON.parse(body);
  } catch {
    throw new Error(l10n.t('{0} did not answer with JSON.', shownUrl(url)));
  }
}

/** A JWKS from a URL. */
export async function fetchJwks(urlText: string, signal: AbortSignal): Promise<KeySource> {
  const url = checkedUrl(urlText);
  const body = (await fetchJson(url, signal)) as { keys?: unknown };
  if (!Array.isArray(body?.keys)) {
    throw new Error(l10n.t('{0} is not a JWKS: it has no "keys" list.', shownUrl(url)));
  }
  return { kind: 'jwks', label: l10n.t('the JWKS at {0}', shownUrl(url)), jwks: body as JSONWebKeySet };
}

/** The issuer's keys through OpenID discovery: `<iss>/.well-known/openid-configuration`, then its `jwks_uri`. */
export async function discoverIssuerKeys(issuer: string, signal: AbortSignal): Promise<{ source: KeySource; issuer: string }> {
  const base = checkedUrl(issuer);
  const discoveryUrl = new URL(`${base.href.replace(/\/$/, '')}/.well-known/openid-configuration`);
  const discovery = (await fetchJson(discoveryUrl, signal)) as { issuer?: unknown; jwks_uri?: unknown };
  if (typeof discovery?.jwks_uri !== 'string') {
    throw new Error(l10n.t('{0} names no jwks_uri.', shownUrl(discoveryUrl)));
  }
  if (discovery.issuer !== issuer) {
    throw new Error(l10n.t('{0} says its issuer is {1}, not {2}: its keys do not speak for this token.', shownUrl(discoveryUrl), visibleText(JSON.stringify(discovery.issuer) ?? l10n.t('nothing'), 200), visibleText(issuer, 200)));
  }
  const source = await fetchJwks(discovery.jwks_uri, signal);
  return { source: { ...source, label: l10n.t('the keys of issuer {0}', visibleText(issuer, 200)) }, issuer };
}
