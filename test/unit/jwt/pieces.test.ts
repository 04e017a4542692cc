import assert from 'node:assert/strict';
import { test } from 'node:test';
import { plaintextServiceAccountTokens } from '../../../src/jwt/credentials';
import { decodeJwt } from '../../../src/jwt/decode';
import { IssuerKeyCache, maxAgeSeconds } from '../../../src/jwt/keyCache';
import { describeJwt } from '../../../src/jwt/describe';
import { code, hoverMarkdown, maxHoverLines } from '../../../src/jwt/markdown';
import { expiryPhrase, humanDuration, notBeforePhrase } from '../../../src/jwt/time';
import { buildCorpus, now } from '../../fixtures/tokens/corpus';

test('relative times read as people say them', () => {
  assert.equal(expiryPhrase(1000 + 42 * 60, 1000), 'expires in 42 min');
  assert.equal(expiryPhrase(1000, 1000 + 3 * 86400), 'expired 3 days ago');
  assert.equal(notBeforePhrase(1000 + 300, 1000), 'not valid for another 5 min');
  assert.deepEqual([humanDuration(42), humanDuration(3 * 3600 + 5 * 60), humanDuration(5 * 3600), humanDuration(3 * 365 * 86400)], ['42 s', '3 h 5 min', '5 h', '3 years']);
});

test('code spans cannot be closed by the text inside them', () => {
  assert.equal(code('plain'), '`plain`');
  assert.equal(code('a`b'), '``a`b``');
  assert.equal(code('`x`'), '`` `x` ``');
  assert.equal(code('two\nlines'), '`two\\nlines`');
});

test('decode names the broken part', () => {
  assert.deepEqual(decodeJwt('eyJhbGciOiJub25lIn0.e.'), { form: 'malformed', reason: 'payload is not valid base64url' });
  assert.deepEqual(decodeJwt(`${Buffer.from('{"alg":"HS256"}').toString('base64url')}.${Buffer.from([0xff, 0xfe]).toString('base64url')}.c2ln`), { form: 'malformed', reason: 'payload is not valid UTF-8' });
  assert.deepEqual(decodeJwt(`${Buffer.from('[1]').toString('base64url')}.e30.c2ln`), { form: 'malformed', reason: 'header is JSON but not an object' });
});

test('plaintext ServiceAccount tokens: who they act as and until when; other JWTs are not reported', async () => {
  const corpus = await buildCorpus();
  const pick = (name: string) => corpus.find((c) => c.name.startsWith(name))!.token;
  const text = `a: ${pick('bound to a Pod on a node')}\nb: ${pick('legacy')}\nc: ${pick('unbound, expired')}\nd: ${pick('Google')}\n`;
  const report = plaintextServiceAccountTokens(text, now);
  const found = report.tokens;
  assert.deepEqual([report.omitted, report.unchecked, report.summary], [0, 0, undefined]);
  assert.deepEqual(found.map((f) => f.message), [
    'Kubernetes ServiceAccount token in plain text: it acts as system:serviceaccount:demo:vault-auth; valid until 2026-11-24T12:14:00Z (expires in 14 min).',
    'Kubernetes ServiceAccount token in plain text: it acts as system:serviceaccount:payments:ci-deployer; never expires (a legacy token: revoke it by deleting its Secret).',
    'Kubernetes ServiceAccount token in plain text: it acts as system:serviceaccount:demo:vault-auth; expired at 2026-11-21T12:00:00Z (expired 3 days ago).',
  ]);
  assert.deepEqual(found.map((f) => f.expired), [undefined, undefined, 'expired 3 days ago']);
  assert.equal(text.slice(found[1].start, found[1].end), pick('legacy'));
});

test('issuer keys are cached for the max-age only', () => {
  assert.deepEqual([maxAgeSeconds('public, max-age=3600'), maxAgeSeconds('no-store'), maxAgeSeconds(undefined), maxAgeSeconds('public')], [3600, 0, 0, 0]);
  const cache = new IssuerKeyCache();
  const keys = { issuer: 'https://x', jwks: { keys: [] } };
  cache.put('a', keys, 60, 0);
  cache.put('b', keys, 0, 0);
  assert.equal(cache.get('a', 59_999), keys);
  assert.equal(cache.get('a', 60_000), undefined);
  assert.equal(cache.get('b', 0), undefined);
});

test('the hover leads with the summary and the links, and stays within 15 lines with a link to all claims', () => {
  const payload: Record<string, unknown> = { iss: 'https://issuer.example', sub: 'someone', exp: 1_800_003_600, iat: 1_800_000_000 };
  for (let i = 0; i < 40; i++) {
    payload[`claim${i}`] = i;
  }
  const description = describeJwt({ form: 'jws', header: { alg: 'RS256' }, payload, signatureLength: 256, repeated: [] }, 1_800_000_000_000);
  const links = [{ title: 'Verify signature', target: 'command:x' }];
  const markdown = hoverMarkdown(description, links, { title: 'Show all 44 claims', target: 'command:y' });
  const lines = markdown.split('\n').filter((line) => line.trim() !== '');
  assert.ok(lines.length <= maxHoverLines, `${lines.length} lines`);
  assert.match(lines[0], /^\*\*JWT\*\*: /);
  assert.equal(lines[1], '[Verify signature](command:x)');
  assert.equal(lines[lines.length - 1], '[Show all 44 claims](command:y)');
  const few = describeJwt({ form: 'jws', header: { alg: 'RS256' }, payload: { sub: 'a' }, signatureLength: 256, repeated: [] }, 1_800_000_000_000);
  assert.ok(!hoverMarkdown(few, links, { title: 'Show all 1 claims', target: 'command:y' }).includes('Show all'), 'no link when every claim fits');
});

test('the signature length is the number of bytes the signature encodes, counted without decoding it', () => {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  for (let bytes = 1; bytes <= 600; bytes++) {
    const signature = Buffer.alloc(bytes, bytes).toString('base64url');
    const decoded = decodeJwt(`${part({ alg: 'RS256' })}.${part({ sub: 'x' })}.${signature}`);
    assert.equal(decoded.form === 'jws' && decoded.signatureLength, bytes, `${bytes} bytes`);
  }
});
