// Raw HTTPS exchanges with the local server and a matcher for expected answers, for the fidelity
// table: no client library between the test and the bytes a real kube-apiserver would send.
import assert from 'node:assert/strict';
import https from 'node:https';
import type { IncomingHttpHeaders } from 'node:http';
import { parse } from 'yaml';
import type { LocalCluster, LocalUser } from './server';

export interface Exchange {
  /** POST when there is a body, else GET. */
  readonly method?: string;
  readonly path: string;
  /** A string is sent as is; anything else as JSON. */
  readonly body?: unknown;
  /** application/json when there is a body, unless set. */
  readonly contentType?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly user?: Extract<LocalUser, 'admin' | 'restricted'>;
}

export interface Answered {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly text: string;
  /** The body parsed, when it is JSON. */
  readonly json?: unknown;
}

export function exchange(cluster: LocalCluster, request: Exchange): Promise<Answered> {
  const token = (parse(cluster.kubeconfigYaml(request.user ?? 'admin')) as { users: { user: { token: string } }[] }).users[0].user.token;
  const payload = request.body === undefined ? undefined : typeof request.body === 'string' ? request.body : JSON.stringify(request.body);
  const headers: Record<string, string> = { Authorization: `Bearer ${token}`, ...(payload === undefined ? {} : { 'Content-Type': request.contentType ?? 'application/json' }), ...request.headers };
  return new Promise((resolve, reject) => {
    const outgoing = https.request(`${cluster.url}${request.path}`, { method: request.method ?? (payload === undefined ? 'GET' : 'POST'), ca: cluster.caPem, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const json = response.headers['content-type']?.startsWith('application/json') ? (JSON.parse(text) as unknown) : undefined;
        resolve({ status: response.statusCode ?? 0, headers: response.headers, text, json });
      });
    });
    outgoing.on('error', reject);
    outgoing.end(payload);
  });
}

/** A value the answer must have: itself, a pattern for a string, or for an object the fields listed (others may be present). */
export type Expected = string | number | boolean | null | RegExp | readonly Expected[] | { readonly [key: string]: Expected | undefined };

/** Fields set to undefined must be absent; arrays must match item for item. */
export function assertMatches(actual: unknown, expected: Expected | undefined, where: string): void {
  if (expected === undefined) {
    assert.equal(actual, undefined, `${where} should be absent`);
  } else if (expected instanceof RegExp) {
    assert.match(String(actual), expected, where);
  } else if (Array.isArray(expected)) {
    assert.ok(Array.isArray(actual), `${where} should be a list: ${JSON.stringify(actual)}`);
    assert.equal(actual.length, expected.length, `${where} length: ${JSON.stringify(actual)}`);
    expected.forEach((item, index) => assertMatches(actual[index], item, `${where}[${index}]`));
  } else if (typeof expected === 'object' && expected !== null) {
    assert.ok(typeof actual === 'object' && actual !== null, `${where} should be an object: ${JSON.stringify(actual)}`);
    for (const [key, value] of Object.entries(expected)) {
      assertMatches((actual as Record<string, unknown>)[key], value, `${where}.${key}`);
    }
  } else {
    assert.equal(actual, expected, where);
  }
}
