// Runs node's test runner over every *.test.ts below the given folders. Node 20's --test takes
// no globs, so the files are listed here; tsx lets the runner load TypeScript directly.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

function testFiles(folder) {
  return readdirSync(folder, { recursive: true })
    .filter((name) => name.endsWith('.test.ts'))
    .map((name) => join(folder, name))
    .sort();
}

const folders = process.argv.slice(2);
const files = folders.flatMap(testFiles);
if (files.length === 0) {
  console.error(`No *.test.ts files under ${folders.join(', ')}`);
  process.exit(1);
}
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-concurrency=1', ...files], { stdio: 'inherit' });
process.exit(result.status ?? 1);
