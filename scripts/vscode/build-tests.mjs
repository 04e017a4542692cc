// Bundles the integration suites for the extension host: one CommonJS file per test file, with the
// local Kubernetes API server inside so the tests can start and steer it in the same process.
// test/integration/restricted runs in its own (untrusted) workspace, with its own copy of index.ts;
// test/integration/kubernetesExtension runs beside the stand-in Kubernetes extension, built here too;
// test/integration/pseudoLocale runs in VS Code's pseudo-locale.
import { readdirSync } from 'node:fs';
import * as esbuild from 'esbuild';

const testsIn = (folder) =>
  readdirSync(folder)
    .filter((name) => name.endsWith('.ts'))
    .map((name) => `${folder}/${name}`);

await esbuild.build({
  entryPoints: [
    ...testsIn('test/integration').map((path) => ({ in: path, out: path.replace(/^test\/integration\//, '').replace(/\.ts$/, '') })),
    ...testsIn('test/integration/restricted').map((path) => ({ in: path, out: path.replace(/^test\/integration\//, '').replace(/\.ts$/, '') })),
    { in: 'test/integration/index.ts', out: 'restricted/index' },
    ...testsIn('test/integration/kubernetesExtension').map((path) => ({ in: path, out: path.replace(/^test\/integration\//, '').replace(/\.ts$/, '') })),
    { in: 'test/integration/index.ts', out: 'kubernetesExtension/index' },
    ...testsIn('test/integration/kubernetesExtension/restricted').map((path) => ({ in: path, out: path.replace(/^test\/integration\//, '').replace(/\.ts$/, '') })),
    { in: 'test/integration/index.ts', out: 'kubernetesExtension/restricted/index' },
    ...testsIn('test/integration/pseudoLocale').map((path) => ({ in: path, out: path.replace(/^test\/integration\//, '').replace(/\.ts$/, '') })),
    { in: 'test/integration/index.ts', out: 'pseudoLocale/index' },
  ],
  outdir: 'dist/test/integration',
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  external: ['vscode', 'mocha'],
  sourcemap: true,
  logLevel: 'warning',
});

await import('./build-standins.mjs');
