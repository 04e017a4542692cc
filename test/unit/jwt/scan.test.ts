import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { scanTokens, tokenAt } from '../../../src/jwt/scan';
import { b64, jws } from '../../fixtures/tokens/hostile';
import { propertyRuns } from '../propertyRuns';

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

/** The scanner as first written: every run read character by character, then judged alone. The fast scanner must agree with it exactly. */
function runByRunScan(text: string): Array<[number, number]> {
  const isTokenChar = (c: string) => /[A-Za-z0-9_.-]/.test(c);
  const opensMemberName = (at: number, end: number) => {
    const eight = text.slice(at, at + 8);
    if (at + 8 > end || eight.includes('.')) {
      return false;
    }
    const bytes = Buffer.from(eight, 'base64url');
    return bytes[0] === 0x7b && bytes[1] === 0x22 && [...bytes.subarray(2)].every((byte) => byte >= 0x20 && byte <= 0x7e);
  };
  const found: Array<[number, number]> = [];
  let i = 0;
  while (i < text.length) {
    if (!isTokenChar(text[i])) {
      i++;
      continue;
    }
    const runStart = i;
    while (i < text.length && isTokenChar(text[i])) {
      i++;
    }
    let start = runStart;
    let end = i;
    while (start < end && text[start] === '.') start++;
    while (end > start && text[end - 1] === '.') end--;
    if (end - start < 10 || end - start > 256 * 1024) {
      continue;
    }
    const firstSegment = text.slice(start, end).split('.')[0];
    let tokenStart = -1;
    for (let at = start; at + 3 <= start + firstSegment.length; at++) {
      if (text.startsWith('eyJ', at) && opensMemberName(at, end)) {
        tokenStart = at;
        break;
      }
    }
    tokenStart = tokenStart >= 0 ? tokenStart : text.startsWith('eyJ', start) ? start : -1;
    const dots = text.slice(tokenStart, end).split('.').length - 1;
    if (tokenStart < 0 || end - tokenStart < 10 || dots === 0) {
      continue;
    }
    found.push([tokenStart, dots === 1 && end < i ? end + 1 : end]);
  }
  return found;
}

test('the scanner finds exactly what a plain run-by-run scan finds, in text made of the pieces that matter', () => {
  const piece = fc.constantFrom('eyJ', 'eyJhbGciOi', 'eyJ0eXAiOiJKV1Qi', 'eyJhIjoi', 'e30', '.', '..', 'a', 'Q', '_', '-', 'x', ' ', '\n', '"', '%20', 'c2ln', 'eyJ!', 'é', token, unsigned);
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
      const text = pieces.join('');
      assert.deepEqual(scanTokens(text).map((found) => [found.start, found.end]), runByRunScan(text));
    }),
    propertyRuns(),
  );
});
