import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';
import type { ScanSummary } from '../../../src/scan/types';
import { makeTokenKeys, otherJwt, otherVariants, serviceAccountToken } from '../../fixtures/tokens/scanCases';

const cli = join(__dirname, '..', '..', '..', 'src', 'cli', 'scan.ts');
const temp = mkdtempSync(join(tmpdir(), 'scan-cli-'));
after(() => rmSync(temp, { recursive: true, force: true }));
const nowSeconds = Math.floor(Date.now() / 1000);
const tokens: string[] = [];
/** A file name made to forge a finding line and recolour the terminal. */
const evilName = 'evil\u001b[31mred\u001b]0;title\u0007\nfake.yaml:1:1  bound ServiceAccount token kube-system\u202Eadmin.yaml';

before(async () => {
  const keys = await makeTokenKeys();
  const shape = { namespace: 'demo', name: 'ci', nowSeconds, expired: false, n: 4 };
  const live = await serviceAccountToken(keys, 'bound-pod', shape);
  const expired = await serviceAccountToken(keys, 'bound-node', { ...shape, expired: true });
  const legacy = await serviceAccountToken(keys, 'legacy', shape);
  const others = await Promise.all(otherVariants.map((variant) => otherJwt(keys, variant, shape)));
  tokens.push(live, expired, legacy, ...others);
  mkdirSync(join(temp, 'live'));
  writeFileSync(join(temp, 'live', 'kubeconfig'), `users:\n- name: ci\n  user:\n    token: ${live}\n`);
  mkdirSync(join(temp, 'expired'));
  writeFileSync(join(temp, 'expired', 'log.txt'), `Authorization: Bearer ${expired}\n${others.map((token) => `jwt=${token}`).join('\n')}\n`);
  mkdirSync(join(temp, 'legacy'));
  writeFileSync(join(temp, 'legacy', 'secret.json'), JSON.stringify({ data: { token: legacy } }));
  mkdirSync(join(temp, 'evil'));
  writeFileSync(join(temp, 'evil', evilName), `token: ${live}\n`);
});

function run(...args: string[]) {
  // Run in the scanned folder, so paths print relative to it; tsx is named by its path, as that folder has no node_modules.
  const result = spawnSync(process.execPath, ['--import', pathToFileURL(require.resolve('tsx')).href, cli, ...args], { encoding: 'utf8', cwd: temp });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

test('--json prints one ScanSummary and exits 1 for a live bound token', () => {
  const { code, stdout } = run('--json', 'live');
  assert.equal(code, 1);
  const summary = JSON.parse(stdout) as ScanSummary;
  assert.deepEqual(Object.keys(summary).sort(), ['bytesScanned', 'cancelled', 'durationMs', 'filesScanned', 'filesSkipped', 'findings', 'otherJwts', 'unreadable']);
  assert.equal(summary.findings.length, 1);
  const [finding] = summary.findings;
  assert.deepEqual(
    { file: finding.file, line: finding.line, character: finding.character, kind: finding.kind, namespace: finding.namespace, serviceAccount: finding.serviceAccount, boundObject: finding.boundObject?.kind },
    { file: join(temp, 'live', 'kubeconfig'), line: 3, character: 11, kind: 'bound', namespace: 'demo', serviceAccount: 'ci', boundObject: 'Pod' },
  );
  assert.match(finding.fingerprint, /^[0-9a-f]{16}$/);
});

test('only expired ServiceAccount tokens and other JWTs: exit 0, one line per finding and a summary', () => {
  const { code, stdout } = run('expired');
  assert.equal(code, 0);
  const lines = stdout.trimEnd().split('\n');
  assert.equal(lines.length, 2);
  assert.match(lines[0], /^expired\/log\.txt:1:23 {2}bound ServiceAccount token demo\/ci {2}bound to Node node-4 {2}expired \S+Z \(expired 7 days ago\) {2}audiences https:\/\/kubernetes\.default\.svc\.cluster\.local {2}fingerprint [0-9a-f]{16}$/);
  assert.match(lines[1], new RegExp(`^1 ServiceAccount token \\(0 live\\); 1 files scanned \\(0\\.0 MiB\\); ${otherVariants.length} other JWTs not flagged; 0 skipped`));
});

test('a legacy token never expires, so it is live: exit 1', () => {
  const { code, stdout } = run('legacy', 'expired');
  assert.equal(code, 1);
  assert.match(stdout, /legacy ServiceAccount token demo\/ci {2}bound to Secret ci-token-xxxx4 {2}never expires {2}no audience/);
});

test('usage errors exit 2 with a one-line message', () => {
  for (const args of [['--bogus', 'live'], [], ['no-such-folder'], ['--max-file-bytes', 'ten', 'live'], ['--max-file-bytes', '0', 'live']]) {
    const { code, stdout, stderr } = run(...args);
    assert.equal(code, 2, args.join(' '));
    assert.equal(stdout, '');
    assert.equal(stderr.trimEnd().split('\n').length, 2, 'the message and the usage line');
  }
});

test('--no-gitignore, --exclude and --max-file-bytes reach the scan', () => {
  writeFileSync(join(temp, 'live', '.gitignore'), 'kubeconfig\n');
  try {
    assert.equal(run('live').code, 0);
    assert.equal(run('--no-gitignore', 'live').code, 1);
    assert.equal(run('--no-gitignore', '--exclude', '**/kube*', 'live').code, 0);
    assert.equal(run('--no-gitignore', '--max-file-bytes', '10', 'live').code, 0);
  } finally {
    rmSync(join(temp, 'live', '.gitignore'));
  }
});

test('attacker: no output ever holds any token text, of ServiceAccount tokens or of other JWTs', () => {
  const outputs = [run('live', 'expired', 'legacy', 'evil'), run('--json', 'live', 'expired', 'legacy', 'evil')].map(({ stdout, stderr }) => stdout + stderr);
  for (const output of outputs) {
    for (const token of tokens) {
      for (const segment of token.split('.').slice(1)) {
        // Any 16 characters of a payload or signature would be part of the token.
        for (let i = 0; i + 16 <= segment.length; i += 8) {
          assert.ok(!output.includes(segment.slice(i, i + 16)), 'a piece of a token is in the output');
        }
      }
    }
  }
});

test('attacker: a file name with terminal escapes, a newline and a bidi override is printed inert', () => {
  const { code, stdout } = run('evil');
  assert.equal(code, 1);
  assert.ok(!/[\u0000-\u0009\u000b-\u001f\u007f\u202e]/.test(stdout), 'no control or reordering character reaches the terminal');
  const lines = stdout.trimEnd().split('\n');
  assert.equal(lines.length, 2, 'one finding line and the summary: the name forged no line');
  assert.ok(lines[0].startsWith('evil/evil\\u001B[31mred\\u001B]0;title\\u0007\\nfake.yaml:1:1  bound ServiceAccount token kube-system\\u202Eadmin.yaml:1:8  bound ServiceAccount token demo/ci'), lines[0]);
});
