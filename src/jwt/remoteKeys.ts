/**
 * Key sets fetched over HTTPS: a JWKS URL the person gives, or (only when they allowed it in a
 * setting) the discovery document named by a token's own `iss`, since fetching it tells that
 * issuer the token was opened.
 */
import type { JSONWebKeySet } from 'jose';
import type { KeySource } from './verify';

const maxBodyBytes = 1024 * 1024;

function checkedUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`${text} is not a URL.`);
  }
  const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new Error(`Keys are fetched over HTTPS only (or HTTP on this machine): ${url.origin} is refused.`);
  }
  return url;
}

async function fetchJson(url: URL, signal: AbortSignal): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(url, { signal, headers: { Accept: 'application/json, application/jwk-set+json' }, redirect: 'error' });
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    throw new Error(`Could not reach ${url.origin}: ${cause?.code ?? cause?.message ?? (error as Error).message}. Check the address and your network.`);
  }
  if (!response.ok) {
    throw new Error(`${url.href} answered HTTP ${response.status} ${response.statusText}.`);
  }
  const body = await response.text();
  if (body.length > maxBodyBytes) {
    throw new Error(`${url.href} answered with more than 1 MiB: not a key set.`);
  }
  try {
    return JSON.parse(body);
  } catch {
    throw new Error(`${url.href} did not answer with JSON.`);
  }
}

/** A JWKS from a URL. */
export async function fetchJwks(urlText: string, signal: AbortSignal): Promise<KeySource> {
  const url = checkedUrl(urlText);
  const body = (await fetchJson(url, signal)) as { keys?: unknown };
  if (!Array.isArray(body?.keys)) {
    throw new Error(`${url.href} is not a JWKS: it has no "keys" list.`);
  }
  return { kind: 'jwks', label: `the JWKS at ${url.href}`, jwks: body as JSONWebKeySet };
}

/** The issuer's keys through OpenID discovery: `<iss>/.well-known/openid-configuration`, then its `jwks_uri`. */
export async function discoverIssuerKeys(issuer: string, signal: AbortSignal): Promise<{ source: KeySource; issuer: string }> {
  const base = checkedUrl(issuer);
  const discoveryUrl = new URL(`${base.href.replace(/\/$/, '')}/.well-known/openid-configuration`);
  const discovery = (await fetchJson(discoveryUrl, signal)) as { issuer?: unknown; jwks_uri?: unknown };
  if (typeof discovery?.jwks_uri !== 'string') {
    throw new Error(`${discoveryUrl.href} names no jwks_uri.`);
  }
  if (discovery.issuer !== issuer) {
    throw new Error(`${discoveryUrl.href} says its issuer is ${String(discovery.issuer)}, not ${issuer}: its keys do not speak for this token.`);
  }
  const source = await fetchJwks(discovery.jwks_uri, signal);
  return { source: { ...source, label: `the keys of issuer ${issuer}` }, issuer };
}
