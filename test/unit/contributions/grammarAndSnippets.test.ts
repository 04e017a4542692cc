import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

const read = (path: string) => JSON.parse(readFileSync(new URL(`../../../${path}`, import.meta.url), 'utf8')) as Record<string, unknown>;
const grammar = read('syntaxes/jwt.injection.tmLanguage.json') as { repository: { jwt: { match: string; captures: Record<string, { name: string }> } } };
// The pattern uses only syntax that Oniguruma and JavaScript read alike, so it can be checked here.
const pattern = new RegExp(grammar.repository.jwt.match, 'g');
const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const jws = `${encode({ alg: 'RS256', kid: 'k' })}.${encode({ sub: 'system:serviceaccount:demo:web' })}.c2lnbmF0dXJlLWJ5dGVz`;

test('the injection grammar colours header, payload and signature of a JWT in context', () => {
  const line = `Authorization: Bearer ${jws}\n`;
  const [match] = [...line.matchAll(pattern)];
  assert.equal(match.index, 'Authorization: Bearer '.length);
  assert.deepEqual([match[1], match[3], match[5]], jws.split('.'));
  assert.equal(grammar.repository.jwt.captures['1'].name, 'entity.name.type.jwt.header');
  assert.equal(grammar.repository.jwt.captures['5'].name, 'comment.block.jwt.signature');
});

test('JWE tokens match whole; words that only look similar do not', () => {
  const jwe = `${encode({ alg: 'RSA-OAEP', enc: 'A256GCM' })}.a2V5.aXY.Y2lwaGVy.dGFn`;
  assert.equal([...`token: "${jwe}"`.matchAll(pattern)][0][0], jwe);
  assert.equal([...'the eyJ prefix alone, or xeyJabc.def.ghi inside a word'.matchAll(pattern)].length, 0);
});

test('a very long line of near-misses is matched in time that grows linearly', () => {
  // Dots every few characters: each start position tries the bounded segments and fails fast.
  const time = (size: number) => {
    const text = 'eyJaaaa.'.repeat(size / 8);
    const started = performance.now();
    pattern.lastIndex = 0;
    while (pattern.exec(text)) {
      // every match is consumed; only the time matters here
    }
    return performance.now() - started;
  };
  time(1 << 16);
  const small = time(1 << 18);
  const large = time(1 << 21);
  assert.ok(large < small * 40, `8x the input took ${(large / small).toFixed(1)}x the time`);
});

test('snippets parse, have unique prefixes and end on a final tab stop', () => {
  const prefixes = new Set<string>();
  for (const file of ['snippets/kubernetes-tokens.code-snippets', 'snippets/terraform.code-snippets']) {
    for (const [name, snippet] of Object.entries(read(file) as Record<string, { prefix: string; body: string[] }>)) {
      assert.ok(!prefixes.has(snippet.prefix), `duplicate prefix ${snippet.prefix}`);
      prefixes.add(snippet.prefix);
      assert.equal(snippet.body.at(-1), '$0', `${name} ends with $0`);
    }
  }
  assert.ok(prefixes.has('tokenrequest-pod') && prefixes.has('kubernetes_token_request_v1'));
});
