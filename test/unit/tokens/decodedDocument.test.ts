import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodedDocument, maskToken } from '../../../src/tokens/decodedDocument';

const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const issuedAt = 1_800_000_000;
const token = `${encode({ alg: 'RS256', kid: 'k1' })}.${encode({ sub: 'system:serviceaccount:demo:vault-auth', aud: ['vault'], iat: issuedAt, exp: issuedAt + 3600 })}.c2lnbmF0dXJl`;
const now = (issuedAt + 600) * 1000;

test('the decoded view shows header and claims, and masks the token until revealed', () => {
  const masked = decodedDocument(token, false, now);
  assert.match(masked, /"kid": "k1"/);
  assert.match(masked, /"sub": "system:serviceaccount:demo:vault-auth"/);
  assert.ok(!masked.includes(token), 'the raw token must not be shown');
  assert.ok(!masked.includes('c2lnbmF0dXJl'), 'nor its signature');
  assert.ok(decodedDocument(token, true, now).includes(token));
});

test('a token that does not decode says why', () => {
  assert.match(decodedDocument('eyJub3QiOiJqd3QifQ.e30.c2ln', false, now), /cannot be decoded: header has no "alg"/);
});

test('masking keeps only the first characters of the header', () => {
  assert.equal(maskToken('short'), '•••••');
  assert.equal(maskToken(token), `${token.slice(0, 8)}… (${token.length} characters, masked)`);
});

test('times are shown absolute and relative to now, as in the hover', () => {
  assert.match(decodedDocument(token, false, now), /- issued 2027-01-15T08:00:00Z: issued 10 min ago\n- expires 2027-01-15T09:00:00Z: expires in 50 min/);
  assert.match(decodedDocument(token, false, (issuedAt + 7200) * 1000), /expired 60 min ago/);
});

test('a token nesting 10,000 arrays is described as malformed instead of throwing', () => {
  const deep = `${encode({ alg: 'HS256' })}.${Buffer.from(`{"a":${'['.repeat(10_000)}${']'.repeat(10_000)}}`).toString('base64url')}.c2ln`;
  assert.match(decodedDocument(deep, false, now), /cannot be decoded: payload nests arrays and objects more than 64 levels deep, which no real token does\./);
});

test('the JSON blocks show invisible characters as JSON escapes, and stay the same JSON', () => {
  const payload = { sub: 'admin\u202Etxt.exe', note: '```\n# not a heading', zero: 'a\u200Bb' };
  const view = decodedDocument(`${encode({ alg: 'HS256' })}.${encode(payload)}.c2ln`, false, now);
  assert.ok(view.includes('"sub": "admin\\u202Etxt.exe"'));
  assert.ok(view.includes('"zero": "a\\u200Bb"'));
  const block = /^(`{3,})json\n([\s\S]*?)\n\1$/m.exec(view.slice(view.indexOf('## Payload')));
  assert.equal(block?.[1], '````', 'the fence is longer than the backticks in the payload');
  assert.deepEqual(JSON.parse(block[2]), payload);
});

test('a typed token is shown inert, masked or revealed', () => {
  const typed = '[x](command:y)\u202E\n# heading';
  assert.ok(decodedDocument(typed, false, now).includes('`[x] (comm… (25 characters, masked)`: reveal it'));
  assert.ok(decodedDocument(typed, true, now).includes('`[x](command:y)\\u202E\\n# heading`'));
});
