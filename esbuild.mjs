// Bundles the extension: dist/extension.js is what VS Code loads at activation; dist/cluster.js
// (the Kubernetes client and everything that uses it) is required only when a cluster feature runs;
// dist/jose.js and dist/yaml.js are required on first use of one of their exports (see lazyPackages).
// dist/scanWorker.js is the worker thread a workspace scan runs in (src/scan/scanWorkspace.ts starts it).
import * as esbuild from 'esbuild';

/**
 * `jose` (signature checks) and `yaml` (manifests, details) cost a few ms to evaluate and most windows
 * never use them, so activation must not evaluate them. Each is bundled once on its own, and our
 * `import { x } from 'yaml'` resolves to a stand-in whose exports are getters that require the real
 * bundle the first time one is read (esbuild reads an import's binding at each use, never at load).
 */
const lazyPackages = ['jose', 'yaml'];
const lazyExports = Object.fromEntries(await Promise.all(lazyPackages.map(async (name) => [name, Object.keys(await import(name)).filter((key) => key !== 'default')])));
const lazyPackagesPlugin = {
  name: 'lazy-packages',
  setup(build) {
    build.onResolve({ filter: new RegExp(`^(${lazyPackages.join('|')})$`) }, (args) =>
      args.kind === 'entry-point' || args.importer.includes('node_modules') ? undefined : { path: args.path, namespace: 'lazy-package' },
    );
    build.onLoad({ filter: /.*/, namespace: 'lazy-package' }, (args) => ({
      loader: 'js',
      contents: [
        'let loaded;',
        `const load = () => (loaded ??= require(require('node:path').join(__dirname, ${JSON.stringify(`${args.path}.js`)})));`,
        `for (const name of ${JSON.stringify(lazyExports[args.path])}) {`,
        '  Object.defineProperty(exports, name, { enumerable: true, get: () => load()[name] });',
        '}',
      ].join('\n'),
    }));
  },
};

/**
 * esbuild gives every file that does `import * as vscode from 'vscode'` (an external CommonJS module)
 * its own copy of the API object (__toESM defines a getter per property): about 50 files × 187
 * properties, a large share of activation. One ES module stands in for 'vscode' and re-exports it,
 * so the API is copied once and every file shares that copy (`npm run bench -- 9`: our code's CPU
 * time on a warm start went from a median of 50 ms to 18 ms).
 */
const sharedVscodeApiPlugin = {
  name: 'shared-vscode-api',
  setup(build) {
    build.onResolve({ filter: /^vscode$/ }, (args) => (args.namespace === 'shared-vscode-api' ? { path: 'vscode', external: true } : { path: 'vscode', namespace: 'shared-vscode-api' }));
    build.onLoad({ filter: /.*/, namespace: 'shared-vscode-api' }, () => ({ loader: 'js', contents: "export * from 'vscode';" }));
  },
};

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const options = {
  entryPoints: { extension: 'src/extension.ts', cluster: 'src/cluster/index.ts', jose: 'jose', yaml: 'yaml', scanWorker: 'src/scan/scanWorker.ts' },
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
  plugins: [lazyPackagesPlugin, sharedVscodeApiPlugin],
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
