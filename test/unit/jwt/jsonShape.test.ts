import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { type JsonShape, jsonShape, parsedJsonShape } from '../../../src/jwt/jsonShape';
import { propertyRuns } from '../propertyRuns';

interface Frame {
  readonly names?: Set<string>;
  expectName: boolean;
}

/** The member name a JSON string literal spells: `"\u0061lg"` and `"alg"` are the same name. */
function nameOf(literal: string): string {
  if (!literal.includes('\\')) {
    return literal.slice(1, -1);
  }
  try {
    return String(JSON.parse(literal));
  } catch {
    return literal;
  }
}

/** jsonShape as first written: every character read in a loop. The fast version must agree with it on any text. */
function characterByCharacter(text: string, maxDepth: number): JsonShape {
  const stack: Frame[] = [];
  const repeated = new Set<string>();
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      let end = i + 1;
      while (end < text.length && text.charCodeAt(end) !== 0x22) {
        end += text.charCodeAt(end) === 0x5c ? 2 : 1;
      }
      const frame = stack.at(-1);
      if (frame?.names && frame.expectName) {
        const name = nameOf(text.slice(i, end + 1));
        if (frame.names.has(name) && repeated.size < 5) {
          repeated.add(name);
        }
        frame.names.add(name);
        frame.expectName = false;
      }
      i = end + 1;
      continue;
    }
    if (c === 0x7b || c === 0x5b) {
      stack.push(c === 0x7b ? { names: new Set(), expectName: true } : { expectName: false });
      if (stack.length > maxDepth) {
        return { tooDeep: true, repeatedNames: [] };
      }
    } else if (c === 0x7d || c === 0x5d) {
      stack.pop();
    } else if (c === 0x2c) {
      const frame = stack.at(-1);
      if (frame?.names) {
        frame.expectName = true;
      }
    }
    i++;
  }
  return { tooDeep: false, repeatedNames: [...repeated] };
}

test('jsonShape answers as a character-by-character scan does, on JSON and on broken JSON (escapes, unclosed strings, deep nesting)', () => {
  const broken = fc.string({ unit: fc.constantFrom('"', '\\', '{', '}', '[', ']', ',', ':', 'a', 'u', '0', ' '), maxLength: 60 });
  fc.assert(
    fc.property(fc.oneof(fc.json(), broken), fc.integer({ min: 1, max: 8 }), (text, maxDepth) => {
      assert.deepEqual(jsonShape(text, maxDepth), characterByCharacter(text, maxDepth));
    }),
    propertyRuns(5_000),
  );
});

test('repeated names are found whatever escapes spell them, and escaped quotes do not end a name', () => {
  assert.deepEqual(jsonShape('{"alg":"a","\\u0061lg":"b","x\\"y":1,"x\\"y":2}').repeatedNames, ['alg', 'x"y']);
  assert.deepEqual(jsonShape('{"a\\\\":1,"a\\\\":2}').repeatedNames, ['a\\']);
});

test('told from the parsed value, the shape is the one the scan of the text finds', () => {
  const text = fc.oneof(
    fc.json(),
    fc.jsonValue().map((value) => JSON.stringify(value)),
    fc.dictionary(fc.constantFrom('a', 'b', '"', '\\', 'é'), fc.jsonValue(), { maxKeys: 3 }).map((object) => `{${[...Object.entries(object), ['a', 1]].map(([name, value]) => `${JSON.stringify(name)}:${JSON.stringify(value)}`).join(',')}}`),
  );
  fc.assert(
    fc.property(text, fc.integer({ min: 1, max: 8 }), (json, maxDepth) => {
      assert.deepEqual(parsedJsonShape(json, JSON.parse(json), maxDepth), jsonShape(json, maxDepth));
    }),
    propertyRuns(5_000),
  );
  const deep = `{"a":${'['.repeat(10_000)}${']'.repeat(10_000)}}`;
  assert.deepEqual(parsedJsonShape(deep, JSON.parse(deep)), { tooDeep: true, repeatedNames: [] });
  assert.deepEqual(parsedJsonShape('{"a":"x","a":"y"}', JSON.parse('{"a":"x","a":"y"}')), { tooDeep: false, repeatedNames: ['a'] });
});
