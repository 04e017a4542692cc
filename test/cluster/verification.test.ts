// Signature verification (src/jwt) with keys read from the local API server through the real client, and from files.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { exportSPKI, importJWK, type JWK } from 'jose';
import { ClusterSession } from '../../src/cluster';
import { verifyWithCluster, type KeyedCluster } from '../../src/jwt/clusterVerification';
import { IssuerKeyCache } from '../../src/jwt/keyCache';
import { keySourceFromText, verificationLines, verifyJwt } from '../../src/jwt/verify';
import { startLocalCluster, type LocalCluster, type LocalUser } from './server';

let cluster: LocalCluster;
let folder: string;

before(async () => {
  cluster = await startLocalCluster();
  folder = mkdtempSync(join(tmpdir(), 'verification-'));
});

after(async () => {
  await cluster.close();
  rmSync(folder, { recursive: true, force: true });
});

async function keyedCluster(user: LocalUser = 'admin'): Promise<KeyedCluster & { fetches: number }> {
  const path = join(folder, `${user}-${Math.random().toString(36).slice(2)}`);
  await cluster.writeKubeconfig(path, user);
  const session = ClusterSession.open({ kubeconfigPath: path, timeoutMs: 10_000 });
  const keyed = {
    id: session.context.server,
    label: `${session.context.name} (${session.context.server})`,
    fetches: 0,
    fetchKeys: () => {
      keyed.fetches += 1;
      return session.issuerKeys();
    },
  };
  return keyed;
}

async function issue(audiences: string[], expirationSeconds = 3600): Promise<string> {
  const account = cluster.store.get('serviceaccounts', 'demo', 'vault-auth')!;
  return (await cluster.tokens.issue(account, audiences, expirationSeconds, undefined, undefined)).token;
}

test('the cluster\'s keys verify its tokens; the keys are fetched once and cached for the max-age the server sends', async () => {
  const keyed = await keyedCluster();
  const cache = new IssuerKeyCache();
  const now = Date.now();
  const token = await issue(['vault']);
  const first = await verifyWithCluster(token, keyed, cache, { now, audience: 'vault' });
  assert.equal(first.valid, true, verificationLines(first).join('\n'));
  assert.match(first.signature, /^Signature valid \(RS256, kid .{43}\), checked with the keys of cluster /);
  assert.deepEqual(first.checks.map((check) => [check.claim, check.outcome]), [['exp', 'pass'], ['nbf', 'pass'], ['iat', 'pass'], ['aud', 'pass'], ['iss', 'pass']]);
  await verifyWithCluster(token, keyed, cache, { now: now + 3599_000 });
  assert.equal(keyed.fetches, 1, 'cached within max-age=3600');
  await verifyWithCluster(token, keyed, cache, { now: now + 3601_000 });
  assert.equal(keyed.fetches, 2, 'fetched again after max-age');
});

test('a legacy Secret token from the cluster: signed with a key in its JWKS, valid despite its fixed issuer, and called a never-expiring credential', async () => {
  const secret = cluster.store.get('secrets', 'payments', 'ci-deployer-token-legacy')!;
  const token = Buffer.from((secret as unknown as { data: { token: string } }).data.token, 'base64').toString('utf8');
  const result = await verifyWithCluster(token, await keyedCluster(), new IssuerKeyCache(), { now: Date.now() });
  assert.equal(result.signatureValid, true, 'the server signs legacy tokens with a key it publishes, as --service-account-key-file does');
  assert.equal(result.valid, true, verificationLines(result).join('\n'));
  assert.deepEqual(result.checks.map((check) => [check.claim, check.outcome]), [['exp', 'note'], ['aud', 'note'], ['iss', 'note']]);
  assert.match(result.checks[2].message, /^kubernetes\/serviceaccount: the fixed issuer of legacy Secret-based tokens, which the API server accepts when its own keys signed them \(its issuer for bound tokens is https:\/\/127\.0\.0\.1:\d+\)$/);
  assert.deepEqual(result.notes, [
    'A legacy Secret-based ServiceAccount token: it never expires, and acts as payments/ci-deployer until Secret ci-deployer-token-legacy in namespace payments is deleted. Delete that Secret to revoke it, and use short-lived tokens (kubectl create token) instead.',
  ]);
});

test('a rotated key: tokens of the old key still verify while it is published; a new kid refetches cached keys', async () => {
  const keyed = await keyedCluster();
  const cache = new IssuerKeyCache();
  const old = await issue(['vault']);
  assert.equal((await verifyWithCluster(old, keyed, cache, { now: Date.now() })).signatureValid, true);
  await cluster.tokens.rotate();
  const fresh = await issue(['vault']);
  const afterRotation = await verifyWithCluster(fresh, keyed, cache, { now: Date.now() });
  assert.equal(afterRotation.signatureValid, true, 'the cache missed the new kid and fetched again');
  assert.equal(keyed.fetches, 2);
  assert.equal((await verifyWithCluster(old, keyed, cache, { now: Date.now() })).signatureValid, true);
  await cluster.tokens.rotate(false);
  const unknown = await verifyWithCluster(old, keyed, new IssuerKeyCache(), { now: Date.now() });
  assert.equal(unknown.signatureValid, false);
  assert.match(unknown.signature, /^No key in the keys of cluster .* matches this token \(kid .{43}, RS256\): it was signed by another issuer, or by a key that was rotated out\.$/);
});

test('expired token and wrong audience: the signature is valid but the checks fail, each one named', async () => {
  const keyed = await keyedCluster();
  const expired = await issue(['vault'], -3600);
  const result = await verifyWithCluster(expired, keyed, new IssuerKeyCache(), { now: Date.now(), audience: 'other' });
  assert.equal(result.signatureValid, true);
  assert.equal(result.valid, false);
  const failed = result.checks.filter((check) => check.outcome === 'fail').map((check) => `${check.claim}: ${check.message}`);
  assert.equal(failed.length, 2);
  assert.match(failed[0], /^exp: expired 60 min ago \(/);
  assert.equal(failed[1], "aud: other is not among the token's audiences (vault)");
});

test('a tampered token fails; a user who may not read the JWKS is told why and what to do instead', async () => {
  const token = await issue(['vault']);
  const [header, payload, signature] = token.split('.');
  const tampered = `${header}.${payload}.${signature.slice(0, -4)}AAAA`;
  const result = await verifyWithCluster(tampered, await keyedCluster(), new IssuerKeyCache(), { now: Date.now() });
  assert.match(result.signature, /^The signature does not match the keys of cluster .*: the token was altered, or signed with another key\.$/);
  await assert.rejects(verifyWithCluster(token, await keyedCluster('restricted'), new IssuerKeyCache(), { now: Date.now() }), /^ClusterError: Forbidden: user restricted may not read the cluster's signing keys .* Ask for the ClusterRole system:service-account-issuer-discovery, or check the token with Review Token instead\.$/);
});

test('PEM and JWKS files: the cluster\'s public key verifies its tokens; another issuer differs', async () => {
  const token = await issue(['vault']);
  const jwk = cluster.tokens.jwks().keys[0] as JWK;
  const pem = await exportSPKI((await importJWK(jwk, 'RS256')) as CryptoKey);
  const now = Date.now();
  for (const source of [keySourceFromText(pem, 'key.pem'), keySourceFromText(JSON.stringify(cluster.tokens.jwks()), 'jwks.json'), keySourceFromText(JSON.stringify(jwk), 'key.jwk')]) {
    const result = await verifyJwt(token, source, { now });
    assert.equal(result.valid, true, `${source.label}: ${result.signature}`);
  }
  const otherIssuer = await verifyJwt(token, keySourceFromText(pem, 'key.pem'), { now, issuer: 'https://elsewhere' });
  assert.equal(otherIssuer.valid, false);
  assert.match(otherIssuer.checks.at(-1)!.message, /^the issuer differs: the token says https:\/\/127\.0\.0\.1:\d+, the key belongs to https:\/\/elsewhere$/);
  assert.throws(() => keySourceFromText('-----BEGIN PRIVATE KEY-----\nMII…\n-----END PRIVATE KEY-----', 'secret.pem'), /holds a private key/);
  const wrongSecret = await verifyJwt(token, { kind: 'secret', label: 'a shared secret', secret: 'x' }, { now });
  assert.match(wrongSecret.signature, /^A shared secret verifies only HS256, HS384 and HS512 tokens; this one is signed with RS256/);
});

test('a key set in rotation that repeats a kid: each key with that kid is tried, and the one that verified is named', async () => {
  const old = await issue(['vault']);
  await cluster.tokens.rotate();
  const [fresh, previous] = cluster.tokens.jwks().keys;
  const kid = (JSON.parse(Buffer.from(old.split('.')[0], 'base64url').toString()) as { kid: string }).kid;
  const repeated = keySourceFromText(JSON.stringify({ keys: [{ ...fresh, kid }, { ...previous, kid }] }), 'rotation.json');
  const result = await verifyJwt(old, repeated, { now: Date.now() });
  assert.equal(result.valid, true, result.signature);
  assert.equal(result.signedWith?.position, 2);
  assert.equal(result.signature, `Signature valid (RS256, kid ${kid}), checked with rotation.json: key 2 of 2 (kid ${kid}, thumbprint ${result.signedWith?.thumbprint}); 1 other key of the set also fit this token (a key set in rotation) and did not verify it.`);
  const withoutKids = keySourceFromText(JSON.stringify({ keys: [fresh, previous].map(({ kid: _kid, ...key }) => key) }), 'no-kids.json');
  const noKid = await verifyJwt(old, withoutKids, { now: Date.now() });
  assert.equal(noKid.noMatchingKey, true, 'jose matches a token\'s kid only to keys with that kid');
});

test('alg in another case: the cluster\'s keys are not tried, and the reason is given', async () => {
  const token = await issue(['vault']);
  const [header, payload, signature] = token.split('.');
  const { kid } = JSON.parse(Buffer.from(header, 'base64url').toString()) as { kid: string };
  for (const alg of ['rs256', 'NONE']) {
    const altered = `${Buffer.from(JSON.stringify({ alg, kid })).toString('base64url')}.${payload}.${signature}`;
    const result = await verifyWithCluster(altered, await keyedCluster(), new IssuerKeyCache(), { now: Date.now() });
    assert.equal(result.signatureValid, false);
    assert.equal(result.signature, `The token's alg is ${alg}, which differs in case from ${alg === 'NONE' ? 'none' : 'RS256'}: algorithm names are case-sensitive (RFC 7515), so it names no algorithm, and a correct library rejects the token. Nothing was verified.`);
  }
});
