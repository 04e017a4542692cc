// Generated manifests: the corpus and the crafted ones, mutated the ways real files and hostile ones
// go wrong (aliases, merge keys, tags, quotes, YAML 1.1 scalars, typos, nesting, markers, invisible
// characters). The validator never throws and never lets the lens send what it would refuse; every
// quick fix clears its finding without breaking anything or losing what it does not name.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { completionsAt, hoverAt, IncrementalValidator, tokenManifests, validateManifests, type Finding } from '../../../src/manifests';
import { dns1123Label, dns1123Subdomain } from '../../../src/manifests/fields';
import { maxExpirationSeconds, minExpirationSeconds } from '../../../src/tokens/duration';
import { propertyRuns } from '../propertyRuns';
import { fixProblems } from './fixChecks';
import { hostileCases } from './hostileCases';

const options = { defaultAudiences: ['vault'], now: Date.parse('2026-01-01T00:00:00Z') };
const folder = join(__dirname, '../../fixtures/manifests');

/** Every corpus document on its own, and the crafted manifests small enough to mutate quickly. */
const seeds = [
  ...readdirSync(folder)
    .filter((name) => name.endsWith('.yaml'))
    .flatMap((name) => readFileSync(join(folder, name), 'utf8').split(/^---\n/m)),
  ...hostileCases.map((hostile) => hostile.text).filter((text) => text.length < 4_000),
];

const traps = ['yes', 'no', 'on', 'off', 'y', 'N', '0777', '01750', '1_000', '0x1F', '0b101', '.inf', '~', '', '""', '1:20', '2001-12-14', '+0x3E8', '1e3', '600.5', '!!int "0600"', '" vault"', '[]', '{}', '[""]', '*nowhere', 'null', '&x', '|\n  block'];
const tags = ['!!str ', '!!int ', '!!bool ', '!!float ', '!!null ', '!local ', '!!binary '];
const characters = ['-', ':', ' ', '\n', '#', '[', ']', '{', '}', '"', "'", '&', '*', '!', '|', '>', '?', ',', '\t', '\r', '\u202E', '\u200B', '\u0001', '\uFEFF', '\uD800', '%'];
const markers = ['---', '...', '%YAML 1.1', '%TAG !e! tag:example.com,2000:'];

/** `key: value` lines: indentation with an optional dash, the key and its value. */
const pairLine = /^(\s*(?:- )?)([^\s:#][^:#]*?):[ \t]+(\S.*)$/;

type Mutation = [kind: number, a: number, b: number, c: number];

function mutate(text: string, [kind, a, b, c]: Mutation): string {
  const lines = text.split('\n');
  const pairs = lines.map((line, index) => ({ index, match: pairLine.exec(line) })).filter((line) => line.match);
  const pick = <T>(list: T[], n: number) => list[n % list.length];
  const setValue = (n: number, value: (old: string) => string) => {
    if (pairs.length === 0) {
      return lines.join('\n');
    }
    const { index, match } = pick(pairs, n);
    lines[index] = `${match![1]}${match![2]}: ${value(match![3])}`;
    return lines.join('\n');
  };
  switch (kind % 14) {
    case 0: {
      // An anchor on one value and an alias to it in another.
      const name = `a${c % 3}`;
      setValue(a, (old) => `&${name} ${old}`);
      return setValue(b, () => `*${name}`);
    }
    case 1:
      return setValue(a, (old) => `${pick(tags, b)}${old}`);
    case 2:
      return setValue(a, (old) => (b % 2 === 0 ? JSON.stringify(old) : `'${old.replace(/'/g, "''")}'`));
    case 3: {
      // A typo in a key: a letter dropped, two swapped, another case, a plural.
      if (pairs.length === 0) {
        return text;
      }
      const { index, match } = pick(pairs, a);
      const key = match![2];
      const at = b % Math.max(1, key.length);
      const typo = [key.slice(0, at) + key.slice(at + 1), key.slice(0, at) + key.slice(at + 1, at + 2) + key.slice(at, at + 1) + key.slice(at + 2), key.toUpperCase(), `${key}s`][c % 4];
      lines[index] = `${match![1]}${typo}: ${match![3]}`;
      return lines.join('\n');
    }
    case 4:
      return setValue(a, () => pick(traps, b));
    case 5:
      return setValue(a, (old) => `${'['.repeat([1, 2, 50, 99, 100, 101, 150][b % 7])}${old}${']'.repeat([1, 2, 50, 99, 100, 101, 150][b % 7])}`);
    case 6: {
      const index = a % lines.length;
      lines.splice(index, 0, lines[index]);
      return lines.join('\n');
    }
    case 7:
      lines.splice(a % lines.length, 1);
      return lines.join('\n');
    case 8:
      return setValue(a, (old) => `${old} # note`);
    case 9:
      lines.splice(a % (lines.length + 1), 0, pick(markers, b));
      return lines.join('\n');
    case 10: {
      const at = a % (text.length + 1);
      return text.slice(0, at) + pick(characters, b) + text.slice(at + (c % 3));
    }
    case 11:
      return setValue(a, () => 'x'.repeat(1_000 + (b % 4_000)));
    case 12: {
      // A merge key under a mapping opener, indented like the line after it.
      const openers = lines.map((line, index) => ({ index, match: /^(\s*(?:- )?)[^\s:#][^:#]*:\s*$/.exec(line) })).filter((line) => line.match && lines[line.index + 1]);
      if (openers.length === 0) {
        return text;
      }
      const { index } = pick(openers, a);
      const indent = /^\s*/.exec(lines[index + 1])![0];
      lines.splice(index + 1, 0, `${indent}<<: ${['{expirationSeconds: 60}', '*a0', '[{audiences: [api]}, {x: 1}]', '5'][b % 4]}`);
      return lines.join('\n');
    }
    default:
      return `shared: &a0 {audiences: [vault], expirationSeconds: 60}\n${setValue(a, () => '*a0')}`;
  }
}

const mutation = fc.tuple(fc.nat(), fc.nat(), fc.nat(), fc.nat());
const manifestText = fc.tuple(fc.nat(), fc.array(mutation, { minLength: 1, maxLength: 4 })).map(([seed, mutations]) => mutations.reduce(mutate, seeds[seed % seeds.length]));

const invisible = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/u;

function wellFormed(text: string, findings: readonly Finding[]): void {
  for (const finding of findings) {
    assert.ok(finding.start >= 0 && finding.start <= finding.end && finding.end <= text.length, `${finding.code} at ${finding.start}-${finding.end}`);
    for (const shown of [finding.message, ...finding.fixes.map((fix) => fix.title)]) {
      assert.ok(shown.length <= 600 && !invisible.test(shown), `${finding.code}: ${JSON.stringify(shown).slice(0, 200)}`);
    }
    for (const fix of finding.fixes) {
      const edits = [...fix.edits].sort((x, y) => x.start - y.start);
      edits.forEach((edit, index) => {
        assert.ok(edit.start >= 0 && edit.start <= edit.end && edit.end <= text.length, `${fix.title}: edit out of the text`);
        assert.ok(index === 0 || edits[index - 1].end <= edit.start, `${fix.title}: overlapping edits`);
      });
    }
  }
}

/** An object the lens may send (no error) holds nothing the validator refuses. */
function sendable(text: string, findings: readonly Finding[]): void {
  for (const manifest of tokenManifests(text)) {
    for (const error of manifest.errors) {
      assert.ok(findings.some((finding) => finding.code === error.code && finding.start === error.start && finding.end === error.end), `${error.code} is not a finding`);
    }
    if (manifest.errors.length > 0) {
      continue;
    }
    assert.ok(!findings.some((finding) => finding.severity === 'error' && finding.start >= manifest.start && finding.start < manifest.end), 'an error inside an unblocked object');
    // An empty audience is refused for a TokenRequest only: a review may list one (it matches nothing).
    assert.ok(manifest.audiences.every((audience) => typeof audience === 'string' && (audience !== '' || manifest.kind === 'TokenReview')), JSON.stringify(manifest.audiences));
    const seconds = manifest.expirationSeconds;
    assert.ok(seconds === undefined || (Number.isInteger(seconds) && seconds >= minExpirationSeconds && seconds <= maxExpirationSeconds), String(seconds));
    assert.ok(manifest.namespace === undefined || (manifest.namespace.length <= dns1123Label.maxLength && new RegExp(dns1123Label.pattern).test(manifest.namespace)), manifest.namespace);
    assert.ok(manifest.name === undefined || (manifest.name.length <= dns1123Subdomain.maxLength && new RegExp(dns1123Subdomain.pattern).test(manifest.name)), manifest.name);
    const bound = manifest.boundObjectRef;
    assert.ok(!bound || (['Pod', 'Secret', 'Node'].includes(bound.kind) && !!bound.name && !bound.apiVersion?.includes('/')), JSON.stringify(bound));
  }
}

test('the validator never throws, bounds its messages, and never unblocks what it refuses', () => {
  fc.assert(
    fc.property(manifestText, fc.nat(), (text, at) => {
      const findings = validateManifests(text, options);
      wellFormed(text, findings);
      sendable(text, findings);
      const validator = new IncrementalValidator(options);
      validator.validate(seeds[at % seeds.length]);
      assert.deepEqual(validator.validate(text), findings);
      const offset = at % (text.length + 1);
      completionsAt(text, offset);
      hoverAt(text, offset);
    }),
    propertyRuns(),
  );
});

test('every quick fix clears its finding, keeps the YAML, adds no error and loses no word it does not name', () => {
  fc.assert(
    fc.property(manifestText, fc.nat(), (text, choice) => {
      const findings = validateManifests(text, options);
      const fixes = findings.flatMap((finding) => finding.fixes.map((fix) => ({ finding, fix })));
      if (fixes.length === 0) {
        return;
      }
      const { finding, fix } = fixes[choice % fixes.length];
      assert.deepEqual(fixProblems(text, findings, finding, fix, options), []);
    }),
    propertyRuns(),
  );
});
