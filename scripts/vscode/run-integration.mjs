// Runs the mocha suite in test/integration inside a real VS Code extension host (code-server),
// the way @vscode/test-web does: the page gets extensionDevelopmentPath/extensionTestsPath in its
// `payload`, and reports the host's console and exit code back through two exposed functions.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { format } from 'node:util';
import { launchBrowser } from './browser.mjs';
import { startCodeServer } from './codeServer.mjs';
import { testFolder } from './install.mjs';

const root = resolve(import.meta.dirname, '..', '..');
const suiteTimeoutMs = 10 * 60 * 1000;

execFileSync('node', ['esbuild.mjs'], { cwd: root, stdio: 'inherit' });
execFileSync('node', ['scripts/vscode/build-tests.mjs'], { cwd: root, stdio: 'inherit' });

mkdirSync(testFolder, { recursive: true });
const workspace = mkdtempSync(join(testFolder, 'integration-workspace-'));
writeFileSync(join(workspace, 'README.md'), 'Workspace for the integration suite.\n');
const server = await startCodeServer({ smokeTestDriver: true, trustWorkspaces: true });
const browser = await launchBrowser();
let exitCode = 1;
try {
  const page = await browser.newPage();
  const remote = (path) => `vscode-remote://127.0.0.1:${server.port}${path}`;
  const payload = [
    ['extensionDevelopmentPath', remote(root)],
    ['extensionTestsPath', remote(join(root, 'dist', 'test', 'integration', 'index'))],
  ];
  const finished = new Promise((resolveExit) => {
    page.exposeFunction('codeAutomationLog', (type, args) => {
      const line = format(...(Array.isArray(args) ? args : [args]));
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
      console.error(`The integration suite did not finish within ${suiteTimeoutMs / 60000} minutes; code-server log: ${server.log}`);
      resolveExit(1);
    }, suiteTimeoutMs),
  );
  exitCode = await Promise.race([finished, timeout]);
  console.log(`Integration suite finished in ${((Date.now() - started) / 1000).toFixed(1)} s with exit code ${exitCode}.`);
} finally {
  await browser.close();
  server.stop();
}
process.exit(exitCode);
