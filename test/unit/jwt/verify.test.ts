import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, SignJWT, type JWK, type JWTPayload } from 'jose';
import { decodeJwt } from '../../../src/jwt/decode';
import { describeJwt } from '../../../src/jwt/describe';
import { keySourceFromText, verificationLines, verifyJwt, type KeySource } from '../../../src/jwt/verify';
import { b64 } from '../../fixtures/tokens/hostile';

interface Pair {
  readonly privateKey: CryptoKey;
  readonly jwk: JWK;
  readonly thumbprint: string;
}

let first: Pair;
let second: Pair;
let other: Pair;
const now = Date.UTC(2026, 10, 24, 12, 0, 0);
const nowSeconds = now / 1000;
const issuer = 'https://kubernetes.default.svc.cluster.local';

before(async () => {
  const pair = async (): Promise<Pair> => {
    const { privateKey, publicKey } = await generateKeyPair('RS256');
    const jwk = { ...(await exportJWK(publicKey)), use: 'sig', alg: 'RS256' };
    return { privateKey, jwk, thumbprint: await calculateJwkThumbprint(jwk) };
  };
  [first, second, other] = await Promise.all([pair(), pair(), pair()]);
});

const sign = (key: Pair, payload: JWTPayload, kid?: string) => new SignJWT(payload).setProtectedHeader(kid === undefined ? { alg: 'RS256' } : { alg: 'RS256', kid }).sign(key.privateKey);
const keySet = (...keys: JWK[]): KeySource => ({ kind: 'jwks', label: 'the test key set', jwks: { keys } });
const bound = { iss: issuer, aud: ['vault'], exp: nowSeconds + 600, iat: nowSeconds - 60, 'kubernetes.io': { namespace: 'demo', serviceaccount: { name: 'vault-auth', uid: 'u' } } };

test('a key set in rotation, two keys without kid: each is tried, and the one that verified is named', async () => {
  const set = keySet(first.jwk, second.jwk);
  const bySecond = await verifyJwt(await sign(second, bound), set, { now, issuer });
  assert.equal(bySecond.valid, true, verificationLines(bySecond).join('\n'));
  assert.deepEqual(bySecond.signedWith, { position: 2, kid: undefined, thumbprint: second.thumbprint });
  assert.equal(
    bySecond.signature,
    `Signature valid (RS256), checked with the test key set: key 2 of 2 (no kid, thumbprint ${second.thumbprint}); 1 other key of the set also fit this token (a key set in rotation) and did not verify it.`,
  );
  const byFirst = await verifyJwt(await sign(first, bound), set, { now, issuer });
  assert.equal(byFirst.signature, `Signature valid (RS256), checked with the test key set: key 1 of 2 (no kid, thumbprint ${first.thumbprint}).`);
  const byNeither = await verifyJwt(await sign(other, bound), set, { now, issuer });
  assert.equal(byNeither.signatureValid, false);
  assert.equal(byNeither.signature, 'The signature does not match the test key set: the token was altered, or signed with another key (none of the 2 keys that fit it verified it).');
});

test('a key set in rotation, the same kid twice: the key that verified is told apart by its place and thumbprint', async () => {
  const set = keySet({ ...first.jwk, kid: 'k' }, { ...second.jwk, kid: 'k' }, { ...other.jwk, kid: 'other' });
  const result = await verifyJwt(await sign(second, bound, 'k'), set, { now });
  assert.equal(result.valid, true);
  assert.equal(result.signature, `Signature valid (RS256, kid k), checked with the test key set: key 2 of 3 (kid k, thumbprint ${second.thumbprint}); 1 other key of the set also fit this token (a key set in rotation) and did not verify it.`);
  const tokenWithoutKid = await verifyJwt(await sign(other, bound), set, { now });
  assert.deepEqual(tokenWithoutKid.signedWith, { position: 3, kid: 'other', thumbprint: other.thumbprint }, 'a token without kid may be verified by any key');
});

test('a key that cannot be imported is passed over; a set with no key for the token says so', async () => {
  const broken = { kty: 'RSA', n: 'AA', e: 'AQAB', alg: 'RS256' };
  const result = await verifyJwt(await sign(second, bound), keySet(broken, second.jwk), { now });
  assert.equal(result.signedWith?.position, 2, result.signature);
  const none = await verifyJwt(await sign(first, bound, 'k9'), keySet({ ...second.jwk, kid: 'k1' }), { now });
  assert.equal(none.noMatchingKey, true);
  assert.equal(none.signature, 'No key in the test key set matches this token (kid k9, RS256): it was signed by another issuer, or by a key that was rotated out.');
});

test('a legacy Secret token verified with an API server\'s keys: the signature counts, its fixed issuer is explained, and it never expires', async () => {
  const legacy = await sign(first, {
    iss: 'kubernetes/serviceaccount',
    sub: 'system:serviceaccount:payments:ci-deployer',
    'kubernetes.io/serviceaccount/namespace': 'payments',
    'kubernetes.io/serviceaccount/secret.name': 'ci-deployer-token',
    'kubernetes.io/serviceaccount/service-account.name': 'ci-deployer',
    'kubernetes.io/serviceaccount/service-account.uid': 'u',
  }, 'k');
  const result = await verifyJwt(legacy, keySet({ ...first.jwk, kid: 'k' }), { now, issuer, kubernetesApiServer: true });
  assert.equal(result.valid, true, verificationLines(result).join('\n'));
  assert.deepEqual(result.checks.map((check) => [check.claim, check.outcome]), [['exp', 'note'], ['aud', 'note'], ['iss', 'note']]);
  assert.equal(result.checks[2].message, `kubernetes/serviceaccount: the fixed issuer of legacy Secret-based tokens, which the API server accepts when its own keys signed them (its issuer for bound tokens is ${issuer})`);
  assert.deepEqual(result.notes, [
    'A legacy Secret-based ServiceAccount token: it never expires, and acts as payments/ci-deployer until Secret ci-deployer-token in namespace payments is deleted. Delete that Secret to revoke it, and use short-lived tokens (kubectl create token) instead.',
  ]);
  assert.equal(verificationLines(result).at(-1), result.notes[0]);
  const elsewhere = await verifyJwt(legacy, keySet({ ...first.jwk, kid: 'k' }), { now, issuer });
  assert.equal(elsewhere.valid, false, 'keys that are not an API server\'s do not vouch for the legacy issuer');
  assert.equal(elsewhere.checks.at(-1)?.outcome, 'fail');
});

test('alg is compared case-exactly: describe, verify and the hover\'s Verify link agree', async () => {
  const payload = b64({ iss: 'app', exp: nowSeconds + 60 });
  const source = keySet(first.jwk);
  for (const [alg, registered] of [['None', 'none'], ['NONE', 'none'], ['rs256', 'RS256'], ['Rs256', 'RS256']]) {
    const token = `${b64({ alg })}.${payload}.c2lnbmF0dXJl`;
    const description = describeJwt(decodeJwt(token), now);
    const result = await verifyJwt(token, source, { now });
    assert.equal(description.verifiable, false, alg);
    assert.ok(description.warnings.some((warning) => warning.plain().includes(`differs in case from \`${registered}\``)), alg);
    assert.equal(result.signature, `The token's alg is ${alg}, which differs in case from ${registered}: algorithm names are case-sensitive (RFC 7515), so it names no algorithm, and a correct library rejects the token. Nothing was verified.`);
    assert.equal(result.valid, false);
  }
  const unsigned = `${b64({ alg: 'none' })}.${payload}.`;
  assert.equal(describeJwt(decodeJwt(unsigned), now).verifiable, false);
  assert.equal((await verifyJwt(unsigned, source, { now })).signature, 'The token is unsigned (alg: none): there is no signature to verify, and no server should accept it.');
  const signed = await sign(first, { iss: 'app' });
  assert.equal(describeJwt(decodeJwt(signed), now).verifiable, true);
  assert.equal((await verifyJwt(signed, source, { now })).signatureValid, true);
});

test('times written as strings, or not as times, fail the check as jose and the API server fail them', async () => {
  const token = await sign(first, { iss: 'app', exp: String(nowSeconds + 600), nbf: { toString: 1 } } as unknown as JWTPayload);
  const result = await verifyJwt(token, keySet(first.jwk), { now });
  assert.equal(result.signatureValid, true);
  assert.equal(result.valid, false);
  assert.deepEqual(result.checks.slice(0, 2), [
    { claim: 'exp', outcome: 'fail', message: `is the string "${nowSeconds + 600}", not a number: verifiers such as jose and the Kubernetes API server reject the token` },
    { claim: 'nbf', outcome: 'fail', message: 'is not a time (seconds since 1970): {"toString":1}' },
  ]);
});

test('token text in verification messages is visible and bounded', async () => {
  const kid = `\u202Ekid${'x'.repeat(500)}`;
  const audiences = Array.from({ length: 50 }, (_, i) => `aud-${i}\u2066`);
  const token = await sign(other, { iss: `https://x\u202E${'y'.repeat(5000)}`, aud: audiences }, kid);
  const result = await verifyJwt(token, keySet({ ...first.jwk, kid: 'k' }), { now, issuer, audience: 'vault' });
  const lines = verificationLines(result);
  assert.match(lines[0], /^No key in the test key set matches this token \(kid \\u202Ekidx{71}… \(504 characters\), RS256\)/);
  assert.match(lines.find((line) => line.startsWith('✗ aud'))!, /^✗ aud: vault is not among the token's audiences \(aud-0\\u2066, .*, aud-9\\u2066 and 40 more\)$/);
  assert.match(lines.find((line) => line.startsWith('✗ iss'))!, /^✗ iss: the issuer differs: the token says https:\/\/x\\u202Ey+… \(5010 characters\), the key belongs to /);
  assert.ok(lines.every((line) => line.length < 1_000));
});

test('key files: null, a number or a private key are refused with what to give instead', () => {
  assert.throws(() => keySourceFromText('null', 'keys.json'), /^Error: keys\.json is JSON but neither a JWKS \(with "keys"\) nor a JWK \(with "kty"\)\.$/);
  assert.throws(() => keySourceFromText('42', 'keys.json'), /neither a JWKS/);
  assert.throws(() => keySourceFromText('-----BEGIN EC PRIVATE KEY-----\nMII…\n-----END EC PRIVATE KEY-----', 'k.pem'), /holds a private key/);
});
