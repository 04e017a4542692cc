// The attacker's workloads: huge, deep or alias-laden Pod specs are read within bounds, and names
// written to mislead show in messages and fix titles only as bounded, visible excerpts.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { completionsAt, hoverAt, validateManifests, type Finding } from '../../../src/manifests';
import { allFixProblems } from './fixChecks';

const options = { defaultAudiences: ['vault'], now: 0 };
const invisible = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/u;

function timed<T>(run: () => T): { value: T; ms: number } {
  const started = performance.now();
  const value = run();
  return { value, ms: performance.now() - started };
}

function assertShown(findings: readonly Finding[]): void {
  for (const finding of findings) {
    for (const shown of [finding.message, ...finding.fixes.map((fix) => fix.title)]) {
      assert.ok(shown.length <= 600, `${finding.code}: ${shown.length} characters`);
      assert.ok(!invisible.test(shown), `${finding.code}: ${JSON.stringify(shown)}`);
    }
  }
}

const podHead = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: big\nspec:\n  containers:\n    - name: app\n      image: busybox\n';

test('a Pod of 12,000 unmounted token volumes and 12,000 unknown mounts is checked in bounded time, with 100 findings and a count', () => {
  const volumes = Array.from({ length: 12_000 }, (_, i) => `    - name: t${i}\n      projected:\n        sources:\n          - serviceAccountToken: {expirationSeconds: 60, path: token}\n`).join('');
  const mounts = Array.from({ length: 12_000 }, (_, i) => `        - {name: m${i}, mountPath: /m${i}}\n`).join('');
  const text = `${podHead}      volumeMounts:\n${mounts}  volumes:\n${volumes}`;
  assert.ok(text.length < 3 * 1024 * 1024);
  const { value: findings, ms } = timed(() => validateManifests(text, options));
  assert.ok(ms < 15_000, `${Math.round(ms)} ms`);
  assert.equal(findings.length, 101);
  const more = findings.find((finding) => finding.code === 'more-findings')!;
  assert.equal(text.slice(more.start, more.end), 'Pod');
  assert.match(more.message, /^This Pod has \d+ more findings than the 100 shown/);
  assertShown(findings);
});

test('a Pod spec nested past the limit, or an alias bomb in its volumes, is refused or skipped without a crash', () => {
  const deep = `${podHead}  volumes:\n    - name: t\n      projected:\n        sources:\n          - serviceAccountToken:\n              path: ${'['.repeat(2_000)}${']'.repeat(2_000)}\n`;
  assert.doesNotThrow(() => validateManifests(deep, options));
  const laughs = ['a: &a [x, x, x, x, x, x, x, x, x, x]', ...Array.from({ length: 9 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10).fill(`*${String.fromCharCode(97 + i)}`).join(', ')}]`)].join('\n');
  const bomb = `${podHead.replace('spec:\n', `x:\n${laughs.replace(/^/gm, '  ')}\nspec:\n`)}  volumes:\n    - name: t\n      projected:\n        sources:\n          - serviceAccountToken: {path: token, audience: *j}\n`;
  const { value, ms } = timed(() => validateManifests(bomb, options));
  assert.ok(ms < 5_000, `${Math.round(ms)} ms`);
  assert.ok(value.some((finding) => finding.code === 'alias-budget'), value.map((finding) => finding.code).join());
  assert.deepEqual(completionsAt(deep, deep.length - 5), []);
  const hover = timed(() => hoverAt(bomb, bomb.indexOf('audience')));
  assert.ok(hover.ms < 5_000 && hover.value?.markdown.startsWith('**serviceAccountToken.audience**'), `${Math.round(hover.ms)} ms`);
});

test('names that hide, reorder or flood show bounded and visible in messages and fix titles', () => {
  const hostile = ['\u202Eterces\u202C', 'a\u200Bb', 'x'.repeat(100_000), 'token"; rm -rf /', '$(codicon)', 'line\nbreak'];
  for (const name of hostile) {
    const written = JSON.stringify(name);
    const text = `${podHead}      volumeMounts:\n        - name: ${written}\n          mountPath: /t\n  volumes:\n    - name: ${JSON.stringify(`${name}-volume`)}\n      projected:\n        sources:\n          - serviceAccountToken:\n              path: ${JSON.stringify(`/${name}`)}\n              audiences: [${written}]\n`;
    const findings = validateManifests(text, options);
    assert.ok(findings.some((finding) => finding.code === 'volume-mount-unknown'), name.slice(0, 20));
    assertShown(findings);
    if (text.length < 200_000) {
      assert.deepEqual(allFixProblems(text, options), []);
    }
  }
  const secret = `apiVersion: v1\nkind: Secret\nmetadata:\n  name: ${JSON.stringify('s\u202E'.repeat(50_000))}\n  annotations:\n    kubernetes.io/service-account.name: ${JSON.stringify('\u2066sa\u2069'.repeat(50_000))}\ntype: kubernetes.io/service-account-token\n`;
  assertShown(validateManifests(secret, options));
});

test('a hostile ServiceAccount name in the replacement TokenRequest is written as a YAML string that reads back as itself', () => {
  const account = 'ci\n  evil: "x"';
  const text = `apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\n  annotations:\n    kubernetes.io/service-account.name: ${JSON.stringify(account)}\ntype: kubernetes.io/service-account-token\n`;
  const fix = validateManifests(text, options).find((finding) => finding.code === 'legacy-token-secret')!.fixes[0];
  assert.equal(fix.edits[0].newText.split('\n')[3], `  name: ${JSON.stringify(account)}`);
});
