import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { expiryPhrase, secondsUntilExpiryPhraseChanges } from '../../../src/jwt/time';
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
