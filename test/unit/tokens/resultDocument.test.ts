import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkedToken, localAndUtc, maxJsonLength, maxLineLength, shownJson, shownLines, sourceLabel } from '../../../src/tokens/resultDocument';
import { jws } from '../../fixtures/tokens/hostile';

// Node reads TZ again when it is set; each test file runs in its own process.
const withZone = (zone: string, run: () => void) => {
  const previous = process.env.TZ;
  process.env.TZ = zone;
  try {
    run();
  } finally {
    process.env.TZ = previous;
  }
};

test('a time reads as local time with its offset, and as UTC', () => {
  const at = Date.UTC(2026, 10, 3, 9, 32, 5);
  withZone('Asia/Kolkata', () => assert.equal(localAndUtc(at), '2026-11-03 15:02:05 local time (UTC+05:30), 2026-11-03 09:32:05 UTC'));
  withZone('America/St_Johns', () => assert.equal(localAndUtc(at), '2026-11-03 06:02:05 local time (UTC-03:30), 2026-11-03 09:32:05 UTC'));
  withZone('UTC', () => assert.equal(localAndUtc(at), '2026-11-03 09:32:05 local time (UTC+00:00), 2026-11-03 09:32:05 UTC'));
});

test('a source names the file, never its folders', () => {
  assert.equal(sourceLabel({ kind: 'document', uri: { path: '/home/me/project/links.env' } }), 'the token in links.env');
  assert.equal(sourceLabel({ kind: 'clipboard' }), 'the token on the clipboard');
});

test('lines and JSON from outside are visible and bounded', () => {
  assert.deepEqual(shownLines(['a\u202Eb', 'c\nd']), ['a\\u202Eb', 'c\\nd']);
  const many = shownLines(Array.from({ length: 150 }, (_, i) => `line ${i}`));
  assert.equal(many.length, 101);
  assert.equal(many.at(-1), '… and 50 more lines, not shown');
  assert.ok(shownLines(['x'.repeat(100_000)])[0].length <= maxLineLength + 30);
  assert.equal(shownJson({ user: 'a\u2028b\u200Bc' }), '{\n  "user": "a\\u2028b\\u200Bc"\n}');
  const big = { user: 'x'.repeat(100_000) };
  const long = shownJson(big);
  assert.ok(long.length < maxJsonLength + 100);
  assert.ok(long.endsWith(`\n… (${JSON.stringify(big, null, 2).length} characters in all; the rest is not shown)`));
});

test('a checked token shows its source and masked head, and says what it decodes to as of each render', () => {
  const nowSeconds = 1_800_000_000;
  const token = jws({ alg: 'RS256' }, { iss: 'app', sub: 'me', exp: nowSeconds + 14 * 60 });
  const checked = checkedToken(token, { kind: 'typed' });
  const now = nowSeconds * 1000;
  assert.deepEqual(checked.lines(now), [`Token: the token you entered, ${token.slice(0, 8)}… (${token.length} characters, masked)`, 'Decoded: JWT: issued by app, for me, expires in 14 min']);
  const ms = checked.msUntilChange(now)!;
  assert.match(checked.lines(now + ms - 1)[1], /expires in 14 min$/);
  assert.match(checked.lines(now + ms)[1], /expires in 13 min$/);
  assert.equal(checkedToken(jws({ alg: 'RS256' }, { iss: 'app' }), { kind: 'typed' }).msUntilChange(now), undefined, 'a token that never expires reads the same forever');
});
