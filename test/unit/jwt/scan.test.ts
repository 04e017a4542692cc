import assert from 'node:assert/strict';
import { test } from 'node:test';
import { scanTokens, tokenAt } from '../../../src/jwt/scan';
import { b64, jws } from '../../fixtures/tokens/hostile';

const token = jws({ alg: 'RS256', kid: 'k1' }, { sub: 'system:serviceaccount:demo:vault-auth' });
const unsigned = `${b64({ alg: 'none' })}.${b64({ sub: 'x' })}.`;

test('a token glued to the text before it starts at its own eyJ', () => {
  for (const [before, after] of [
    ['Authorization: Bearer%20', '&x=1'],
    ['{"log": "token:\\n', '\\n"}'],
    ['{"log": "token:\\t', '"}'],
    ['{"cmd": "curl -H \\u0022Authorization: Bearer ', '\\u0022"}'],
    ['"\\u0022', '\\u0022"'],
    ['SA_TOKEN_', '\n'],
    ['export KUBE_TOKEN_', '\n'],
    ['x-', ' '],
    ['--token=', ' '],
    ['AAAA_bbbb-', ' '],
    ['monkeyJoe', ' '],
    ['eyJunk', ' '],
  ]) {
    for (const t of [token, unsigned]) {
      const text = `${before}${t}${after}`;
      const start = before.length;
      assert.deepEqual(scanTokens(text).map((found) => [found.start, found.end]), [[start, start + t.length]], JSON.stringify(before));
      assert.equal(tokenAt(text, start + 5)?.text, t, JSON.stringify(before));
      assert.equal(tokenAt(text, start - 1), undefined, `${JSON.stringify(before)}: the glue is not part of the token`);
    }
  }
});

test('without a plausible header start, a run is a token only when it opens with eyJ', () => {
  assert.deepEqual(scanTokens('xeyJ!.a.b eyJunk.a.b eyJ'), [{ start: 10, end: 20, text: 'eyJunk.a.b' }]);
  assert.deepEqual(scanTokens('prefix_eyJunk.a.b'), [], 'glue before an eyJ that opens no JSON name is not a token');
  assert.deepEqual(scanTokens('file.eyJhbGciOiJIUzI1NiJ9.e30.c2ln'), [], 'a token is looked for in the first segment only');
});

test('two tokens glued together stay one run: the scanner does not guess where the first ends', () => {
  const found = scanTokens(`${token}${token}`);
  assert.deepEqual(found.map((f) => f.text), [`${token}${token}`]);
});
