import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { generateKeyPair, exportJWK } from 'jose';
import { plaintextServiceAccountTokens } from '../../../src/jwt/credentials';
import { decodeJwt } from '../../../src/jwt/decode';
import { describeJwt } from '../../../src/jwt/describe';
import { code, describeMarkdown, type MarkdownLink } from '../../../src/jwt/markdown';
import { scanTokens } from '../../../src/jwt/scan';
import { verificationLines, verifyJwt } from '../../../src/jwt/verify';
import { buildHostileCorpus, injections, now, span } from '../../fixtures/tokens/hostile';
import { assertInertMarkdown } from './inertMarkdown';

const corpus = buildHostileCorpus();
const invisible = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}\u115F\u1160\u3164\uFFA0]/u;
/** What a VS Code notification renders as a link (vs/base/common/linkedText.ts), or a quick pick as an icon. */
const linkOrIcon = /\[[^\]]+\]\((https?:\/\/|command:|file:)|\$\([a-z0-9-]+\)/i;
const linkTitles = ['Verify signature', 'Review with cluster', 'Open decoded', 'Copy claims as JSON'];
const links: MarkdownLink[] = linkTitles.map((title) => ({ title, target: `command:kubeSaTokens.x?${encodeURIComponent(JSON.stringify([{ uri: 'file:///a', line: 0, character: 0 }]))}` }));
/** A hover stays readable and cheap to render, whatever the token holds. */
const maxHoverLength = 100_000;
const maxFirstLineLength = 1_000;

describe('hostile token corpus', () => {
  test('has at least 200 crafted tokens, and the hand-written safe forms are what a code span needs', () => {
    assert.ok(corpus.length >= 200, `${corpus.length} cases`);
    for (const injection of injections) {
      assert.equal(span(injection.raw), injection.safe, injection.name);
      assert.equal(code(injection.raw), injection.safe, injection.name);
      assert.ok(injection.safe.length <= 44, `${injection.name} must fit every place whole`);
    }
  });

  test('each hover has the exact kind and first line, and the lines the case names', () => {
    for (const c of corpus) {
      const description = describeJwt(decodeJwt(c.token), now);
      const markdown = describeMarkdown(description, links);
      const lines = markdown.split('\n');
      assert.equal(description.kind, c.kind, c.name);
      assert.equal(lines[0], c.firstLine, c.name);
      for (const line of c.lines) {
        assert.ok(lines.includes(line), `${c.name}: expected the line ${JSON.stringify(line)} in\n${markdown.slice(0, 4000)}`);
      }
    }
  });

  test('each hover is inert and bounded: no Markdown, HTML or invisible character from the token', () => {
    for (const c of corpus) {
      const description = describeJwt(decodeJwt(c.token), now);
      const markdown = describeMarkdown(description, links);
      assertInertMarkdown(markdown, c.name, { title: description.title, linkTitles, marker: c.marker });
      assert.ok(markdown.length <= maxHoverLength, `${c.name}: ${markdown.length} characters`);
      assert.ok(markdown.split('\n')[0].length <= maxFirstLineLength, `${c.name}: first line of ${markdown.split('\n')[0].length} characters`);
    }
  });

  test('each token is found alone with its exact range, and only ServiceAccount tokens get a plaintext diagnostic, inert and bounded', () => {
    for (const c of corpus) {
      const text = `first: line\ntoken: ${c.token}\nlast: line\n`;
      const start = text.indexOf(c.token);
      const scannable = /^eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_.-]*$/.test(c.token) && c.token.length <= 256 * 1024;
      if (scannable) {
        assert.deepEqual(scanTokens(text).map((found) => [found.start, found.end]), [[start, start + c.token.length]], c.name);
      }
      const report = plaintextServiceAccountTokens(text, now);
      for (const token of report.tokens) {
        assert.doesNotMatch(token.message, invisible, c.name);
        assert.doesNotMatch(token.message, linkOrIcon, c.name);
        assert.ok(token.message.length <= 800, `${c.name}: ${token.message.length} characters`);
      }
      if (c.plaintext !== undefined) {
        assert.deepEqual(report.tokens.map((token) => token.message), [c.plaintext], c.name);
      } else if (!c.kind.startsWith('kubernetes')) {
        assert.deepEqual(report.tokens, [], c.name);
      }
    }
  });

  test('verification of each token never throws, and its messages are visible text of bounded length', async () => {
    const { publicKey } = await generateKeyPair('RS256');
    const source = { kind: 'jwks' as const, label: 'the test keys', jwks: { keys: [{ ...(await exportJWK(publicKey)), kid: 'k' }] } };
    for (const c of corpus) {
      const verification = await verifyJwt(c.token, source, { now, issuer: 'https://issuer.example', audience: 'vault' });
      assert.equal(verification.signatureValid, false, c.name);
      for (const line of verificationLines(verification)) {
        assert.doesNotMatch(line, invisible, `${c.name}: ${line}`);
        assert.doesNotMatch(line, linkOrIcon, `${c.name}: ${line}`);
        assert.ok(line.length <= 1_000, `${c.name}: ${line.length} characters`);
      }
    }
  });
});
