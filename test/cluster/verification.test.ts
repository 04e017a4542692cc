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
