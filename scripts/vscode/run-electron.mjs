// The integration suite under @vscode/test-electron, for machines that can download VS Code
// (these cannot: there, use `npm run test:integration`, which runs the same suite in code-server).
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { runTests } from '@vscode/test-electron';

const root = resolve(import.meta.dirname, '..', '..');
execFileSync('node', ['esbuild.mjs'], { cwd: root, stdio: 'inherit' });
execFileSync('node', ['scripts/vscode/build-tests.mjs'], { cwd: root, stdio: 'inherit' });
try {
  process.exit(await runTests({ extensionDevelopmentPath: root, extensionTestsPath: resolve(root, 'dist', 'test', 'integration', 'index'), launchArgs: ['--disable-extensions'] }));
} catch (error) {
  const offline = /ENOTFOUND|EAI_AGAIN|ECONNREFUSED/.test(String(error));
  console.error(offline ? `Cannot download VS Code here (${String(error)}). Run \`npm run test:integration\` instead: the same suite in code-server.` : String(error));
  process.exit(1);
}
