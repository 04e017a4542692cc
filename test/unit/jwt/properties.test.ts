import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import fc from 'fast-check';
import { maxReportedTokens, plaintextServiceAccountTokens } from '../../../src/jwt/credentials';
import { decodeJwt } from '../../../src/jwt/decode';
import { describeJwt } from '../../../src/jwt/describe';
import { code, describeMarkdown } from '../../../src/jwt/markdown';
import { scanTokens, tokenAt } from '../../../src/jwt/scan';
import { decodedDocument } from '../../../src/tokens/decodedDocument';
import { visibleText } from '../../../src/text/visibleText';
import { buildCorpus, now } from '../../fixtures/tokens/corpus';
import { b64, injections } from '../../fixtures/tokens/hostile';
import { propertyRuns } from '../propertyRuns';
import { assertInertMarkdown, outsideCodeSpans } from './inertMarkdown';

let tokens: string[] = [];
before(async () => {
  tokens = (await buildCorpus()).filter((c) => c.token.length < 10_000).map((c) => c.token);
});

const invisible = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}\u115F\u1160\u3164\uFFA0]/u;
const separator = fc.constantFrom(' ', '"', "'", '\n', ':', '=', '(', '\t', ',', '%', '\\', '/');
/** What commonly sits glued before a token: URL-encoded spaces, escapes inside strings, names. */
const glue = fc.constantFrom('', '%20', 'Bearer%20', '\\n', '\\t', '\\r\\n', '\\u0022', 'u0022', '_', '-', 'SA_TOKEN_', 'x-', 'token:\\n', '20', 'Authorization:%20Bearer%20');

/** Strings that mean something to Markdown, to the eye, or to String(): the raw material of hostile tokens. */
const hostileString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(...injections.map((injection) => injection.raw), '__proto__', 'constructor', 'toString', 'none', 'NONE', 'kubernetes/serviceaccount'),
  fc.string({ unit: fc.constantFrom('`', ' ', '[', ']', '(', ')', '!', '<', '>', '*', '_', '#', '\n', '\r', '\u202E', '\u200B', '\\', '&', 'a'), maxLength: 30 }),
);
const { json: hostileJson } = fc.letrec((tie) => ({
  json: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    hostileString,
    fc.double(),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('json'), { maxLength: 4 }),
    fc.dictionary(hostileString, tie('json'), { maxKeys: 4 }),
  ),
}));
const hostileObject = fc.dictionary(hostileString, hostileJson, { maxKeys: 6 });
const time = fc.oneof(fc.integer({ min: 0, max: 4_000_000_000 }), fc.integer().map(String), hostileJson);
/** Payloads that look like the kinds the describer tells apart, with hostile text in their places. */
const payload = fc.oneof(
  hostileObject,
  fc.record({ iss: hostileString, sub: hostileString, aud: fc.oneof(hostileString, fc.array(hostileString, { maxLength: 8 })), exp: time, iat: time, nbf: time, extra: hostileObject }),
  fc.record({
    'kubernetes.io': fc.record({
      namespace: hostileString,
      serviceaccount: fc.record({ name: hostileString }),
      pod: fc.option(fc.record({ name: hostileString })),
      secret: fc.option(fc.record({ name: hostileString })),
      node: fc.option(fc.record({ name: hostileString })),
      warnafter: fc.option(time),
    }),
    aud: fc.array(hostileString, { maxLength: 8 }),
    exp: time,
  }),
  fc.record({
    iss: fc.constant('kubernetes/serviceaccount'),
    'kubernetes.io/serviceaccount/namespace': hostileString,
    'kubernetes.io/serviceaccount/service-account.name': hostileJson,
    'kubernetes.io/serviceaccount/secret.name': hostileJson,
  }),
);
const header = fc.oneof(fc.record({ alg: hostileString }, { requiredKeys: [] }), fc.record({ alg: hostileString, kid: hostileString, typ: hostileString, enc: hostileString, extra: hostileJson }, { requiredKeys: ['alg'] }), hostileObject);
const signature = fc.constantFrom('', 'c2ln', 'c2lnbmF0dXJl', 'AAAAA', '!');
const hostileToken = fc.oneof(
  fc.tuple(header, payload, signature).map(([h, p, s]) => `${b64(h)}.${b64(p)}.${s}`),
  fc.tuple(header, fc.constantFrom(4, 5)).map(([h, parts]) => [b64(h), ...Array.from({ length: parts - 1 }, () => 'e30')].join('.')),
  fc.tuple(fc.string({ unit: 'binary', maxLength: 60 }), fc.string({ unit: 'binary', maxLength: 60 })).map(([h, p]) => `${b64(h)}.${b64(p)}.c2ln`),
);

test('scanner: a token glued to what commonly precedes it, at a random place in random text, is found exactly once with its exact range', () => {
  fc.assert(
    fc.property(fc.nat(), fc.string({ unit: 'binary' }), separator, glue, separator, fc.string({ unit: 'binary' }), (pick, prefix, left, glued, right, suffix) => {
      const token = tokens[pick % tokens.length];
      const text = `${prefix}${left}${glued}${token}${right}${suffix}`;
      const start = prefix.length + left.length + glued.length;
      const found = scanTokens(text);
      assert.equal(found.filter((f) => f.start === start && f.end === start + token.length).length, 1);
      assert.equal(found.filter((f) => f.text === token).length, 1);
      assert.equal(tokenAt(text, start + 1)?.text, token);
      assert.equal(tokenAt(text, start + token.length)?.text, token);
    }),
    propertyRuns(),
  );
});

const ourReasons = [
  /^it has \d+ parts; a signed JWT has 3 \(header\.payload\.signature\) and an encrypted one 5$/,
  /^it is \d+ characters long; tokens longer than 262144 characters are not read$/,
  /^(header|payload) is not valid base64url$/,
  /^(header|payload) is not valid UTF-8$/,
  /^(header|payload) is not JSON$/,
  /^(header|payload) is JSON but not an object$/,
  /^(header|payload) nests arrays and objects more than 64 levels deep, which no real token does$/,
  /^header has no "alg"$/,
  /^it has 5 parts but its header has no "enc", so it is not an encrypted JWT$/,
  /^signature is not valid base64url$/,
  /^signature is empty although the header names a signing algorithm$/,
  /^signature is empty and "alg" differs in case from "none": algorithm names are case-sensitive, so no correct library accepts it as an unsigned token$/,
];

const mutated = fc.tuple(fc.nat(), fc.array(fc.tuple(fc.nat(), fc.string({ unit: 'binary', minLength: 1, maxLength: 2 })), { maxLength: 4 })).map(([pick, edits]) => {
  let token = tokens[pick % tokens.length];
  for (const [at, replacement] of edits) {
    const i = at % token.length;
    token = token.slice(0, i) + replacement + token.slice(i + 1);
  }
  return token;
});

test('decoder: never throws, and a token that does not decode gets one of our reasons, never the token\'s text', () => {
  fc.assert(
    fc.property(fc.oneof(fc.string({ unit: 'binary' }), mutated, hostileToken), (text) => {
      const decoded = decodeJwt(text);
      if (decoded.form === 'malformed') {
        assert.ok(ourReasons.some((reason) => reason.test(decoded.reason)), decoded.reason);
      }
    }),
    propertyRuns(),
  );
});

/** How deep a small generated value nests (the generator keeps it shallow, so recursion is fine here). */
function depthOf(value: unknown): number {
  return typeof value === 'object' && value !== null ? 1 + Math.max(0, ...Object.values(value).map(depthOf)) : 0;
}

test('decoder: depth is bounded at 64 levels, checked without recursion, whatever nests', () => {
  const opener = fc.constantFrom('[', '{"a":', '[{"[":', '{"\\"{":[');
  fc.assert(
    fc.property(fc.array(opener, { maxLength: 130 }), hostileJson, fc.constantFrom('header', 'payload'), (openers, inner, part) => {
      const closers = openers.map((open) => (open === '[' ? ']' : open === '{"a":' ? '}' : open === '[{"[":' ? '}]' : ']}')).reverse();
      const levels = openers.reduce((sum, open) => sum + (open.length > 5 ? 2 : 1), 1);
      const json = `{"alg":"HS256","x":${openers.join('')}${JSON.stringify(inner)}${closers.join('')}}`;
      const token = part === 'header' ? `${b64(json)}.${b64({ iss: 'app' })}.c2ln` : `${b64({ alg: 'HS256' })}.${b64(json)}.c2ln`;
      const decoded = decodeJwt(token);
      if (levels + depthOf(inner) > 64) {
        assert.deepEqual(decoded, { form: 'malformed', reason: `${part} nests arrays and objects more than 64 levels deep, which no real token does` });
      } else {
        assert.equal(decoded.form, 'jws');
      }
      describeMarkdown(describeJwt(decoded, now));
      decodedDocument(token, false, now);
    }),
    propertyRuns(),
  );
});

test('describe and Markdown: never throw; the hover is inert and bounded; every value is one code span', () => {
  fc.assert(
    fc.property(fc.oneof(hostileToken, mutated), hostileString, (token, value) => {
      const description = describeJwt(decodeJwt(token), now);
      const markdown = describeMarkdown(description);
      assertInertMarkdown(markdown, token, { title: description.title });
      assert.ok(markdown.length <= 100_000 && markdown.split('\n')[0].length <= 1_000);
      assert.ok(['(empty)', '⟦⟧'].includes(outsideCodeSpans(code(value))), code(value));
      const shown = visibleText(value, 20);
      assert.doesNotMatch(shown, invisible);
      assert.ok(shown.length <= 20 || shown.endsWith(` (${value.length} characters)`));
      const view = decodedDocument(token, true, now);
      assert.doesNotMatch(view.replace(/\n/g, ''), invisible);
    }),
    propertyRuns(),
  );
});

test('credentials: never throw; report at most the cap, with visible messages, and exactly the ServiceAccount tokens a text holds', () => {
  const account = fc.tuple(hostileString, hostileString).map(([namespace, name]) => `${b64({ alg: 'RS256' })}.${b64({ 'kubernetes.io': { namespace, serviceaccount: { name } }, exp: now / 1000 + 60 })}.c2ln`);
  const piece = fc.oneof(account.map((token) => ({ token, serviceAccount: true })), hostileToken.map((token) => ({ token, serviceAccount: false })), fc.string({ unit: 'binary', maxLength: 20 }).map((token) => ({ token, serviceAccount: false })));
  fc.assert(
    fc.property(fc.array(fc.tuple(piece, separator, glue), { maxLength: 6 }), (pieces) => {
      const text = pieces.map(([p, sep, glued]) => `${sep}${glued}${p.token}`).join('');
      const report = plaintextServiceAccountTokens(text, now);
      assert.ok(report.tokens.length <= maxReportedTokens);
      for (const token of report.tokens) {
        assert.doesNotMatch(token.message, invisible);
        assert.doesNotMatch(token.message, /\]\(|\$\(/, 'no link or icon VS Code would render');
        assert.ok(token.message.length <= 800);
        assert.match(describeJwt(decodeJwt(text.slice(token.start, token.end)), now).kind, /^kubernetes-/);
      }
      const accounts = pieces.filter(([p]) => p.serviceAccount).map(([p]) => p.token);
      assert.deepEqual(report.tokens.filter((token) => accounts.includes(text.slice(token.start, token.end))).length, accounts.length);
    }),
    propertyRuns(),
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
  // Inputs that would make a backtracking pattern explode: header starts, dots, near-tokens, glue.
  const adversarial = [
    (n: number) => 'eyJ'.repeat(n / 3),
    (n: number) => 'eyJa.'.repeat(n / 5),
    (n: number) => `eyJ${'a'.repeat(n)}`,
    (n: number) => 'a.'.repeat(n / 2),
    (n: number) => 'x_eyJhbGciOi.'.repeat(n / 13),
    (n: number) => `${'_eyJ'.repeat(n / 8)}.${'a'.repeat(n / 2)}`,
  ];
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
