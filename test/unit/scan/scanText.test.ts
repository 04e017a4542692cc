import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { before, test } from 'node:test';
import fc from 'fast-check';
import { classifyToken } from '../../../src/scan/classify';
import { scanText } from '../../../src/scan/scanText';
import { makeTokenKeys, otherJwt, otherVariants, serviceAccountToken, type TokenKeys } from '../../fixtures/tokens/scanCases';
import { propertyRuns } from '../propertyRuns';

const shape = { namespace: 'demo', name: 'vault-auth', nowSeconds: 1_800_000_000, expired: false, n: 3 };
let keys: TokenKeys;
let bound: string;
let legacy: string;
before(async () => {
  keys = await makeTokenKeys();
  bound = await serviceAccountToken(keys, 'bound-pod', shape);
  legacy = await serviceAccountToken(keys, 'legacy', shape);
});

/** The token's place as the finding says, read back from the text the way an editor counts lines. */
function textAt(text: string, line: number, character: number, length: number): string {
  return text.split(/\r\n|\r|\n/)[line].slice(character, character + length);
}

test('finds each ServiceAccount token at its zero-based line and UTF-16 character', () => {
  const text = `apiVersion: v1\nkind: Config\nusers:\n- name: ci\n  user:\n    token: ${bound}\n# legacy: "${legacy}"\n`;
  const { findings, otherJwts } = scanText(text, '/w/kubeconfig');
  assert.equal(otherJwts, 0);
  assert.deepEqual(
    findings.map((f) => [f.file, f.line, f.character, f.length, f.kind]),
    [
      ['/w/kubeconfig', 5, 11, bound.length, 'bound'],
      ['/w/kubeconfig', 6, 11, legacy.length, 'legacy'],
    ],
  );
  assert.equal(textAt(text, 5, 11, bound.length), bound);
});

test('CRLF, lone CR and surrogate pairs before the token count as an editor counts them', () => {
  const text = `line one\r\nline two\rline 😀😀 three 𝒳 ${bound} tail\r\n`;
  const [finding] = scanText(text, 'f').findings;
  assert.equal(finding.line, 2);
  // Each emoji and 𝒳 is two UTF-16 units.
  assert.equal(finding.character, 'line 😀😀 three 𝒳 '.length);
  assert.equal(textAt(text, finding.line, finding.character, finding.length), bound);
});

test('tokens glued in JSON escapes, URLs and Bearer headers are found; the fingerprint is the first 16 hex of SHA-256', () => {
  const text = `{"config":"token:\\n${bound}\\n"}\nGET /cb?access_token=${bound}&x=1\nAuthorization: Bearer ${bound}\n`;
  const { findings } = scanText(text, 'f');
  assert.equal(findings.length, 3);
  for (const finding of findings) {
    assert.equal(textAt(text, finding.line, finding.character, finding.length), bound);
    assert.equal(finding.fingerprint, createHash('sha256').update(bound).digest('hex').slice(0, 16));
  }
});

test('other JWTs and near misses are counted, not flagged', async () => {
  const others = await Promise.all(otherVariants.map((variant) => otherJwt(keys, variant, shape)));
  const { findings, otherJwts } = scanText(others.map((token) => `token: ${token}`).join('\n'), 'f');
  assert.equal(findings.length, 0);
  assert.equal(otherJwts, otherVariants.length);
});

test('a finding holds no part of the token beyond its claims', () => {
  const { findings } = scanText(`x ${bound}`, 'f');
  const serialised = JSON.stringify(findings);
  for (const part of bound.split('.')) {
    assert.ok(!serialised.includes(part.slice(0, 20)), 'no segment of the token is in the finding');
  }
});

test('hostile text never throws, and the text at every finding\'s place is a ServiceAccount token', () => {
  fc.assert(
    fc.property(fc.array(fc.oneof(fc.constantFrom('\n', '\r', '\r\n', '😀', ' ', '"', '\\n', 'eyJ', '.'), fc.constant('TOKEN'), fc.string({ maxLength: 10 })), { maxLength: 30 }), (pieces) => {
      const text = pieces.map((piece) => (piece === 'TOKEN' ? bound : piece)).join('');
      for (const finding of scanText(text, 'f').findings) {
        assert.ok(classifyToken(textAt(text, finding.line, finding.character, finding.length)).serviceAccount);
      }
    }),
    propertyRuns(500),
  );
});

test('the work is linear: 20 MB of line breaks and token-like noise scans in bounded time', () => {
  const noise = 'eyJhbGciOiJIUzI1NiJ9.e30.c2ln\r\n'.repeat(700_000);
  const started = performance.now();
  const { otherJwts } = scanText(noise, 'f');
  assert.equal(otherJwts, 700_000);
  assert.ok(performance.now() - started < 10_000);
});
