// Runs the mocha suites in test/integration inside a real VS Code extension host (code-server),
// the way @vscode/test-web does: the page gets extensionDevelopmentPath/extensionTestsPath in its
// `payload`, and reports the host's console and exit code back through two exposed functions.
// Four runs: the main suite in a trusted workspace, test/integration/restricted in a workspace
// VS Code has not trusted (Restricted Mode), whose settings try to weaken the extension, and
// test/integration/kubernetesExtension (and its restricted/ in an untrusted workspace) with the stand-in
// Kubernetes extension installed beside ours (the other runs see no Kubernetes extension), and
// test/integration/pseudoLocale in VS Code's pseudo-locale (qps-ploc), whose bundles npm run l10n writes.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { format } from 'node:util';
import { launchBrowser } from './browser.mjs';
import { startCodeServer } from './codeServer.mjs';
import { testFolder } from './install.mjs';
import { removeFolder } from './removeFolder.mjs';

const root = resolve(import.meta.dirname, '..', '..');
const suiteTimeoutMs = 10 * 60 * 1000;

const kubernetesStandIn = join(root, 'test', 'standins', 'vscode-kubernetes-tools');

const runs = [
  { name: 'trusted workspace', tests: join(root, 'dist', 'test', 'integration', 'index'), trusted: true, settings: undefined },
  {
    name: 'Restricted Mode',
    tests: join(root, 'dist', 'test', 'integration', 'restricted', 'index'),
    trusted: false,
    settings: { 'kubeSaTokens.plaintextTokens.severity': 'off', 'kubeSaTokens.defaultAudiences': ['attacker.example'] },
  },
  { name: 'Kubernetes extension', tests: join(root, 'dist', 'test', 'integration', 'kubernetesExtension', 'index'), trusted: true, settings: undefined, extensionFolders: [kubernetesStandIn] },
  {
    name: 'Kubernetes extension in Restricted Mode',
    tests: join(root, 'dist', 'test', 'integration', 'kubernetesExtension', 'restricted', 'index'),
    trusted: false,
    settings: { 'vs-kubernetes': { 'vs-kubernetes.kubeconfig': '/attacker/kubeconfig' } },
    extensionFolders: [kubernetesStandIn],
  },
  {
    name: 'pseudo-locale',
    tests: join(root, 'dist', 'test', 'integration', 'pseudoLocale', 'index'),
    trusted: true,
    settings: undefined,
    locale: 'qps-ploc',
    // VS Code takes a display language only from an installed language pack: installed as a .vsix, as people install one.
    extensions: () => [packedStandIn(join(root, 'test', 'standins', 'pseudo-language-pack'))],
  },
];

/** The stand-in extension in `folder` as a .vsix in the test folder, made with vsce as the extension's own package is. */
function packedStandIn(folder) {
  const vsix = join(testFolder, `${basename(folder)}.vsix`);
  execFileSync(join(root, 'node_modules', '.bin', 'vsce'), ['package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '--out', vsix], { cwd: folder, stdio: ['ignore', 'ignore', 'inherit'] });
  return vsix;
}

/** One suite in one code-server; resolves with the suite's exit code and its "N passed, N failed" counts. */
async function runSuite({ name, tests, trusted, settings, extensionFolders, locale, extensions }) {
  mkdirSync(testFolder, { recursive: true });
  const workspace = mkdtempSync(join(testFolder, 'integration-workspace-'));
  writeFileSync(join(workspace, 'README.md'), `Workspace for the integration suite (${name}).\n`);
  if (settings) {
    mkdirSync(join(workspace, '.vscode'));
    writeFileSync(join(workspace, '.vscode', 'settings.json'), JSON.stringify(settings, null, 2));
  }
  const server = await startCodeServer({ smokeTestDriver: true, trustWorkspaces: trusted, extensionFolders, locale, extensions: extensions?.() });
  const browser = await launchBrowser();
  let exitCode = 1;
  let counts = { passed: 0, failed: 1, skipped: 0 };
  try {
    const page = await browser.newPage();
    const remote = (path) => `vscode-remote://127.0.0.1:${server.port}${path}`;
    const payload = [
      ['extensionDevelopmentPath', remote(root)],
      ['extensionTestsPath', remote(tests)],
    ];
    const finished = new Promise((resolveExit) => {
      page.exposeFunction('codeAutomationLog', (type, args) => {
        const line = format(...(Array.isArray(args) ? args : [args]));
        const closing = /^(\d+) passed, (\d+) failed(?:, (\d+) skipped)?$/.exec(line);
        if (closing) {
          counts = { passed: Number(closing[1]), failed: Number(closing[2]), skipped: Number(closing[3] ?? 0) };
          console.log(`${name}: ${line}`);
          return;
        }
        // The workbench logs its own chatter here too; keep what the suite prints.
        if (!/^\[(AgentHost|ChatModelSelection)\]/.test(line)) {
          (type === 'error' ? console.error : console.log)(line);
        }
      });
      page.exposeFunction('codeAutomationExit', (code) => resolveExit(code));
    });
    const started = Date.now();
    await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
    const timeout = new Promise((resolveExit) =>
      setTimeout(() => {
        console.error(`The ${name} suite did not finish within ${suiteTimeoutMs / 60000} minutes; code-server log: ${server.log}`);
        resolveExit(1);
      }, suiteTimeoutMs),
    );
    exitCode = await Promise.race([finished, timeout]);
    console.log(`The ${name} suite finished in ${((Date.now() - started) / 1000).toFixed(1)} s with exit code ${exitCode}.`);
  } finally {
    await browser.close();
    server.stop();
    removeFolder(workspace);
  }
  return { exitCode, counts };
}

execFileSync('node', ['esbuild.mjs'], { cwd: root, stdio: 'inherit' });
execFileSync('node', ['scripts/vscode/build-tests.mjs'], { cwd: root, stdio: 'inherit' });

const total = { passed: 0, failed: 0, skipped: 0 };
let exitCode = 0;
// `node scripts/vscode/run-integration.mjs restricted` runs only the suites whose name contains the word.
const only = process.argv[2]?.toLowerCase();
for (const run of runs.filter((candidate) => !only || candidate.name.toLowerCase().includes(only))) {
  const result = await runSuite(run);
  total.passed += result.counts.passed;
  total.failed += result.counts.failed + (result.exitCode !== 0 && result.counts.failed === 0 ? 1 : 0);
  total.skipped += result.counts.skipped;
  exitCode ||= result.exitCode;
}
// The plain closing line the test runner script and CI read, for both runs together.
console.log(`${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ''}`);
process.exit(exitCode);
