import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { type DecodedAccount, maxDecodedCharacters, maxReportedTokens, PlaintextTokenCheck, type PlaintextTokenReport, plaintextServiceAccountTokens } from '../../../src/jwt/credentials';
import { b64, jws, now } from '../../fixtures/tokens/hostile';
import { propertyRuns } from '../propertyRuns';

const nowSeconds = now / 1000;
const account = (name: string, extra: Record<string, unknown> = {}) =>
  jws({ alg: 'RS256', kid: 'k' }, { aud: ['vault'], exp: nowSeconds + 600, iss: 'https://kubernetes.default.svc', 'kubernetes.io': { namespace: 'demo', serviceaccount: { name, uid: 'u' } }, ...extra });
const message = (name: string) => `Kubernetes ServiceAccount token in plain text: it acts as system:serviceaccount:demo:${name}; valid until 2026-11-24T12:10:00Z (expires in 10 min).`;

test('one bad token affects only itself: a deep, a huge and a broken token between two ServiceAccount tokens', () => {
  const deep = `${b64({ alg: 'RS256' })}.${b64(`{"kubernetes.io":{"namespace":"demo","serviceaccount":{"name":"deep"},"x":${'['.repeat(10_000)}${']'.repeat(10_000)}}}`)}.c2ln`;
  const hostile = account('x', { [']'.repeat(1000)]: { toString: 1 }, aud: [{ toString: 1, valueOf: 1 }] });
  const text = `first: ${account('first')}\ndeep: ${deep}\nbroken: ${b64('{"kubernetes.io":')}.${b64('kubernetes.io')}.c2ln\nodd: ${hostile}\nlast: ${account('last')}\n`;
  const report = plaintextServiceAccountTokens(text, now);
  assert.deepEqual(report.tokens.map((token) => token.message), [message('first'), message('x'), message('last')]);
  assert.deepEqual([report.omitted, report.unchecked], [0, 0]);
});

test('at most 100 tokens are reported one by one; the rest are counted in one summary', () => {
  const text = Array.from({ length: 150 }, (_, i) => `t${i}: ${account(`sa-${i}`)}`).join('\n');
  const report = plaintextServiceAccountTokens(text, now);
  assert.equal(report.tokens.length, maxReportedTokens);
  assert.equal(report.tokens[99].message, message('sa-99'));
  assert.deepEqual([report.omitted, report.unchecked], [50, 0]);
  assert.equal(report.summary, '50 more Kubernetes ServiceAccount tokens are written in plain text in this file; only the first 100 are marked. Move credentials out of files into a secret store.');
});

test('decoding stops at the per-document budget; what is left is counted as unchecked', () => {
  const one = account('budget');
  const count = Math.ceil(maxDecodedCharacters / one.length) + 10;
  const report = plaintextServiceAccountTokens(Array.from({ length: count }, () => one).join('\n'), now);
  const decoded = Math.floor(maxDecodedCharacters / one.length);
  assert.deepEqual([report.tokens.length, report.omitted, report.unchecked], [maxReportedTokens, decoded - maxReportedTokens, count - decoded]);
  assert.equal(
    report.summary,
    `${decoded - maxReportedTokens} more Kubernetes ServiceAccount tokens are written in plain text in this file; only the first 100 are marked. ${count - decoded} more token-like strings were not checked: this file holds more than 2 MiB of tokens that may be ServiceAccount tokens. Move credentials out of files into a secret store.`,
  );
});

test('tokens that are not ServiceAccount tokens cost no decoding: 10 MB of unsigned tokens is checked quickly', () => {
  const lines: string[] = [];
  let size = 0;
  for (let i = 0; size < 10_000_000; i++) {
    const line = `${b64({ alg: 'none' })}.${b64({ sub: `u${i}` })}.\n`;
    lines.push(line);
    size += line.length;
  }
  const text = lines.join('');
  const started = performance.now();
  const report = plaintextServiceAccountTokens(text, now);
  const elapsed = performance.now() - started;
  assert.deepEqual(report, { tokens: [], omitted: 0, unchecked: 0, summary: undefined });
  // 1.7 s on the CI machine before the cheap rejection, about 0.12 s after.
  assert.ok(elapsed < 1_000, `${elapsed.toFixed(0)} ms`);
});

test('a token that names kubernetes.io in its JSON but is no ServiceAccount token is passed over', () => {
  const text = `a: ${jws({ alg: 'RS256' }, { iss: 'https://kubernetes.io', sub: 'kubernetes.io' })}\n`;
  assert.deepEqual(plaintextServiceAccountTokens(text, now).tokens, []);
});

test('each token is placed at its line and character, as an editor counts them, with LF and CRLF line ends', () => {
  for (const lineEnd of ['\n', '\r\n']) {
    const text = ['kind: Secret', `token: ${account('one')}`, '', `  a: b ${account('two')} ${account('three')}`, `${account('four')}`].join(lineEnd);
    const lines = text.split('\n');
    for (const token of plaintextServiceAccountTokens(text, now).tokens) {
      const line = lines[token.line];
      assert.equal(line.slice(token.character, token.character + token.end - token.start), text.slice(token.start, token.end));
      assert.equal(lines.slice(0, token.line).reduce((offset, before) => offset + before.length + 1, 0) + token.character, token.start);
    }
    assert.deepEqual(plaintextServiceAccountTokens(text, now).tokens.map((token) => [token.line, token.character]), [[1, 7], [3, 7], [3, 8 + account('two').length], [4, 0]]);
  }
});

test('checked in slices of any size, the report is the one the whole check gives', () => {
  const text = Array.from({ length: 140 }, (_, i) => `t${i}: ${i % 3 === 0 ? `${b64({ alg: 'none' })}.${b64({ sub: `u${i}` })}.` : account(`sa-${i}`)}`).join('\n');
  const whole = plaintextServiceAccountTokens(text, now);
  fc.assert(
    fc.property(fc.array(fc.boolean(), { minLength: 1, maxLength: 50 }), (answers) => {
      const check = new PlaintextTokenCheck(text, now);
      let asked = 0;
      let report: PlaintextTokenReport | undefined;
      let slices = 0;
      while (!report) {
        report = check.advance(() => answers[asked++ % answers.length]);
        slices++;
      }
      assert.deepEqual(report, whole);
      assert.ok(slices <= 1 + Math.ceil(140 / 16), `${slices} slices`);
    }),
    propertyRuns(200),
  );
});

test('a token an earlier check decoded is not decoded again; only tokens of this text are kept for the next check', () => {
  const kept = account('kept');
  const text = `a: ${kept}\nb: ${account('new')}\n`;
  const known = new Map<string, DecodedAccount>([
    [kept, { actsAs: 'system:serviceaccount:from:the-earlier-check', exp: nowSeconds + 600 }],
    [account('gone'), null],
  ]);
  const check = new PlaintextTokenCheck(text, now, known);
  const report = check.advance(() => false);
  assert.deepEqual(report?.tokens.map((token) => token.message.split(';')[0]), [
    'Kubernetes ServiceAccount token in plain text: it acts as system:serviceaccount:from:the-earlier-check',
    'Kubernetes ServiceAccount token in plain text: it acts as system:serviceaccount:demo:new',
  ]);
  assert.deepEqual([...check.decoded.keys()], [kept, account('new')]);
});

test('placing tokens on one 5 MB line reads the line once, not once per token', () => {
  const filler = 'x'.repeat(50_000);
  const text = Array.from({ length: 100 }, (_, i) => `${filler} ${account(`sa-${i}`)}`).join(' ');
  const started = performance.now();
  const report = plaintextServiceAccountTokens(text, now);
  assert.equal(report.tokens.length, 100);
  assert.ok(report.tokens.every((token) => token.line === 0 && token.character === token.start));
  // Counting from the last line break per token would read 100 × 2.5 MB on average; reading once takes milliseconds.
  assert.ok(performance.now() - started < 1_000);
});
