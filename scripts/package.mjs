// Builds the production bundle into a .vsix with vsce and prints what it holds and weighs.
import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';

const output = 'dist/kube-sa-tokens.vsix';
const vsce = (...args) => execFileSync('node_modules/.bin/vsce', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });

vsce('package', '--no-dependencies', '--out', output);
const files = vsce('ls', '--no-dependencies').trim().split('\n');
console.log(`${output}: ${(statSync(output).size / 1024).toFixed(1)} KiB, ${files.length} files`);
for (const file of files) {
  console.log(`  ${file}`);
}
