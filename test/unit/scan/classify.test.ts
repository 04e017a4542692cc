import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import fc from 'fast-check';
import { classifyToken, maxAudiences, type OtherJwtReason } from '../../../src/scan/classify';
import { maxTokenLength } from '../../../src/jwt/scan';
import { boundPayload, makeTokenKeys, otherJwt, otherVariants, serviceAccountToken, serviceAccountVariants, type OtherVariant, type TokenKeys } from '../../fixtures/tokens/scanCases';
import { propertyRuns } from '../propertyRuns';

const nowSeconds = 1_800_000_000;
const shape = { namespace: 'demo', name: 'vault-auth', nowSeconds, expired: false, n: 7 };
let keys: TokenKeys;
before(async () => {
  keys = await makeTokenKeys();
});

const b64 = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
const unsigned = (header: unknown, payload: unknown) => `${b64(header)}.${b64(payload)}.c2lnbmF0dXJl`;

test('each kind of ServiceAccount token is recognised, with what its claims say', async () => {
  const expected = {
    'bound-pod': { kind: 'bound', boundObject: { kind: 'Pod', name: 'web-7', uid: '00000107-aaaa-4bbb-8ccc-000000000000' } },
    'bound-pod-node': { kind: 'bound', boundObject: { kind: 'Pod', name: 'web-7', uid: '00000107-aaaa-4bbb-8ccc-000000000000' } },
    'bound-secret': { kind: 'bound', boundObject: { kind: 'Secret', name: 'binding-7', uid: '00000307-aaaa-4bbb-8ccc-000000000000' } },
    'bound-node': { kind: 'bound', boundObject: { kind: 'Node', name: 'node-0', uid: '00000207-aaaa-4bbb-8ccc-000000000000' } },
    'bound-unbound': { kind: 'bound', boundObject: undefined },
    legacy: { kind: 'legacy', boundObject: { kind: 'Secret', name: 'vault-auth-token-xxxx7' } },
  } as const;
  for (const variant of serviceAccountVariants) {
    const result = classifyToken(await serviceAccountToken(keys, variant, shape));
    assert.ok(result.serviceAccount, variant);
    const { claims } = result;
    assert.equal(claims.kind, expected[variant].kind, variant);
    assert.deepEqual(claims.boundObject, expected[variant].boundObject, variant);
    assert.equal(claims.namespace, 'demo');
    assert.equal(claims.serviceAccount, 'vault-auth');
    assert.equal(claims.serviceAccountUid, '00000007-aaaa-4bbb-8ccc-000000000000');
    if (variant === 'legacy') {
      assert.equal(claims.issuer, 'kubernetes/serviceaccount');
      assert.equal(claims.expiresAt, undefined);
      assert.deepEqual(claims.audiences, []);
    } else {
      assert.equal(claims.issuer, 'https://kubernetes.default.svc.cluster.local');
      assert.deepEqual(claims.audiences, ['https://kubernetes.default.svc.cluster.local']);
      assert.equal(claims.issuedAt, nowSeconds - 600);
      assert.equal(claims.expiresAt, nowSeconds + 3000);
    }
  }
});

test('an expired bound token is still a ServiceAccount token, with its expiry', async () => {
  const result = classifyToken(await serviceAccountToken(keys, 'bound-pod', { ...shape, expired: true }));
  assert.ok(result.serviceAccount);
  assert.ok(result.claims.expiresAt! < nowSeconds);
});

test('each near miss is another JWT, for the reason it is', async () => {
  const reasons: Record<OtherVariant, OtherJwtReason> = {
    'oidc-google': 'not-kubernetes',
    'oidc-okta': 'not-kubernetes',
    'auth0-access': 'not-kubernetes',
    'jwt-io-sample': 'not-kubernetes',
    'sub-look-alike': 'not-kubernetes',
    'kubernetes-claim-without-namespace': 'incomplete-claims',
    'namespace-not-a-string': 'incomplete-claims',
    'inconsistent-subject': 'inconsistent-subject',
    'alg-none': 'not-signed-by-kubernetes',
    'hmac-signed-sample': 'not-signed-by-kubernetes',
    'four-parts': 'malformed',
    'legacy-without-uid': 'incomplete-claims',
    'legacy-with-exp': 'incomplete-claims',
    'invalid-namespace': 'invalid-name',
    encrypted: 'encrypted',
  };
  for (const variant of otherVariants) {
    assert.deepEqual(classifyToken(await otherJwt(keys, variant, shape)), { serviceAccount: false, reason: reasons[variant] }, variant);
  }
});

test('claims of the wrong type, or missing, make another JWT', () => {
  const good = boundPayload(shape, { pod: { name: 'web-0', uid: 'u' } });
  const k8s = good['kubernetes.io'] as Record<string, unknown>;
  const header = { alg: 'RS256' };
  assert.ok(classifyToken(unsigned(header, good)).serviceAccount, 'the unchanged payload is one');
  const variants: [string, Record<string, unknown>, OtherJwtReason][] = [
    ['exp as a string', { ...good, exp: String(good.exp) }, 'incomplete-claims'],
    ['no exp', { ...good, exp: undefined }, 'incomplete-claims'],
    ['iat as null', { ...good, iat: null }, 'incomplete-claims'],
    ['aud of numbers', { ...good, aud: [1, 2] }, 'incomplete-claims'],
    ['no iss', { ...good, iss: undefined }, 'incomplete-claims'],
    ['serviceaccount as a string', { ...good, 'kubernetes.io': { ...k8s, serviceaccount: 'vault-auth' } }, 'incomplete-claims'],
    ['serviceaccount without uid', { ...good, 'kubernetes.io': { ...k8s, serviceaccount: { name: 'vault-auth' } } }, 'incomplete-claims'],
    ['pod without a name', { ...good, 'kubernetes.io': { ...k8s, pod: { uid: 'u' } } }, 'incomplete-claims'],
    ['pod and secret both', { ...good, 'kubernetes.io': { ...k8s, secret: { name: 's', uid: 'u' } } }, 'incomplete-claims'],
    ['kubernetes.io as an array', { ...good, 'kubernetes.io': [k8s] }, 'incomplete-claims'],
    ['warnafter as a string', { ...good, 'kubernetes.io': { ...k8s, warnafter: 'soon' } }, 'incomplete-claims'],
    ['a name that is no DNS subdomain', { ...good, sub: 'system:serviceaccount:demo:Vault_Auth', 'kubernetes.io': { ...k8s, serviceaccount: { name: 'Vault_Auth', uid: 'u' } } }, 'invalid-name'],
    ['a pod name with a colon', { ...good, 'kubernetes.io': { ...k8s, pod: { name: 'a:b', uid: 'u' } } }, 'invalid-name'],
    ['no sub', { ...good, sub: undefined }, 'inconsistent-subject'],
    ['sub of another namespace', { ...good, sub: 'system:serviceaccount:other:vault-auth' }, 'inconsistent-subject'],
  ];
  for (const [name, payload, reason] of variants) {
    assert.deepEqual(classifyToken(unsigned(header, payload)), { serviceAccount: false, reason }, name);
  }
  for (const alg of ['HS256', 'none', 'rs256', 'PS256', 'EdDSA']) {
    assert.deepEqual(classifyToken(unsigned({ alg }, good)), { serviceAccount: false, reason: 'not-signed-by-kubernetes' }, alg);
  }
});

test('a single aud string is one audience, and no more than maxAudiences are kept', () => {
  const single = classifyToken(unsigned({ alg: 'ES256' }, { ...boundPayload(shape), aud: 'vault' }));
  assert.ok(single.serviceAccount);
  assert.deepEqual(single.claims.audiences, ['vault']);
  const many = classifyToken(unsigned({ alg: 'ES256' }, { ...boundPayload(shape), aud: Array.from({ length: 1000 }, (_, i) => `a${i}`) }));
  assert.ok(many.serviceAccount);
  assert.equal(many.claims.audiences.length, maxAudiences);
});

test('a payload that sets __proto__ or constructor does not reach Object.prototype', () => {
  const payload = JSON.parse(`{"__proto__": {"kubernetes.io": {"namespace": "demo"}}, "constructor": {"name": "x"}}`);
  assert.deepEqual(classifyToken(unsigned({ alg: 'RS256' }, payload)), { serviceAccount: false, reason: 'not-kubernetes' });
  assert.equal(({} as Record<string, unknown>)['kubernetes.io'], undefined);
});

const hostileValue = fc.oneof(fc.string({ unit: 'binary', maxLength: 30 }), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(fc.string(), { maxLength: 3 }), fc.dictionary(fc.string(), fc.string(), { maxKeys: 3 }));
const hostilePayload = fc.record({
  iss: fc.oneof(hostileValue, fc.constant('kubernetes/serviceaccount')),
  sub: fc.oneof(hostileValue, fc.constant('system:serviceaccount:demo:vault-auth')),
  aud: hostileValue,
  exp: hostileValue,
  iat: hostileValue,
  'kubernetes.io': fc.oneof(hostileValue, fc.record({ namespace: fc.oneof(hostileValue, fc.constant('demo')), serviceaccount: fc.oneof(hostileValue, fc.record({ name: fc.oneof(hostileValue, fc.constant('vault-auth')), uid: hostileValue })), pod: hostileValue, secret: hostileValue, node: hostileValue, warnafter: hostileValue })),
  'kubernetes.io/serviceaccount/namespace': hostileValue,
  'kubernetes.io/serviceaccount/service-account.name': hostileValue,
  'kubernetes.io/serviceaccount/service-account.uid': hostileValue,
  'kubernetes.io/serviceaccount/secret.name': hostileValue,
}, { requiredKeys: [] });

test('hostile claims and text never throw, and a ServiceAccount verdict always has well-formed claims', () => {
  fc.assert(
    fc.property(fc.oneof(hostilePayload.map((payload) => unsigned({ alg: 'RS256' }, payload)), fc.string({ unit: 'binary', maxLength: 200 }), fc.string({ unit: fc.constantFrom('e', 'y', 'J', '.', 'A', '_', '-', '='), maxLength: 200 })), (token) => {
      const result = classifyToken(token);
      if (result.serviceAccount) {
        assert.equal(typeof result.claims.namespace, 'string');
        assert.equal(typeof result.claims.serviceAccount, 'string');
        assert.ok(result.claims.audiences.every((audience) => typeof audience === 'string'));
        assert.ok(result.claims.expiresAt === undefined || Number.isFinite(result.claims.expiresAt));
      }
    }),
    propertyRuns(3000),
  );
});

test('a token longer than maxTokenLength is refused without being decoded', () => {
  const huge = unsigned({ alg: 'RS256' }, { ...boundPayload(shape), pad: 'x'.repeat(maxTokenLength) });
  const started = performance.now();
  assert.deepEqual(classifyToken(huge), { serviceAccount: false, reason: 'malformed' });
  assert.ok(performance.now() - started < 50);
});
