import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { decodeJwt } from '../../../src/jwt/decode';
import { describeJwt } from '../../../src/jwt/describe';
import { describeMarkdown } from '../../../src/jwt/markdown';
import { scanTokens, tokenAt } from '../../../src/jwt/scan';
import { buildCorpus, now, type TokenCase } from '../../fixtures/tokens/corpus';

/** The places tokens turn up, each with the token's place marked by «». */
const contexts = [
  'users:\n- name: ci\n  user:\n    token: «»\n',
  'KUBE_TOKEN=«»\nOTHER=1\n',
  'GET https://api.example.com/\nAuthorization: Bearer «»\n',
  '{"status": {"token": "«»", "expirationTimestamp": "2026-11-24T12:14:00Z"}}',
  "const token = '«»';",
  '2026-11-24T12:00:00Z INFO request token=«». done',
  '| token | `«»` |',
];

describe('token corpus', () => {
  let corpus: TokenCase[] = [];
  before(async () => {
    corpus = await buildCorpus();
  });

  test('has the kinds the issue lists', () => {
    const kinds = new Set(corpus.map((c) => c.kind));
    for (const kind of ['kubernetes-bound', 'kubernetes-legacy', 'oidc', 'jwt', 'unsecured', 'jwe', 'malformed']) {
      assert.ok(kinds.has(kind), kind);
    }
    assert.ok(corpus.length >= 20);
  });

  test('every token is found exactly once, with its exact range, wherever it is written', () => {
    for (const c of corpus) {
      for (const context of contexts) {
        const text = context.replace('«»', c.token);
        const start = context.indexOf('«»');
        const found = scanTokens(text);
        assert.equal(found.length, 1, `${c.name} in ${JSON.stringify(context)}`);
        assert.deepEqual([found[0].start, found[0].end], [start, start + c.token.length], c.name);
        for (const offset of [start, start + Math.floor(c.token.length / 2), start + c.token.length]) {
          assert.equal(tokenAt(text, offset)?.text, c.token, `${c.name} at ${offset}`);
        }
      }
    }
  });

  test('each hover says what the case expects, and never shows the signature or the whole token', () => {
    for (const c of corpus) {
      const description = describeJwt(decodeJwt(c.token), now);
      const markdown = describeMarkdown(description);
      assert.equal(description.kind, c.kind, c.name);
      assert.equal(markdown.split('\n')[0], c.firstLine, c.name);
      for (const expected of c.includes) {
        assert.ok(markdown.includes(expected), `${c.name}: expected ${JSON.stringify(expected)} in\n${markdown}`);
      }
      const parts = c.token.split('.');
      assert.ok(!markdown.includes(c.token), c.name);
      if (parts.length === 3 && parts[2].length > 8) {
        assert.ok(!markdown.includes(parts[2]), `${c.name}: signature shown`);
      }
    }
  });
});
