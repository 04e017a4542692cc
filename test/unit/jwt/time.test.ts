import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { absoluteTime, expiryPhrase, secondsUntilExpiryPhraseChanges } from '../../../src/jwt/time';
import { propertyRuns } from '../propertyRuns';

test('the phrase stays the same until the computed second, and changes then (against brute force)', () => {
  const distances = fc.oneof(fc.integer({ min: -200, max: 200 }), fc.integer({ min: -3 * 86400, max: 3 * 86400 }), fc.integer({ min: -800 * 86400, max: 800 * 86400 }));
  fc.assert(
    fc.property(distances, (delta) => {
      const now = 1_800_000_000;
      const target = now + delta;
      const wait = secondsUntilExpiryPhraseChanges(target, now);
      const phrase = expiryPhrase(target, now);
      // Checking every second is too slow for waits of days: check the ends and a sample in between.
      for (const t of new Set([1, Math.floor(wait / 2), wait - 1].filter((t) => t >= 1 && t < wait))) {
        assert.equal(expiryPhrase(target, now + t), phrase, `${delta} s: unchanged after ${t} s of ${wait}`);
      }
      assert.notEqual(expiryPhrase(target, now + wait), phrase, `${delta} s: changed after ${wait} s`);
    }),
    propertyRuns(2_000),
  );
});

test('examples: seconds tick each second, minutes each minute, days each day', () => {
  const now = 1_800_000_000;
  assert.equal(secondsUntilExpiryPhraseChanges(now + 30, now), 1);
  assert.equal(secondsUntilExpiryPhraseChanges(now + 14 * 60, now), 31);
  assert.equal(secondsUntilExpiryPhraseChanges(now - 14 * 60, now), 30);
  assert.equal(secondsUntilExpiryPhraseChanges(now + 5 * 3600 + 10, now), 11);
  assert.equal(secondsUntilExpiryPhraseChanges(now + 10 * 86400, now), 43201);
});

test('absolute times written by arithmetic are what Date writes, to the second, at every edge of the fast path', () => {
  const viaDate = (seconds: number) => new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');
  const edges = [0, 59, 86399, 86400, 951_782_400, 951_868_800, 4_107_542_399, 4_107_542_400, 253_402_300_799];
  fc.assert(
    fc.property(fc.oneof(fc.integer({ min: 0, max: 253_402_300_799 }), fc.constantFrom(...edges)), (seconds) => {
      assert.equal(absoluteTime(seconds), viaDate(seconds));
    }),
    propertyRuns(5_000),
  );
  for (const outside of [-1, 1.5, 253_402_300_800, -62_198_755_200]) {
    assert.equal(absoluteTime(outside), new Date(outside * 1000).toISOString().replace('.000Z', 'Z'));
  }
  assert.equal(absoluteTime(1e300), undefined);
  assert.equal(absoluteTime(Number.NaN), undefined);
});
