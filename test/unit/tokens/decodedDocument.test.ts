import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeJwt } from '../../../src/jwt/decode';
import { decodedDocument, maskToken, msUntilDecodedChanges } from '../../../src/tokens/decodedDocument';
import { buildHostileCorpus } from '../../fixtures/tokens/hostile';
import { splitJsonc } from './jsonc';

const encode = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
const issuedAt = 1_800_000_000;
const header = { alg: 'RS256', kid: 'k1' };
const payload = {
  aud: ['vault'],
  exp: issuedAt + 3600,
  iat: issuedAt,
  iss: 'https://kubernetes.default.svc.cluster.local',
  'kubernetes.io': { namespace: 'demo', pod: { name: 'web-0', uid: 'p1' }, serviceaccount: { name: 'vault-auth', uid: 's1' }, warnafter: issuedAt + 3607 },
  nbf: issuedAt,
  sub: 'system:serviceaccount:demo:vault-auth',
};
const token = `${encode(header)}.${encode(payload)}.c2lnbmF0dXJl`;
const now = (issuedAt + 600) * 1000;
const invisible = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}\u115F\u1160\u3164\uFFA0]/u;

const parsed = (view: string) => JSON.parse(splitJsonc(view).json) as { header: unknown; payload?: unknown; signature?: string };

test('the view is JSONC: its header and payload read back as the token holds them, pretty-printed', () => {
  const view = decodedDocument(token, false, now);
  assert.deepEqual(parsed(view), { header, payload, signature: '(masked)' });
  assert.ok(view.includes('\n    "kubernetes.io": {\n      "namespace": "demo",\n      "pod": {\n        "name": "web-0",'), 'nested claims over lines, 2 spaces a level');
});

test('each time claim has its date and how far it is beside it, also nested ones', () => {
  const lines = decodedDocument(token, false, now).split('\n');
  assert.ok(lines.includes('    "exp": 1800003600, // 2027-01-15 09:00:00 UTC, in 50 min'));
  assert.ok(lines.includes('    "iat": 1800000000, // 2027-01-15 08:00:00 UTC, 10 min ago'));
  assert.ok(lines.includes('    "nbf": 1800000000, // 2027-01-15 08:00:00 UTC, 10 min ago'));
  assert.ok(lines.includes('      "warnafter": 1800003607 // 2027-01-15 09:00:07 UTC, in 50 min'));
  assert.match(decodedDocument(token, false, (issuedAt + 7200) * 1000), /"exp": 1800003600, \/\/ 2027-01-15 09:00:00 UTC, 60 min ago/);
});

test('the first lines say what the token is and its lifetime, as plain text', () => {
  const [summary, lifetime, tokenLine] = decodedDocument(token, false, now).split('\n');
  assert.equal(summary, '// Kubernetes ServiceAccount token: ServiceAccount demo/vault-auth, bound to Pod web-0, audiences vault, expires in 50 min');
  assert.equal(lifetime, '// Lifetime: 1 h (exp − iat)');
  assert.equal(tokenLine, `// Token, masked (the eye in the title bar reveals it): ${maskToken(token)}`);
});

test('masked, neither the token nor its signature is shown; revealed, both are, and masking again hides them', () => {
  const masked = decodedDocument(token, false, now);
  assert.ok(!masked.includes(token) && !masked.includes('c2lnbmF0dXJl'));
  assert.match(masked, /"signature": "\(masked\)" \/\/ 12 characters, masked/);
  const revealed = decodedDocument(token, true, now);
  assert.ok(revealed.split('\n').includes(`// Token, revealed (the closed eye in the title bar masks it): ${token}`));
  assert.equal(parsed(revealed).signature, 'c2lnbmF0dXJl');
  assert.equal(decodedDocument(token, false, now), masked);
});

test('masking keeps only the first characters of the header', () => {
  assert.equal(maskToken('short'), '•••••');
  assert.equal(maskToken(token), `${token.slice(0, 8)}… (${token.length} characters, masked)`);
});

test('a JWE shows its header only; a token that does not decode, only why', () => {
  const jwe = `${encode({ alg: 'RSA-OAEP', enc: 'A256GCM' })}.a.b.c.d`;
  assert.deepEqual(parsed(decodedDocument(jwe, false, now)), { header: { alg: 'RSA-OAEP', enc: 'A256GCM' } });
  const malformed = decodedDocument('eyJub3QiOiJqd3QifQ.e30.c2ln', false, now);
  assert.match(malformed, /^\/\/ Malformed JWT: This looks like a JWT but cannot be decoded: header has no "alg"\.\n/);
  assert.equal(splitJsonc(malformed).json.trim(), '');
});

test('an unsigned token shows its empty signature, and warns', () => {
  const unsigned = `${encode({ alg: 'none' })}.${encode({ sub: 'x' })}.`;
  const view = decodedDocument(unsigned, false, now);
  assert.equal(parsed(view).signature, '');
  assert.match(view, /^\/\/ Warning: UNSIGNED: `alg` is `none`, so anyone can forge this token/m);
});

test('no claim can end a comment, start a line, hide characters or reach Object.prototype', () => {
  const hostile = JSON.parse(
    '{"a":"*/ x","b":"\\n// forged","c":"x\\u2028// forged","d":"admin\\u202Etxt.exe\\u2066","__proto__":{"polluted":1},"exp":"1800003600","e // forged":"\\r\\n}, \\"x\\": 1 //"}',
  ) as Record<string, unknown>;
  const view = decodedDocument(`${encode(header)}.${encode(JSON.stringify(hostile))}.c2ln`, true, now);
  assert.doesNotMatch(view.replace(/\n/g, ''), invisible);
  const { comments } = splitJsonc(view);
  assert.ok(!comments.some((comment) => comment.includes('forged')), comments.join('\n'));
  assert.ok(!view.split('\n').some((line) => /^\s*(\/\/|\}|")\s*forged/.test(line)));
  assert.deepEqual(parsed(view).payload, hostile);
  assert.ok(view.includes('"d": "admin\\u202Etxt.exe\\u2066"'), 'escaped as JSON escapes them');
  assert.ok(view.includes('"c": "x\\u2028// forged"'));
  assert.ok(view.includes('"exp": "1800003600", // 2027-01-15 09:00:00 UTC, in 50 min'), 'a time written as a string still has its date');
  assert.equal(({} as { polluted?: number }).polluted, undefined);
});

test('a typed token is shown as visible text, masked or revealed', () => {
  const typed = '[x](command:y)\u202E\n// forged';
  assert.ok(decodedDocument(typed, false, now).includes('// Token, masked (the eye in the title bar reveals it): [x] (comm… (25 characters, masked)'));
  const revealed = decodedDocument(typed, true, now).split('\n');
  assert.ok(revealed.includes('// Token, revealed (the closed eye in the title bar masks it): [x] (command:y)\\u202E\\n// forged'));
  assert.ok(!revealed.some((line) => line.startsWith('// forged')));
});

test('a 190 KB claim (the most a token can hold) is cut with a note, and the view stays bounded whatever the payload holds', () => {
  const huge = `${encode(header)}.${encode({ big: 'A'.repeat(190_000), ['k'.repeat(5000)]: 1, after: 'kept' })}.c2ln`;
  const view = decodedDocument(huge, false, now);
  assert.ok(view.length < 30_000, `${view.length} characters`);
  assert.match(view, /"big": "A{4000}…", \/\/ cut: the first 4000 of 190000 characters\n/);
  assert.match(view, /"k{4000}…": 1, \/\/ name cut: the first 4000 of 5000 characters\n/);
  assert.equal((parsed(view).payload as { after: string }).after, 'kept');
  // The most lines a token can make: deep arrays of one-character values, each on its own indented line.
  const nested = `${'['.repeat(60)}${Array(80_000).fill('0').join(',')}${']'.repeat(60)}`;
  const wide = decodedDocument(`${encode(header)}.${encode(`{"a":${nested},"b":1}`)}.c2ln`, true, now);
  assert.ok(wide.length < 1_100_000, `${wide.length} characters`);
  assert.match(wide, /\/\/ … \d+ more not shown: this view stops at 1000000 characters/);
  assert.ok(parsed(wide).payload, 'still JSONC when cut short');
});

test('the hostile corpus: every view is visible text, JSONC, and holds the JSON the token holds', () => {
  for (const c of buildHostileCorpus()) {
    const decoded = decodeJwt(c.token);
    for (const revealed of [false, true]) {
      const view = decodedDocument(c.token, revealed, now);
      assert.doesNotMatch(view.replace(/\n/g, ''), invisible, c.name);
      const { json, comments } = splitJsonc(view);
      assert.ok(comments.every((comment) => !comment.includes('\n')), c.name);
      if (decoded.form === 'malformed') {
        assert.equal(json.trim(), '', c.name);
        continue;
      }
      const shown = JSON.parse(json) as { header: unknown; payload?: unknown };
      // As JSON writes them: a number too large for a double (1e400) reads back as null.
      assert.deepEqual(shown.header, JSON.parse(JSON.stringify(decoded.header)), c.name);
      const cutShort = comments.some((comment) => /cut: the first|more not shown/.test(comment));
      if (decoded.form === 'jws' && !cutShort) {
        assert.deepEqual(shown.payload, JSON.parse(JSON.stringify(decoded.payload)), c.name);
      }
    }
  }
});

test('the view reads the same until the moment msUntilDecodedChanges names, and differently then', () => {
  const soon = `${encode(header)}.${encode({ ...payload, iat: issuedAt - 3, exp: issuedAt + 62, 'kubernetes.io': { ...payload['kubernetes.io'], warnafter: issuedAt + 30 } })}.c2ln`;
  for (const start of [issuedAt * 1000, issuedAt * 1000 + 999, issuedAt * 1000 + 2500, (issuedAt + 61) * 1000 + 1, (issuedAt + 200) * 1000]) {
    let at = start;
    for (let step = 0; step < 5; step++) {
      const wait = msUntilDecodedChanges(soon, at);
      assert.ok(wait !== undefined && wait > 0 && wait <= 60_000, `${wait}`);
      assert.equal(decodedDocument(soon, false, at + wait - 1), decodedDocument(soon, false, at), `unchanged just before, from ${at}`);
      assert.notEqual(decodedDocument(soon, false, at + wait), decodedDocument(soon, false, at), `changed at ${at} + ${wait}`);
      at += wait;
    }
  }
  assert.match(decodedDocument(soon, false, issuedAt * 1000), /"exp": 1800000062, \/\/ [^,]+, in 1 min/);
  assert.match(decodedDocument(soon, false, (issuedAt + 3) * 1000), /"exp": 1800000062, \/\/ [^,]+, in 59 s/);
});

test('a view with no times, or only times too far off for their words to change, is never redrawn', () => {
  assert.equal(msUntilDecodedChanges(`${encode(header)}.${encode({ sub: 'x' })}.c2ln`, now), undefined);
  assert.equal(msUntilDecodedChanges(`${encode(header)}.${encode({ exp: 1e300 })}.c2ln`, now), undefined);
  assert.equal(msUntilDecodedChanges('not.a.token', now), undefined);
});
