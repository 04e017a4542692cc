// Bundles the integration suite for the extension host: one CommonJS file per test file, with the
// local Kubernetes API server inside so the tests can start and steer it in the same process.
import { readdirSync } from 'node:fs';
import * as esbuild from 'esbuild';

const entryPoints = readdirSync('test/integration')
  .filter((name) => name.endsWith('.ts'))
  .map((name) => `test/integration/${name}`);

await esbuild.build({
  entryPoints,
  outdir: 'dist/test/integration',
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  external: ['vscode', 'mocha'],
  sourcemap: true,
  logLevel: 'warning',
});
