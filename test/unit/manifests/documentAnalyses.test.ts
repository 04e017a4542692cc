import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DocumentAnalyses } from '../../../src/manifests';

const request = (seconds: number) => `apiVersion: authentication.k8s.io/v1\nkind: TokenRequest\nmetadata:\n  name: vault-auth\nspec:\n  audiences: [vault]\n  expirationSeconds: ${seconds}\n`;

test('one analysis per version: the same version is analysed once, and each new one fires once', () => {
  let optionsRead = 0;
  const analyses = new DocumentAnalyses(() => {
    optionsRead++;
    return { defaultAudiences: [], now: 0 };
  });
  const events: string[] = [];
  analyses.onDidChange((key) => events.push(key));
  const first = analyses.update('file:///a.yaml', 1, () => request(100));
  assert.equal(analyses.update('file:///a.yaml', 1, () => assert.fail('the text of a known version is not read again')), first);
  assert.deepEqual(first.findings.map((finding) => finding.code), ['expiration-too-short']);
  assert.deepEqual(first.manifests.map((manifest) => [manifest.name, manifest.expirationSeconds, manifest.errors.length]), [['vault-auth', 100, 1]]);
  const second = analyses.update('file:///a.yaml', 2, () => request(900));
  assert.deepEqual(second.findings, []);
  assert.equal(analyses.get('file:///a.yaml'), second);
  assert.deepEqual(events, ['file:///a.yaml', 'file:///a.yaml']);
  assert.equal(optionsRead, 1, 'options are read once per document until a reset');
});

test('forget and reset fire for the documents they drop; a reset reads the options again', () => {
  let audiences = ['vault'];
  const analyses = new DocumentAnalyses(() => ({ defaultAudiences: audiences, now: 0 }));
  const events: string[] = [];
  analyses.onDidChange((key) => events.push(key));
  const noAudiences = 'apiVersion: authentication.k8s.io/v1\nkind: TokenRequest\nmetadata:\n  name: a\nspec: {}\n';
  const fixTitle = (key: string) => analyses.get(key)?.findings.find((finding) => finding.code === 'missing-audiences')?.fixes[0]?.title;
  analyses.update('a', 1, () => noAudiences);
  analyses.update('b', 1, () => noAudiences);
  assert.match(fixTitle('a') ?? '', /vault/);
  analyses.forget('b');
  analyses.forget('b');
  assert.equal(analyses.get('b'), undefined);
  audiences = ['sts.amazonaws.com'];
  analyses.reset();
  assert.equal(analyses.get('a'), undefined);
  analyses.update('a', 1, () => noAudiences);
  assert.match(fixTitle('a') ?? '', /sts\.amazonaws\.com/);
  assert.deepEqual(events, ['a', 'b', 'b', 'a', 'a']);
});
