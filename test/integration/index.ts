// The extension host loads this module and calls run(), as with @vscode/test-electron and test-web.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', timeout: 60_000, color: false, reporter: 'spec' });
  // The log test reads what the whole run wrote, so it runs last.
  const last = 'logHoldsNoSecret.test.js';
  // KUBE_SA_TOKENS_TEST_FILES=explorer,jwt runs only the files whose names contain one of the words (while developing).
  const only = (process.env.KUBE_SA_TOKENS_TEST_FILES ?? '').split(',').filter((word) => word.length > 0);
  const chosen = (name: string) => only.length === 0 || only.some((word) => name.includes(word));
  const files = readdirSync(__dirname).filter((name) => name.endsWith('.test.js') && name !== last && chosen(name)).sort();
  for (const file of [...files, ...(readdirSync(__dirname).includes(last) && chosen(last) ? [last] : [])]) {
    mocha.addFile(join(__dirname, file));
  }
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const { passes, pending } = runner.stats ?? { passes: 0, pending: 0 };
      // The plain closing line the test runner script and CI read.
      console.log(`${passes} passed, ${failures} failed${pending ? `, ${pending} skipped` : ''}`);
      if (failures > 0) {
        reject(new Error(`${failures} integration tests failed`));
      } else {
        resolve();
      }
    });
  });
}
