import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Finding } from '../../../src/manifests';
import { lensText } from '../../../src/manifests/lens';

const error = (message: string): Finding => ({ code: 'x', severity: 'error', message, start: 0, end: 1, fixes: [] });
const request = { kind: 'TokenRequest' as const, name: 'vault-auth', namespace: 'demo', errors: [] };
const maxTitle = 40;

test('a manifest with errors: the title counts them, the tooltip gives the first three in full', () => {
  const long = `spec.expirationSeconds: Invalid value: 100: may not specify a duration less than 10 minutes ${'x'.repeat(200)}`;
  const one = lensText({ ...request, errors: [error(long)] }, undefined);
  assert.equal(one.title, 'Request token: fix 1 problem first');
  assert.equal(one.blocked, true);
  assert.equal(one.tooltip, long);
  const five = lensText({ ...request, kind: 'TokenReview', errors: ['a', 'b', 'c', 'd', 'e'].map(error) }, { state: 'no-session', message: 'no kubeconfig' });
  assert.equal(five.title, 'Review token: fix 5 problems first');
  assert.equal(five.tooltip, 'a\nb\nc\n…and 2 more.');
});

test('no cluster, or one that cannot be reached: a word in the title, its message in the tooltip', () => {
  assert.deepEqual(lensText(request, { state: 'no-session', message: 'The kubeconfig has no current-context. Switch to one of its contexts.' }), {
    title: 'Request token: no cluster',
    tooltip: 'The kubeconfig has no current-context. Switch to one of its contexts.',
    blocked: true,
  });
  assert.equal(lensText({ ...request, kind: 'TokenReview' }, { state: 'unreachable', message: 'Connection refused' }).title, 'Review token: cluster unreachable');
});

test('a lens that can run names its ServiceAccount, cut short in the title and whole in the tooltip', () => {
  assert.deepEqual(lensText(request, undefined), { title: 'Request token for demo/vault-auth', tooltip: 'Request a token for ServiceAccount vault-auth in namespace demo.', blocked: false });
  assert.equal(lensText({ ...request, namespace: undefined }, undefined).title, 'Request token for vault-auth');
  assert.match(lensText({ ...request, namespace: undefined }, undefined).tooltip, /in the context's namespace\.$/);
  assert.equal(lensText({ ...request, kind: 'TokenReview' }, undefined).title, 'Review token with the cluster');
  const long = lensText({ ...request, name: `external-secrets-operator-${'a'.repeat(200)}` }, undefined);
  assert.equal(long.title, 'Request token for demo/external-secrets…');
  assert.match(long.tooltip, /a{200} in namespace demo\.$/);
});

test('text from the file cannot make a title long, invisible, reordered, or an icon', () => {
  const hostile = ['a'.repeat(100_000), 'x\u202Eevil\n$(zap)', '$(zap)[x](command:y)', '\u{1F600}'.repeat(30)];
  for (const name of hostile) {
    for (const manifest of [{ ...request, name }, { ...request, namespace: name }, { ...request, errors: [error(name)] }]) {
      const { title, tooltip } = lensText(manifest, undefined);
      assert.ok(title.length <= maxTitle, title);
      assert.ok(!/[\u202E\n]|\$\(|[\uD800-\uDBFF](?![\uDC00-\uDFFF])/.test(title), title);
      assert.ok(tooltip.length <= 1100, `${tooltip.length}`);
      assert.ok(!/[\u202E]|\$\(|\]\(/.test(tooltip), tooltip);
    }
  }
  assert.equal(lensText({ ...request, name: 'x\u202Eevil' }, undefined).title, 'Request token for demo/x\\u202Eevil');
});

test('every title fits in 40 characters', () => {
  const titles = [
    lensText({ ...request, errors: Array.from({ length: 120 }, () => error('x')) }, undefined).title,
    lensText(request, { state: 'unreachable', message: 'x' }).title,
    lensText({ ...request, namespace: 'a'.repeat(63), name: 'b'.repeat(253) }, undefined).title,
  ];
  for (const title of titles) {
    assert.ok(title.length <= maxTitle, title);
  }
});
