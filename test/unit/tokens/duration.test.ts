import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatSeconds, parseDuration } from '../../../src/tokens/duration';

test('accepts the forms kubectl users write', () => {
  for (const [input, seconds] of [
    ['10m', 600],
    ['1h', 3600],
    ['2h30m', 9000],
    ['86400s', 86400],
    ['3600', 3600],
    [' 1H ', 3600],
    ['1h0m1s', 3601],
  ] as const) {
    assert.deepEqual(parseDuration(input), { seconds }, input);
  }
});

test('empty means the server default', () => {
  assert.deepEqual(parseDuration('  '), { seconds: undefined });
});

test('checks the server limits locally: 600 s minimum, 2^32 s maximum', () => {
  assert.deepEqual(parseDuration('600'), { seconds: 600 });
  assert.match((parseDuration('599') as { error: string }).error, /under 10 minutes/);
  assert.match((parseDuration('9m') as { error: string }).error, /under 10 minutes/);
  assert.deepEqual(parseDuration(String(2 ** 32)), { seconds: 2 ** 32 });
  assert.match((parseDuration(String(2 ** 32 + 1)) as { error: string }).error, /over 2\^32 seconds/);
});

test('refuses what is not a duration, with the accepted forms', () => {
  for (const input of ['1.5h', '-10m', 'ten minutes', '1d', 'm', '10m1h']) {
    assert.match((parseDuration(input) as { error: string }).error, /is not a duration: write 10m, 1h/, input);
  }
});

test('formats seconds in the two largest units', () => {
  assert.equal(formatSeconds(0), '0s');
  assert.equal(formatSeconds(45), '45s');
  assert.equal(formatSeconds(600), '10m');
  assert.equal(formatSeconds(5400), '1h 30m');
  assert.equal(formatSeconds(266400), '3d 2h');
});
