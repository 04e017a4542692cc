import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodedDocument, maskToken } from '../../../src/tokens/decodedDocument';

const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const token = `${encode({ alg: 'RS256', kid: 'k1' })}.${encode({ sub: 'system:serviceaccount:demo:vault-auth', aud: ['vault'] })}.c2lnbmF0dXJl`;

test('the decoded view shows header and claims, and masks the token until revealed', () => {
  const masked = decodedDocument(token, false);
  assert.match(masked, /"kid": "k1"/);
  assert.match(masked, /"sub": "system:serviceaccount:demo:vault-auth"/);
  assert.ok(!masked.includes(token), 'the raw token must not be shown');
  assert.ok(!masked.includes('c2lnbmF0dXJl'), 'nor its signature');
  assert.ok(decodedDocument(token, true).includes(token));
});

test('a token that does not decode says so', () => {
  assert.match(decodedDocument('not.a.jwt', false), /This is not a decodable JWT/);
});

test('masking keeps only the first characters of the header', () => {
  assert.equal(maskToken('short'), '•••••');
  assert.equal(maskToken(token), `${token.slice(0, 8)}… (${token.length} characters, masked)`);
});
