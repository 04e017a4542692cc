// The README's test command: static checks, then every suite (unit, local cluster, kubectl, the real
// YAML language server with our schemas, the packaged .vsix, integration in VS Code's extension host, end-to-end in the workbench), then one total line.
import { spawn } from 'node:child_process';

const checks = [
  { name: 'type-check', command: ['npx', 'tsc', '--noEmit', '-p', '.'] },
  { name: 'lint', command: ['npx', 'eslint', '.'] },
  { name: 'build', command: ['node', 'esbuild.mjs'] },
];
const suites = [
  { name: 'unit', command: ['node', 'scripts/run-node-tests.mjs', 'test/unit'] },
  { name: 'local cluster', command: ['node', 'scripts/run-node-tests.mjs', 'test/cluster'] },
  { name: 'kubectl', command: ['node', 'scripts/run-node-tests.mjs', 'test/kubectl'] },
  { name: 'YAML language server', command: ['node', 'scripts/run-node-tests.mjs', 'test/yamlServer'] },
  { name: 'package', command: ['node', 'scripts/run-node-tests.mjs', 'test/package'] },
  { name: 'integration', command: ['node', 'scripts/vscode/run-integration.mjs'] },
  { name: 'end-to-end', command: ['node', 'scripts/run-node-tests.mjs', 'test/e2e'] },
];

function run(command) {
  return new Promise((resolve) => {
    const child = spawn(command[0], command.slice(1), { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const relay = (stream, target) =>
      stream.on('data', (chunk) => {
        output += chunk;
        target.write(chunk);
      });
    relay(child.stdout, process.stdout);
    relay(child.stderr, process.stderr);
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

/** Reads a suite's own counts: node's runner prints "ℹ pass N"; our VS Code runners print "N passed, N failed". */
function counts(output) {
  const last = (pattern) => {
    const matches = [...output.matchAll(pattern)];
    return matches.length > 0 ? Number(matches[matches.length - 1][1]) : undefined;
  };
  const passed = last(/^ℹ pass (\d+)$/gm) ?? last(/^(\d+) passed, \d+ failed/gm);
  const failed = last(/^ℹ fail (\d+)$/gm) ?? last(/^\d+ passed, (\d+) failed/gm);
  const skipped = last(/^ℹ skipped (\d+)$/gm) ?? last(/^\d+ passed, \d+ failed, (\d+) skipped/gm) ?? 0;
  return passed === undefined || failed === undefined ? undefined : { passed, failed, skipped };
}

const total = { passed: 0, failed: 0, skipped: 0 };
const summary = [];
const started = Date.now();

for (const check of checks) {
  const { code } = await run(check.command);
  summary.push(`${check.name}: ${code === 0 ? 'ok' : `FAILED (exit ${code})`}`);
  if (code !== 0) {
    total.failed += 1;
  }
}

for (const suite of suites) {
  const suiteStart = Date.now();
  const { code, output } = await run(suite.command);
  const seconds = ((Date.now() - suiteStart) / 1000).toFixed(1);
  const found = counts(output);
  if (!found) {
    total.failed += 1;
    summary.push(`${suite.name}: FAILED before reporting any result (exit ${code}, ${seconds} s)`);
    continue;
  }
  // A runner that exits non-zero with no failed test (a crash after the tests, a timeout) still fails the run.
  const failed = found.failed + (code !== 0 && found.failed === 0 ? 1 : 0);
  total.passed += found.passed;
  total.failed += failed;
  total.skipped += found.skipped;
  summary.push(`${suite.name}: ${found.passed} passed, ${failed} failed, ${found.skipped} skipped (${seconds} s)`);
}

console.log(`\nSummary (${((Date.now() - started) / 1000).toFixed(0)} s):`);
for (const line of summary) {
  console.log(`  ${line}`);
}
if (total.skipped) {
  console.log(`${total.skipped} skipped (each suite's line above says which)`);
}
// The last line is exactly "N passed, N failed": CI reads it.
console.log(`${total.passed} passed, ${total.failed} failed`);
process.exit(total.failed === 0 ? 0 : 1);
