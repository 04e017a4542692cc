import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import fc from 'fast-check';
import { decodeJwt } from '../../../src/jwt/decode';
import { describeJwt } from '../../../src/jwt/describe';
import { describeMarkdown } from '../../../src/jwt/markdown';
import { plaintextServiceAccountTokens } from '../../../src/jwt/credentials';
import { scanTokens, tokenAt } from '../../../src/jwt/scan';
import { buildCorpus, now } from '../../fixtures/tokens/corpus';

let tokens: string[] = [];
before(async () => {
  tokens = (await buildCorpus()).filter((c) => c.token.length < 10_000).map((c) => c.token);
});

const separator = fc.constantFrom(' ', '"', "'", '\n', ':', '=', '(', '\t', ',');

test('a token embedded at a random place in random text is found exactly once, with its range', () => {
  fc.assert(
    fc.property(fc.nat(), fc.string({ unit: 'binary' }), separator, separator, fc.string({ unit: 'binary' }), (pick, prefix, left, right, suffix) => {
      const token = tokens[pick % tokens.length];
      const text = `${prefix}${left}${token}${right}${suffix}`;
      const start = prefix.length + left.length;
      const matches = scanTokens(text).filter((found) => found.start === start && found.end === start + token.length);
      assert.equal(matches.length, 1);
      assert.equal(scanTokens(text).filter((found) => found.text === token).length, 1);
      assert.equal(tokenAt(text, start + 1)?.text, token);
    }),
    { numRuns: 500 },
  );
});

test('no input throws: random text, and tokens with random characters changed', () => {
  const mutated = fc.tuple(fc.nat(), fc.array(fc.tuple(fc.nat(), fc.string({ unit: 'binary', minLength: 1, maxLength: 2 })), { maxLength: 4 })).map(([pick, edits]) => {
    let token = tokens[pick % tokens.length];
    for (const [at, replacement] of edits) {
      const i = at % token.length;
      token = token.slice(0, i) + replacement + token.slice(i + 1);
    }
    return token;
  });
  fc.assert(
    fc.property(fc.oneof(fc.string({ unit: 'binary' }), mutated), fc.nat(), (text, at) => {
      for (const found of scanTokens(text)) {
        describeMarkdown(describeJwt(decodeJwt(found.text), now));
      }
      describeMarkdown(describeJwt(decodeJwt(text), now));
      tokenAt(text, text.length === 0 ? 0 : at % text.length);
      plaintextServiceAccountTokens(text, now);
    }),
    { numRuns: 1000 },
  );
});

/** Best of three, so a noisy neighbour on the machine does not decide the ratio. */
function bestTime(run: () => void): number {
  let best = Infinity;
  for (let i = 0; i < 3; i++) {
    const started = process.hrtime.bigint();
    run();
    best = Math.min(best, Number(process.hrtime.bigint() - started));
  }
  return best;
}

test('scanning time grows linearly: 8 times the text takes far less than 64 times as long', () => {
  // Inputs that would make a backtracking pattern explode: header starts, dots, near-tokens.
  const adversarial = [(n: number) => 'eyJ'.repeat(n / 3), (n: number) => 'eyJa.'.repeat(n / 5), (n: number) => `eyJ${'a'.repeat(n)}`, (n: number) => 'a.'.repeat(n / 2)];
  for (const make of adversarial) {
    const small = make(1_000_000);
    const large = make(8_000_000);
    const ratio = bestTime(() => scanTokens(large)) / bestTime(() => scanTokens(small));
    assert.ok(ratio < 24, `ratio ${ratio.toFixed(1)} for ${small.slice(0, 10)}…`);
  }
});

test('a hover on a 10 MB one-line file reads a bounded window, whatever the file size', () => {
  const line = 'x'.repeat(10_000_000);
  const huge = `eyJ${'a'.repeat(5_000_000)}.b.c`;
  assert.equal(tokenAt(line, 5_000_000), undefined);
  assert.equal(tokenAt(huge, 2_500_000), undefined);
  const small = bestTime(() => tokenAt('x'.repeat(1_000_000), 500_000));
  const large = bestTime(() => tokenAt(line, 5_000_000));
  assert.ok(large / small < 4, `hover cost grew ${(large / small).toFixed(1)}× with a 10× larger file`);
});
