// The extension host loads this module and calls run(), as with @vscode/test-electron and test-web.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', timeout: 60_000, color: false, reporter: 'spec' });
  // The log test reads what the whole run wrote, so it runs last.
  const last = 'logHoldsNoSecret.test.js';
  const files = readdirSync(__dirname).filter((name) => name.endsWith('.test.js') && name !== last).sort();
  for (const file of [...files, ...(readdirSync(__dirname).includes(last) ? [last] : [])]) {
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
