import assert from 'node:assert/strict';
import { test } from 'node:test';
import { scanExcludes } from '../../../src/scan/excludes';

test('globs switched on in files.exclude and search.exclude are applied; those switched off are not', () => {
  const excludes = scanExcludes({ '**/.git': true, '**/dist': true, '**/keep': false }, { '**/node_modules': true, '**/bower_components': true });
  assert.deepEqual(excludes, { globs: ['**/.git', '**/dist', '**/node_modules', '**/bower_components'], conditional: [] });
});

test('search.exclude false switches a files.exclude glob off, as in VS Code search', () => {
  assert.deepEqual(scanExcludes({ '**/dist': true }, { '**/dist': false }).globs, []);
  assert.deepEqual(scanExcludes({ '**/dist': false }, { '**/dist': true }).globs, ['**/dist']);
});

test('a sibling condition is reported as not applied, so its files are scanned', () => {
  const excludes = scanExcludes({ '**/*.js': { when: '$(basename).ts' } }, {});
  assert.deepEqual(excludes, { globs: [], conditional: ['**/*.js'] });
});

test('values a settings file should not hold are ignored: strings, numbers, arrays, empty or huge globs', () => {
  const excludes = scanExcludes({ a: 'true', b: 1, c: [true], '': true, '  ': true, [`${'x'.repeat(1001)}`]: true, d: { when: 3 } }, ['**/x']);
  assert.deepEqual(excludes, { globs: [], conditional: [] });
  assert.deepEqual(scanExcludes(undefined, null), { globs: [], conditional: [] });
});
