// The crafted manifests of hostileCases.ts: each has exactly its findings and sends exactly what it
// lists; no message shows more than an excerpt of the input or an invisible character; every fix works.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { tokenManifests, validateManifests, type Finding } from '../../../src/manifests';
import { allFixProblems } from './fixChecks';
import { hostileCases } from './hostileCases';

const options = { defaultAudiences: ['vault'], now: Date.parse('2026-01-01T00:00:00Z') };

/** Characters that would make a message read as something else, or not be seen. */
const invisible = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/u;

function covered(text: string, finding: Finding): string {
  const slice = text.slice(finding.start, finding.end);
  const cut = slice.length > 30 ? `${slice.slice(0, 30)}…` : slice;
  return `${finding.code}/${finding.severity} "${cut.replace(/[\\"]/g, '\\$&').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t')}"`;
}

/** JSON drops the keys a case sets to undefined to say they are not sent. */
const plain = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown;

test('there are at least 100 crafted manifests, each named once', () => {
  assert.ok(hostileCases.length >= 100, `${hostileCases.length} cases`);
  assert.equal(new Set(hostileCases.map((hostile) => hostile.name)).size, hostileCases.length);
});

for (const hostile of hostileCases) {
  test(`hostile: ${hostile.name}`, () => {
    const findings = validateManifests(hostile.text, options);
    assert.deepEqual(
      findings.map((finding) => covered(hostile.text, finding)),
      hostile.findings,
    );
    const sends = tokenManifests(hostile.text).map(({ start: _start, end: _end, errors, ...manifest }) => ({ ...manifest, errors: errors.map((error) => error.code) }));
    assert.deepEqual(plain(sends), plain(hostile.sends));
    for (const finding of findings) {
      for (const shown of [finding.message, ...finding.fixes.map((fix) => fix.title)]) {
        assert.ok(shown.length <= 600, `${finding.code}: a message of ${shown.length} characters`);
        assert.ok(!invisible.test(shown), `${finding.code}: ${JSON.stringify(shown)}`);
      }
    }
    if (hostile.text.length < 200_000) {
      assert.deepEqual(allFixProblems(hostile.text, options), []);
    }
  });
}
