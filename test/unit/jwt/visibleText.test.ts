import assert from 'node:assert/strict';
import { test } from 'node:test';
import { code } from '../../../src/jwt/markdown';
import { ours, phrase, quoted } from '../../../src/jwt/phrase';
import { escapedText, revealInvisible, visibleText } from '../../../src/text/visibleText';

test('visibleText escapes every character that hides or reorders text, and nothing else', () => {
  assert.equal(visibleText('admin\u202Etxt.exe', 80), 'admin\\u202Etxt.exe');
  assert.equal(visibleText('\u202A\u202B\u202C\u202D\u2066\u2067\u2068\u2069\u200E\u200F\u061C', 80), '\\u202A\\u202B\\u202C\\u202D\\u2066\\u2067\\u2068\\u2069\\u200E\\u200F\\u061C');
  assert.equal(visibleText('a\u200Bb\u200Cc\u200Dd\u2060e\uFEFF\u00AD', 80), 'a\\u200Bb\\u200Cc\\u200Dd\\u2060e\\uFEFF\\u00AD');
  assert.equal(visibleText('one\ntwo\rthree\tfour\u2028five\u2029', 80), 'one\\ntwo\\rthree\\tfour\\u2028five\\u2029');
  assert.equal(visibleText('\u0000\u0007\u001B\u007F\u0080\u0085\u009F', 80), '\\u0000\\u0007\\u001B\\u007F\\u0080\\u0085\\u009F');
  assert.equal(visibleText('\uD800 \uDC00 \u{E0041} \u3164', 80), '\\uD800 \\uDC00 \\uDB40\\uDC41 \\u3164');
  assert.equal(visibleText('Zoë Ångström 日本 👩‍💻 ⚠️ <b>&amp;`', 80), 'Zoë Ångström 日本 👩\\u200D💻 ⚠️ <b>&amp;`');
});

test('escapedText: all of printable ASCII is kept as it is, and one control after it is still escaped', () => {
  const printable = Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i)).join('');
  assert.equal(escapedText(printable, 200), printable);
  for (const control of [0x00, 0x09, 0x1b, 0x1f, 0x7f]) {
    assert.equal(escapedText(`${printable}${String.fromCharCode(control)}`, 200), `${printable}${visibleText(String.fromCharCode(control), 10)}`);
    assert.notEqual(visibleText(String.fromCharCode(control), 10), String.fromCharCode(control));
  }
});

test('visibleText keeps links and icons literal where VS Code would render them in plain text', () => {
  assert.equal(visibleText('[Verify](command:kubeSaTokens.x?%5B%5D)', 80), '[Verify] (command:kubeSaTokens.x?%5B%5D)');
  assert.equal(visibleText('[a](https://evil.example) [b](file:///etc/passwd)', 80), '[a] (https://evil.example) [b] (file:///etc/passwd)');
  assert.equal(visibleText('$(warning) Verified $(check)', 80), '$ (warning) Verified $ (check)');
  assert.equal(visibleText('a[b]c(d) $x', 80), 'a[b]c(d) $x');
});

test('visibleText cuts at the limit, counting escapes, and says how long the text was', () => {
  assert.equal(visibleText('abcdef', 6), 'abcdef');
  assert.equal(visibleText('abcdefg', 6), 'abcdef… (7 characters)');
  assert.equal(visibleText('\u202E'.repeat(5), 12), '\\u202E\\u202E… (5 characters)');
  assert.equal(visibleText('😀😀😀', 4), '😀😀… (6 characters)', 'a surrogate pair is never split');
  assert.equal(visibleText('x'.repeat(150_000), 60), `${'x'.repeat(60)}… (150000 characters)`);
});

test('visibleText does work bounded by the limit, not by the text', () => {
  const time = (text: string) => {
    const started = process.hrtime.bigint();
    for (let i = 0; i < 200; i++) {
      visibleText(text, 80);
    }
    return Number(process.hrtime.bigint() - started);
  };
  // Made and read once before timing: V8 may build a repeated string lazily and flatten it on first
  // read, which costs the text's length once and is no part of visibleText's work.
  const smallText = 'x'.repeat(1_000);
  const largeText = 'x'.repeat(10_000_000);
  visibleText(smallText, 80);
  visibleText(largeText, 80);
  const small = Math.min(time(smallText), time(smallText), time(smallText));
  const large = Math.min(time(largeText), time(largeText), time(largeText));
  assert.ok(large / small < 10, `10,000 times the text took ${(large / small).toFixed(1)} times as long`);
});

test('revealInvisible keeps line breaks, and JSON stays the same JSON', () => {
  const value = { name: 'a\u202Eb\u2028c\u0085\u{E0041}', nested: ['\u200B'] };
  const shown = revealInvisible(JSON.stringify(value, null, 2));
  assert.equal(shown, '{\n  "name": "a\\u202Eb\\u2028c\\u0085\\uDB40\\uDC41",\n  "nested": [\n    "\\u200B"\n  ]\n}');
  assert.deepEqual(JSON.parse(shown), value);
});

test('code spans: no content can close them early, break the line or hide a character', () => {
  assert.equal(code('plain'), '`plain`');
  assert.equal(code('a`b'), '``a`b``');
  assert.equal(code('`x`'), '`` `x` ``');
  assert.equal(code('```'), '```` ``` ````', 'only backticks');
  assert.equal(code('   '), '`   `', 'only spaces: CommonMark keeps them');
  assert.equal(code(' x '), '`  x  `', 'one space each side is stripped by CommonMark, so one is added');
  assert.equal(code(' x'), '` x`');
  assert.equal(code(''), '(empty)', 'two backticks would open a span instead');
  assert.equal(code('two\nlines\r\u2028'), '`two\\nlines\\r\\u2028`');
  assert.equal(code('<img src=x> &lt;'), '`<img src=x> &lt;`');
  assert.equal(code('`'.repeat(300_000)).length, 300_001 * 2 + 300_000 + 2, 'a long run is counted without spreading it into Math.max');
});

test('phrases quote every interpolated string and keep our words as they are', () => {
  const name = '[x](command:y)';
  const sentence = phrase`bound to Pod ${name} for ${3} days, ${ours('`ours`')} ${quoted({ a: 1 })}`;
  assert.equal(sentence.markdown(), 'bound to Pod `[x](command:y)` for 3 days, `ours` `{"a":1}`');
  assert.equal(sentence.plain(), 'bound to Pod [x] (command:y) for 3 days, `ours` {"a":1}');
  assert.equal(phrase`${'\u202E'}`.plain(), '\\u202E');
  assert.equal(phrase`${'[x](command:y)'}`.markdown(), '`[x](command:y)`', 'a code span shows the value as it is');
  assert.equal(escapedText('[x](command:y)\u202E', 80), '[x](command:y)\\u202E');
  assert.equal(quoted(1e400).plain(), 'Infinity');
});
