import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { fetchJwks, maxBodyBytes } from '../../../src/jwt/remoteKeys';

let server: Server;
let base: string;
/** Bytes each endless response managed to write before the client went away. */
const written: number[] = [];

function endless(response: ServerResponse, headers: Record<string, string>): void {
  response.writeHead(200, { 'Content-Type': 'application/json', ...headers });
  const chunk = Buffer.alloc(64 * 1024, 0x20);
  let sent = 0;
  const write = () => {
    while (!response.destroyed && sent < 1024 * maxBodyBytes && response.write(chunk)) {
      sent += chunk.length;
    }
    if (response.destroyed || sent >= 1024 * maxBodyBytes) {
      written.push(sent);
      response.destroy();
    }
  };
  response.on('drain', write);
  response.on('close', () => written.push(sent));
  write();
}

const routes: Record<string, (request: IncomingMessage, response: ServerResponse) => void> = {
  '/jwks': (_request, response) => {
    response.writeHead(200, { 'Content-Type': 'application/jwk-set+json' });
    response.end(JSON.stringify({ keys: [{ kty: 'oct', k: 'AA' }] }));
  },
  '/endless': (_request, response) => endless(response, {}),
  // A body that says it is small and is not: the reader counts what arrives.
  '/lying-length': (_request, response) => {
    response.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': String(maxBodyBytes * 2) });
    response.write(Buffer.alloc(maxBodyBytes + 1, 0x20));
  },
  // Headers only, then silence: refused on Content-Length alone, before any of the body is read.
  '/declared-too-large': (_request, response) => {
    response.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': String(maxBodyBytes + 1) });
    response.flushHeaders();
  },
  // Written to the socket by hand: Node's own server refuses such a status line, other servers need not.
  '/bidi-status': (request) => {
    request.socket.end(Buffer.from('HTTP/1.1 500 Fail\u202Eed\r\nContent-Length: 0\r\nConnection: close\r\n\r\n'));
  },
};

before(async () => {
  server = createServer((request, response) => routes[request.url ?? '']?.(request, response));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

test('a key set within the cap is read', async () => {
  const source = await fetchJwks(`${base}/jwks`, AbortSignal.timeout(5_000));
  assert.deepEqual(source, { kind: 'jwks', label: `the JWKS at ${base}/jwks`, jwks: { keys: [{ kty: 'oct', k: 'AA' }] } });
});

test('an endless body is cut off at 1 MiB: reading stops and the connection is dropped', async () => {
  await assert.rejects(fetchJwks(`${base}/endless`, AbortSignal.timeout(10_000)), { message: `${base}/endless answered with more than 1 MiB: not a key set.` });
  await new Promise((resolve) => setTimeout(resolve, 200));
  assert.equal(written.length > 0, true, 'the server saw the client go away');
  assert.ok(written[0] < 16 * maxBodyBytes, `the server wrote ${written[0]} bytes before the client went away`);
});

test('a body longer than its Content-Length says, or a Content-Length over the cap, is refused', async () => {
  await assert.rejects(fetchJwks(`${base}/lying-length`, AbortSignal.timeout(5_000)), /answered with more than 1 MiB: not a key set\.$/);
  await assert.rejects(fetchJwks(`${base}/declared-too-large`, AbortSignal.timeout(5_000)), { message: `${base}/declared-too-large answered with more than 1 MiB: not a key set.` });
});

test('what a server says is shown visibly', async () => {
  await assert.rejects(fetchJwks(`${base}/bidi-status`, AbortSignal.timeout(5_000)), { message: `${base}/bidi-status answered HTTP 500 Fail\\u202Eed.` });
});
