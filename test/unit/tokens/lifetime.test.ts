import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { IssuedToken } from '../../../src/cluster/types';
import { claimedLifetime, describeLifetime, lifetimeWords } from '../../../src/tokens/lifetime';

const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const iat = 1_800_000_000;

function issued(granted: number, options: { requested?: number; warnings?: string[]; warnAfter?: number; pod?: boolean } = {}): IssuedToken {
  const k8s = { namespace: 'demo', serviceaccount: { name: 'vault-auth', uid: 's1' }, ...(options.warnAfter ? { warnafter: iat + options.warnAfter } : {}) };
  const token = `${encode({ alg: 'RS256', kid: 'k' })}.${encode({ iat, exp: iat + granted, 'kubernetes.io': k8s })}.c2ln`;
  return {
    token,
    namespace: 'demo',
    serviceAccount: 'vault-auth',
    audiences: [],
    issuedAt: new Date(iat * 1000),
    expiresAt: new Date((iat + granted) * 1000),
    requestedSeconds: options.requested,
    warnings: options.warnings ?? [],
    boundObject: options.pod ? { kind: 'Pod', name: 'web-0' } : undefined,
  };
}

test('lifetimes read as people write them', () => {
  assert.equal(lifetimeWords(600), '10 min');
  assert.equal(lifetimeWords(3600), '1 h');
  assert.equal(lifetimeWords(3607), '1 h');
  assert.equal(lifetimeWords(5400), '1 h 30 min');
  assert.equal(lifetimeWords(86400), '24 h');
  assert.equal(lifetimeWords(2 * 86400), '48 h');
  assert.equal(lifetimeWords(365 * 86400), '1 year');
  assert.equal(lifetimeWords(90), '1 min 30 s');
});

test('granted as asked, and the server default', () => {
  const asked = describeLifetime(issued(7200, { requested: 7200 }));
  assert.equal(asked.outcome, 'as-asked');
  assert.equal(asked.summary, 'valid for 2 h, as asked');
  assert.deepEqual(asked.details, ['Lifetime asked: 2 h (7200 s)', "Lifetime granted: 2 h (7200 s), by the token's exp claim"]);
  const byDefault = describeLifetime(issued(3600));
  assert.equal(byDefault.summary, "valid for 1 h, the server's default");
  assert.equal(byDefault.details[0], "Lifetime asked: the server's default, 1 h (3600 s)");
});

test("shortened by --service-account-max-token-expiration: the server's warning is the reason", () => {
  const lifetime = describeLifetime(issued(7200, { requested: 86400, warnings: ['requested expiration of 86400 seconds shortened to 7200 seconds'] }));
  assert.equal(lifetime.outcome, 'shortened');
  assert.equal(lifetime.summary, 'valid for 2 h: asked 24 h, shortened by the API server');
  assert.equal(
    lifetime.details[2],
    'Why: the API server shortened it to its maximum (kube-apiserver --service-account-max-token-expiration) and said so: "requested expiration of 86400 seconds shortened to 7200 seconds".',
  );
  assert.equal(lifetime.details.length, 3, 'the explained warning is not repeated');
});

test("shortened without a warning: a managed cluster's cap", () => {
  const lifetime = describeLifetime(issued(86400, { requested: 2 * 86400 }));
  assert.equal(lifetime.outcome, 'capped');
  assert.equal(lifetime.summary, 'valid for 24 h: asked 48 h, capped by the cluster');
  assert.match(lifetime.details[2], /^Why: the cluster shortened it without a Warning header: managed clusters cap token lifetimes/);
});

test('a Pod-bound token asked for 3607 s is extended to a year, and warnafter is explained', () => {
  const lifetime = describeLifetime(issued(365 * 86400, { requested: 3607, warnAfter: 3607, pod: true }));
  assert.equal(lifetime.outcome, 'extended');
  assert.equal(lifetime.summary, 'valid for 1 year; clients should refresh after 1 h (warnafter)');
  assert.match(lifetime.details[2], /--service-account-extend-token-expiration, on by default/);
  assert.match(lifetime.details[2], /warnafter claim \(2027-01-15T09:00:07Z\) is when a client should fetch a new one/);
});

test('longer than asked without warnafter is said as it is', () => {
  const lifetime = describeLifetime(issued(7200, { requested: 3600 }));
  assert.equal(lifetime.outcome, 'longer');
  assert.equal(lifetime.summary, 'valid for 2 h: asked 1 h, the server granted more');
});

test('a hostile Warning header is quoted, made visible and bounded, and never decides the lifetime', () => {
  // Claims a shortening to 10 years while the token says 1 h: the token's exp wins.
  const lying = describeLifetime(issued(3600, { requested: 7200, warnings: ['requested expiration of 7200 seconds shortened to 315360000 seconds'] }));
  assert.equal(lying.outcome, 'capped');
  assert.equal(lying.details[3], 'The API server warned: "requested expiration of 7200 seconds shortened to 315360000 seconds"');
  const hostile = ['evil\u202Etxt.exe\nsecond line [click](command:workbench.action.terminal.new) $(alert)', 'x'.repeat(10_000), 'a', 'b', 'c'];
  const lifetime = describeLifetime(issued(3600, { requested: 3600, warnings: hostile }));
  const shown = lifetime.details.slice(2);
  assert.equal(shown[0], 'The API server warned: "evil\\u202Etxt.exe\\nsecond line [click] (command:workbench.action.terminal.new) $ (alert)"');
  assert.ok(shown[1].length < 400, 'a long warning is cut');
  assert.equal(shown.length, 4, 'three warnings and a count');
  assert.equal(shown[3], '… and 2 more warnings');
  for (const line of [lifetime.summary, ...lifetime.details]) {
    assert.ok(!/[\u202E\n]/.test(line), line);
  }
});

test("the decoded view's lifetime line comes from the claims alone", () => {
  assert.equal(claimedLifetime({ iat, exp: iat + 3600 }), 'Lifetime: 1 h (exp − iat)');
  assert.equal(
    claimedLifetime({ iat, exp: iat + 365 * 86400, 'kubernetes.io': { warnafter: iat + 3607 } }),
    'Lifetime: 1 year (exp − iat); clients should refresh after 1 h (warnafter): the API server extended it so that clients that never reload their token keep working',
  );
  assert.equal(claimedLifetime({ iat }), undefined);
  assert.equal(claimedLifetime({ iat: 'soon', exp: iat }), undefined);
  assert.equal(claimedLifetime({ iat, exp: iat - 10 }), undefined);
  assert.equal(claimedLifetime({ iat, exp: 1e300 }), 'Lifetime: more than 10000 years (exp − iat)');
});
