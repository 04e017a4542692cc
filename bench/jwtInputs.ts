/**
 * Seeded inputs for the JWT rows of `npm run bench` (rows 1–4): tokens shaped like the ones
 * kube-apiserver issues, and texts that hold them the way logs, manifests and dumps do. The same
 * seed gives the same text on every run and machine; nothing here is committed as data.
 */

import { seededRandom } from './seededRandom';

const base64urlAlphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)];
}

function randomBase64url(random: () => number, length: number): string {
  let text = '';
  for (let i = 0; i < length; i++) {
    text += base64urlAlphabet[Math.floor(random() * 64)];
  }
  return text;
}

function hex(random: () => number, length: number): string {
  let text = '';
  for (let i = 0; i < length; i++) {
    text += '0123456789abcdef'[Math.floor(random() * 16)];
  }
  return text;
}

function uid(random: () => number): string {
  return `${hex(random, 8)}-${hex(random, 4)}-${hex(random, 4)}-${hex(random, 4)}-${hex(random, 12)}`;
}

const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

const namespaces = ['demo', 'payments', 'kube-system', 'monitoring', 'ci', 'vault'];
const accounts = ['vault-auth', 'web', 'ci-deployer', 'default', 'prometheus', 'fluent-bit'];

/** Seconds since 1970 at which the bench's tokens were issued; the hover's "now" is one hour later. */
export const issuedAt = 1_795_000_000;
export const benchNow = (issuedAt + 3600) * 1000;

/**
 * A bound ServiceAccount token as kube-apiserver writes one for a Pod (TokenRequest with a Pod
 * bound object): RS256, a 43-character kid, every claim of a real one, and a 256-byte signature.
 * About 1,000 characters, like the real thing.
 */
export function kubernetesToken(random: () => number): string {
  const namespace = pick(random, namespaces);
  const name = pick(random, accounts);
  const pod = `${name}-${hex(random, 10)}-${hex(random, 5)}`;
  const header = { alg: 'RS256', kid: randomBase64url(random, 43) };
  const payload = {
    aud: ['https://kubernetes.default.svc.cluster.local'],
    exp: issuedAt + 3607,
    iat: issuedAt,
    iss: 'https://kubernetes.default.svc.cluster.local',
    jti: uid(random),
    'kubernetes.io': {
      namespace,
      node: { name: `node-${Math.floor(random() * 40)}.eu-west-1.compute.internal`, uid: uid(random) },
      pod: { name: pod, uid: uid(random) },
      serviceaccount: { name, uid: uid(random) },
      warnafter: issuedAt + 60,
    },
    nbf: issuedAt,
    sub: `system:serviceaccount:${namespace}:${name}`,
  };
  return `${part(header)}.${part(payload)}.${randomBase64url(random, 342)}`;
}

/** An OIDC access token from some identity provider: not a ServiceAccount token. */
export function oidcToken(random: () => number): string {
  const header = { alg: 'RS256', typ: 'JWT', kid: randomBase64url(random, 20) };
  const payload = { iss: 'https://login.example.com/', sub: uid(random), aud: 'api://orders', scope: 'orders.read orders.write', iat: issuedAt, exp: issuedAt + 3600 };
  return `${part(header)}.${part(payload)}.${randomBase64url(random, 342)}`;
}

/** A small unsigned token (`alg: none`), as tests and fixtures hold them by the thousand. */
export function smallUnsignedToken(index: number): string {
  return `${part({ alg: 'none' })}.${part({ sub: `user-${index}`, iat: issuedAt + index, aud: 'svc' })}.`;
}

const logMessages = [
  'request completed',
  'watch closed with: context canceled',
  'Started container',
  'Readiness probe failed: HTTP probe failed with statuscode: 503',
  'Successfully pulled image "registry.example.com/payments/api:1.24.3" in 1.2s',
  'reconciling object',
  'lease renewed',
  'GET /api/v1/namespaces/demo/pods?limit=500 200 OK',
];

const yamlLines = [
  'apiVersion: apps/v1',
  'kind: Deployment',
  'metadata:',
  '  name: payments-api',
  '  namespace: payments',
  '  labels:',
  '    app.kubernetes.io/name: payments-api',
  'spec:',
  '  replicas: 3',
  '  template:',
  '    spec:',
  '      serviceAccountName: vault-auth',
  '      containers:',
  '        - name: api',
  '          image: registry.example.com/payments/api:1.24.3',
  '          env:',
  '            - name: LOG_LEVEL',
  '              value: debug',
];

/** The ways a token sits in a line: glued to `Bearer%20`, in a header, a YAML value, a JSON string, an env var. */
const tokenLines: ReadonlyArray<(token: string, random: () => number) => string> = [
  (token) => `Authorization: Bearer ${token}`,
  (token, random) => `2026-11-24T12:00:${String(Math.floor(random() * 60)).padStart(2, '0')}Z INFO proxy.go:231 forwarding url=/api/v1/pods?access_token=Bearer%20${token}&watch=1`,
  (token) => `    token: ${token}`,
  (token) => `{"level":"debug","msg":"token:\\n${token}\\n","ts":1795000000.123}`,
  (token) => `export SA_TOKEN_${token}`,
];

function noiseLine(random: () => number, index: number): string {
  if (random() < 0.3) {
    return yamlLines[index % yamlLines.length];
  }
  const level = pick(random, ['INFO', 'INFO', 'INFO', 'WARN', 'DEBUG', 'ERROR']);
  const second = String(Math.floor(random() * 60)).padStart(2, '0');
  return `2026-11-24T12:${String(index % 60).padStart(2, '0')}:${second}.${hex(random, 3)}Z ${level} controller.go:${Math.floor(random() * 900)}] ${pick(random, logMessages)} namespace=${pick(random, namespaces)} pod=${pick(random, accounts)}-${hex(random, 5)} trace=${hex(random, 16)}`;
}

/**
 * Row 1's text: log and YAML lines, about 1 % of them holding a JWT (ServiceAccount and OIDC
 * tokens, glued as they are in real files), until it is `length` characters long.
 */
export function mixedText(length: number, seed: number): string {
  const random = seededRandom(seed);
  const tokens = Array.from({ length: 64 }, (_, i) => (i % 4 === 3 ? oidcToken(random) : kubernetesToken(random)));
  const lines: string[] = [];
  let size = 0;
  for (let index = 0; size < length; index++) {
    const line = random() < 0.01 ? pick(random, tokenLines)(pick(random, tokens), random) : noiseLine(random, index);
    lines.push(line);
    size += line.length + 1;
  }
  return lines.join('\n').slice(0, length);
}

/** A small ServiceAccount token, as a test cluster issues them: only the claims that make it one. */
export function smallServiceAccountToken(random: () => number, index: number): string {
  const payload = { 'kubernetes.io': { namespace: 'demo', serviceaccount: { name: `sa-${index}`, uid: uid(random) } }, exp: issuedAt + 3600, sub: `system:serviceaccount:demo:sa-${index}` };
  return `${part({ alg: 'RS256', kid: 'k1' })}.${part(payload)}.${randomBase64url(random, 86)}`;
}

/**
 * Row 3's first text: `count` lines each holding one small token, padded to `lineLength`: one in
 * `serviceAccountEvery` a small ServiceAccount token, the others small unsigned tokens.
 */
export function smallTokensText(count: number, lineLength: number, serviceAccountEvery: number, seed: number): string {
  const random = seededRandom(seed);
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    const token = i % serviceAccountEvery === 0 ? smallServiceAccountToken(random, i) : smallUnsignedToken(i);
    lines.push(`f${i}: ${token}`.padEnd(lineLength - 1, ' '));
  }
  return `${lines.join('\n')}\n`;
}

/** Row 3's second text: a log of `count` lines, each with one real-size ServiceAccount token (10,000 of them make 13 MB). */
export function serviceAccountLog(count: number, seed: number): string {
  const random = seededRandom(seed);
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    lines.push(`2026-11-24T12:00:00.${String(i % 1000).padStart(3, '0')}Z INFO authn.go:88] authenticated request token=${kubernetesToken(random)} path=/api/v1/namespaces/demo/secrets`);
  }
  return `${lines.join('\n')}\n`;
}
