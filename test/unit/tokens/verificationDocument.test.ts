import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SignJWT, type JWTPayload } from 'jose';
import { verifyJwt, type KeySource, type Verification } from '../../../src/jwt/verify';
import { verificationDocument, verificationHeadline, type VerificationResult } from '../../../src/tokens/verificationDocument';
import { injections } from '../../fixtures/tokens/hostile';

process.env.TZ = 'UTC';

const nowSeconds = 1_800_000_000;
const now = nowSeconds * 1000;
const secret = 'a-shared-secret-of-32-bytes-long';
const source: KeySource = { kind: 'secret', label: 'the shared secret', secret };
const sign = (payload: JWTPayload, kid = 'k1') => new SignJWT(payload).setProtectedHeader({ alg: 'HS256', kid }).sign(new TextEncoder().encode(secret));
const claims = { iss: 'app', sub: 'me', aud: ['vault'], exp: nowSeconds + 14 * 60, iat: nowSeconds - 60 };
const invisible = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}\u115F\u1160\u3164\uFFA0]/u;

async function checked(token: string, audience?: string): Promise<VerificationResult> {
  const verification = await verifyJwt(token, source, { now, audience });
  return { token, source: { kind: 'clipboard' }, audience, verification, verifiedAt: now };
}

test('a check reads as when, with which keys, which token (masked), the outcome, and each check as of when it ran', async () => {
  const token = await sign(claims);
  const document = verificationDocument(2, await checked(token, 'vault'));
  assert.equal(document.fileName, 'Signature check 2.txt');
  assert.equal(
    document.render(now),
    [
      'Verified 2027-01-15 08:00:00 local time (UTC+00:00), 2027-01-15 08:00:00 UTC',
      'Keys: the shared secret',
      'Audience required: vault',
      `Token: the token on the clipboard, ${token.slice(0, 8)}… (${token.length} characters, masked)`,
      'Decoded: JWT: issued by app, for me, audience vault, expires in 14 min',
      '',
      'The token is valid.',
      'What the check found, with times as of when it ran:',
      'Signature valid (HS256, kid k1), checked with the shared secret.',
      '✓ exp: expires in 14 min (2027-01-15T08:14:00Z)',
      '✓ iat: issued in the past',
      '✓ aud: includes vault',
      '',
    ].join('\n'),
  );
  const later = now + document.msUntilChange(now)!;
  assert.match(document.render(later), /^Decoded: .*expires in 13 min$/m, 'the decoded line follows the clock');
  assert.match(document.render(later), /^✓ exp: expires in 14 min \(2027-01-15T08:14:00Z\)$/m, 'the check stays as it was found');
  assert.ok(!document.render(now).includes(token.split('.')[1]));
});

test('the headline tells a valid token, a valid signature with a failed check, notes, and no verification apart', () => {
  const base: Verification = { valid: true, signatureValid: true, signature: 's', verifiedWith: 'k', checks: [], notes: [] };
  assert.equal(verificationHeadline(base), 'The token is valid.');
  assert.equal(verificationHeadline({ ...base, notes: ['never expires'] }), 'The signature is valid; read the notes below.');
  assert.equal(verificationHeadline({ ...base, valid: false }), 'The signature is valid, but a claim check failed.');
  assert.equal(verificationHeadline({ ...base, valid: false, signatureValid: false }), 'The token could not be verified.');
});

test('no audience required says the aud claim was not checked', async () => {
  const text = verificationDocument(1, await checked(await sign(claims))).render(now);
  assert.match(text, /^Audience required: none \(the aud claim was not checked\)$/m);
});

test('hostile kids, audiences, claims and key labels cannot add, forge or reorder a line', async () => {
  const benign = verificationDocument(1, await checked(await sign(claims), 'vault')).render(now);
  for (const { name, raw } of injections) {
    const token = await sign({ ...claims, sub: raw, aud: [raw] }, raw);
    const result = await checked(token, raw);
    const text = verificationDocument(1, { ...result, verification: { ...result.verification, verifiedWith: raw } }).render(now);
    assert.doesNotMatch(text.replace(/\n/g, ''), invisible, name);
    assert.equal(text.split('\n').length, benign.split('\n').length, `${name}: the same lines as a benign check`);
    assert.ok(!text.includes(token), name);
  }
});

test('a huge key label is bounded', async () => {
  const result = await checked(await sign(claims));
  const text = verificationDocument(1, { ...result, verification: { ...result.verification, verifiedWith: 'x'.repeat(1_000_000) } }).render(now);
  assert.ok(text.length < 10_000, `${text.length} characters`);
});
