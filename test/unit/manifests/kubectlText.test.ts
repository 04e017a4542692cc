import assert from 'node:assert/strict';
import { test } from 'node:test';
import { controlCharacters, directives } from '../../../src/manifests/kubectlText';

test('control characters are found past the quick first look, astral characters are not refused', () => {
  // A printable astral character (a surrogate pair) passes the first look's net and is then judged printable.
  assert.equal(controlCharacters('name: caf\u00E9 \u{1F600}\n', 0, 20), undefined);
  assert.equal(controlCharacters('a: b\n'.repeat(1000), 0, 5000), undefined);
  const lone = 'name: \u{1F600}a\uD800b\n';
  assert.equal(controlCharacters(lone, 0, lone.length)?.start, lone.indexOf('\uD800'));
  const bell = 'a: b\nc: d\u0007\n';
  assert.equal(controlCharacters(bell, 0, bell.length)?.start, bell.indexOf('\u0007'));
  // Only within [start, end): a control character after `end` belongs to another document.
  assert.equal(controlCharacters(bell, 0, 5), undefined);
});

test('directives are found only before the document start, whatever % the document holds', () => {
  assert.deepEqual(directives('kind: TokenRequest\nspec: {audiences: ["100%"]}\n', 0), []);
  const text = '%YAML 1.1\n---\nkind: TokenRequest # 100%\n';
  assert.deepEqual(
    directives(text, text.indexOf('kind')).map((finding) => [finding.code, finding.start, finding.end]),
    [['yaml-directive', 0, 9]],
  );
});
