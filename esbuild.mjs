// Bundles the extension: dist/extension.js is what VS Code loads at activation; dist/cluster.js
// (the Kubernetes client and everything that uses it) is required only when a cluster feature runs.
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const options = {
  entryPoints: { extension: 'src/extension.ts', cluster: 'src/cluster/index.ts' },
  outdir: 'dist',
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  external: ['vscode'],
  sourcemap: true,
  sourcesContent: false,
  minify: production,
  metafile: true,
  logLevel: 'warning',
};

if (watch) {
  const context = await esbuild.context(options);
  await context.watch();
} else {
  const result = await esbuild.build(options);
  for (const [file, output] of Object.entries(result.metafile.outputs)) {
    if (file.endsWith('.js')) {
      console.log(`${file}: ${(output.bytes / 1024).toFixed(1)} KiB`);
    }
  }
}
