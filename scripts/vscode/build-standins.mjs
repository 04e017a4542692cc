// Bundles the stand-in extensions the tests install beside ours (test/standins/*), each into its own dist/.
import * as esbuild from 'esbuild';

await esbuild.build({
  entryPoints: { extension: 'test/standins/vscode-kubernetes-tools/src/extension.ts' },
  outdir: 'test/standins/vscode-kubernetes-tools/dist',
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  external: ['vscode'],
  logLevel: 'warning',
});
