// Helpers for the tests that call the local server's routes and handlers directly, and compare
// what they answer with what the same request gets over HTTPS.
import https from 'node:https';
import { parse } from 'yaml';
import type { User } from './api/authentication';
import type { RequestContext, ServerState } from './api/context';
import { TokenAuthenticator } from './api/tokenAuthenticator';
import { Clock } from './clock';
import type { LocalCluster } from './server';
import { ServiceAccountTokens } from './serviceAccountTokens';
import { Store } from './store';
import { behaviourOf, newestVersion, type KubernetesVersion } from './version';

export const admin: User = { name: 'admin', groups: ['system:masters', 'system:authenticated'] };
export const restricted: User = { name: 'restricted', groups: ['system:authenticated'] };

/** A server's state without a server: a store holding just demo/vault-auth, and ES256 keys, the quicker to make. */
export async function standaloneState(version: KubernetesVersion = newestVersion): Promise<ServerState> {
  const store = new Store();
  store.create('namespaces', { name: 'demo' });
  store.create('serviceaccounts', { name: 'vault-auth', namespace: 'demo' });
  const url = 'https://127.0.0.1:6443';
  const clock = new Clock();
  const behaviour = behaviourOf(version);
  const tokens = await ServiceAccountTokens.create(store, url, [url], 'ES256', behaviour, clock);
  return { url, store, tokens, authenticator: new TokenAuthenticator(new Map(), tokens, clock), clock, version, behaviour, maxExpirationSeconds: undefined };
}

/** A request's body as the handlers read it, JSON-encoded. */
export const jsonBody = (value: unknown) => () => Promise.resolve(Buffer.from(JSON.stringify(value)));

export function requestContext(state: ServerState, method: string, path: string, fields: Partial<Omit<RequestContext, 'state' | 'method' | 'path'>> = {}): RequestContext {
  return { state, user: admin, method, path, params: {}, query: new URLSearchParams(), accept: '', body: jsonBody({}), ...fields };
}

/** One request over HTTPS as the admin user, the body sent as given; a body that is not JSON comes back as text. */
export function send(cluster: LocalCluster, method: string, path: string, body?: string): Promise<{ status: number; body: unknown }> {
  const token = (parse(cluster.kubeconfigYaml('admin')) as { users: { user: { token: string } }[] }).users[0].user.token;
  return new Promise((resolve, reject) => {
    const request = https.request(`${cluster.url}${path}`, { method, ca: cluster.caPem, headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' } }, (response) => {
      let text = '';
      response.on('data', (chunk: Buffer) => (text += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: response.headers['content-type']?.startsWith('application/json') ? JSON.parse(text) : text }));
    });
    request.on('error', reject);
    request.end(body);
  });
}
