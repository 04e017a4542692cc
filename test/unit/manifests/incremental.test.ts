import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { parseAllDocuments } from 'yaml';
import { IncrementalValidator, validateManifests } from '../../../src/manifests';
import { analyse } from '../../../src/manifests/validate';

const folder = join(__dirname, '../../fixtures/manifests');
const corpus = ['tokenrequest-valid.yaml', 'unknown-fields.yaml', 'list.yaml', 'metadata.yaml', 'tokenreview.yaml'].map((name) => readFileSync(join(folder, name), 'utf8')).join('---\n');
const options = { defaultAudiences: ['vault'], now: Date.parse('2026-01-01T00:00:00Z') };

// Edits that make and break document markers, mappings, lists, quotes and comments.
const edit = fc.record({
  at: fc.nat(),
  remove: fc.nat({ max: 4 }),
  insert: fc.array(fc.constantFrom('-', '-', ':', ' ', '\n', 'a', '#', '[', ']', '"', '.', '1', 'k'), { maxLength: 4 }).map((characters) => characters.join('')),
});

test('after random edits, the incremental result equals a fresh validation and a parse of the whole file', () => {
  fc.assert(
    fc.property(fc.array(edit, { minLength: 1, maxLength: 25 }), (edits) => {
      const validator = new IncrementalValidator(options);
      validator.validate(corpus);
      let text = corpus;
      for (const { at, remove, insert } of edits) {
        const start = at % (text.length + 1);
        text = text.slice(0, start) + insert + text.slice(start + remove);
        const incremental = validator.validate(text);
        assert.deepEqual(incremental, validateManifests(text, options));
        // For valid YAML, splitting at `---` lines changes nothing. (With a syntax error it may: like
        // kubectl, the split keeps an unterminated quote from swallowing the documents after it.)
        if (parseAllDocuments(text).every((document) => document.errors.length === 0)) {
          assert.deepEqual(incremental, analyse(text, options).findings);
        }
      }
    }),
    { numRuns: 40, seed: 20260101 },
  );
});

test('a one-character edit re-checks only the edited document', () => {
  const validator = new IncrementalValidator(options);
  const before = validator.validate(corpus);
  const offset = corpus.indexOf('expirationSeconds: 60\n') + 'expirationSeconds: 6'.length;
  const edited = `${corpus.slice(0, offset)}0${corpus.slice(offset)}`;
  const after = validator.validate(edited);
  assert.equal(after.length, before.length - 1);
  assert.ok(!after.some((finding) => finding.code === 'expiration-too-short'));
  // Findings after the edit moved by one character.
  const last = (findings: typeof before) => findings[findings.length - 1];
  assert.equal(last(after).start, last(before).start + 1);
});

test('documents moved, repeated or removed keep their results, placed where each now stands', () => {
  const documents = corpus.split('---\n');
  const validator = new IncrementalValidator(options);
  validator.analyse(corpus);
  const versions = [
    [...documents].reverse(),
    [documents[1], documents[1], ...documents],
    documents.slice(2),
    [documents[0], 'kind: TokenRequest\n', ...documents.slice(1)],
    documents,
  ].map((parts) => parts.join('---\n'));
  for (const text of versions) {
    assert.deepEqual(validator.analyse(text), new IncrementalValidator(options).analyse(text));
  }
});
