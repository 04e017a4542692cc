// Every test/fixtures/manifests/<name>.yaml (and workloads/<name>.yaml) against <name>.expected.json: each
// finding's code, severity and range, and each fix as the lines it changes. UPDATE_CORPUS=1 rewrites the
// expected files (review the diff).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { validateManifests, type Finding, type Fix } from '../../../src/manifests';
import { allFixProblems, applyEdits } from './fixChecks';

export const corpusFolder = join(__dirname, '../../fixtures/manifests');
export const corpusOptions = { defaultAudiences: ['vault'], now: Date.parse('2026-01-01T00:00:00Z') };

interface Position {
  line: number;
  character: number;
}

interface ExpectedFix {
  title: string;
  /** First changed line (0-based) of the original file. */
  line: number;
  /** The changed lines: "-" removed from the original, "+" added by the fix. */
  diff: string[];
}

interface Expected {
  code: string;
  severity: string;
  start: Position;
  end: Position;
  fixes?: ExpectedFix[];
}

function position(text: string, offset: number): Position {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

function describeFix(text: string, fix: Fix): ExpectedFix {
  const before = text.split('\n');
  const after = applyEdits(text, fix.edits).split('\n');
  let first = 0;
  while (first < before.length && before[first] === after[first]) {
    first += 1;
  }
  let common = 0;
  while (common < before.length - first && common < after.length - first && before[before.length - 1 - common] === after[after.length - 1 - common]) {
    common += 1;
  }
  const removed = before.slice(first, before.length - common).map((line) => `-${line}`);
  const added = after.slice(first, after.length - common).map((line) => `+${line}`);
  return { title: fix.title, line: first, diff: [...removed, ...added] };
}

function describe(text: string, finding: Finding): Expected {
  const fixes = finding.fixes.map((fix) => describeFix(text, fix));
  return { code: finding.code, severity: finding.severity, start: position(text, finding.start), end: position(text, finding.end), ...(fixes.length > 0 ? { fixes } : {}) };
}

const yamlFiles = (folder: string) =>
  readdirSync(join(corpusFolder, folder))
    .filter((name) => name.endsWith('.yaml'))
    .sort()
    .map((name) => join(folder, name));

export const corpusFiles = yamlFiles('.');
/** Pods, the Pod templates of controllers, Lists and legacy token Secrets, Helm output among them. */
const workloadFiles = yamlFiles('workloads');

const documentCounts = (names: readonly string[]) => names.map((name) => readFileSync(join(corpusFolder, name), 'utf8').split(/^---$/m).filter((document) => /^\s*kind:/m.test(document)).length);

test('the corpus has at least 40 documents in several multi-document files', () => {
  const counts = documentCounts(corpusFiles);
  assert.ok(counts.reduce((sum, count) => sum + count, 0) >= 40);
  assert.ok(counts.filter((count) => count > 1).length >= 5);
});

test('the workload corpus has at least 40 documents of every kind that holds tokens, Helm output among them', () => {
  assert.ok(documentCounts(workloadFiles).reduce((sum, count) => sum + count, 0) >= 40);
  const text = workloadFiles.map((name) => readFileSync(join(corpusFolder, name), 'utf8')).join('\n');
  for (const kind of ['Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'CronJob', 'List', 'Secret']) {
    assert.match(text, new RegExp(`^\\s*(- )?kind: ${kind}$`, 'm'), kind);
  }
  assert.match(text, /^# Source: /m);
});

for (const name of [...corpusFiles, ...workloadFiles]) {
  test(`corpus: ${name}`, () => {
    const text = readFileSync(join(corpusFolder, name), 'utf8');
    const findings = validateManifests(text, corpusOptions);
    const actual = findings.map((finding) => describe(text, finding));
    const expectedPath = join(corpusFolder, name.replace(/\.yaml$/, '.expected.json'));
    if (process.env.UPDATE_CORPUS) {
      // One line per position keeps the files short enough to review.
      const json = JSON.stringify(actual, null, 2).replace(/\{\s+"line": (\d+),\s+"character": (\d+)\s+\}/g, '{ "line": $1, "character": $2 }');
      writeFileSync(expectedPath, `${json}\n`);
    }
    assert.deepEqual(actual, JSON.parse(readFileSync(expectedPath, 'utf8')) as Expected[]);
    // Each fix clears its finding, keeps the YAML readable, adds no error and loses no word it does not name.
    assert.deepEqual(allFixProblems(text, corpusOptions), []);
  });
}
