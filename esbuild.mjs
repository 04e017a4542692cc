// Bundles the extension: dist/extension.js is what VS Code loads at activation; dist/cluster.js
// (the Kubernetes client and everything that uses it) is required only when a cluster feature runs;
// dist/jose.js, dist/yaml.js and dist/manifests.js are required on first use of one of their exports
// (see lazyModules). dist/scanWorker.js is the worker thread a workspace scan runs in
// (src/scan/scanWorkspace.ts starts it).
import * as esbuild from 'esbuild';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';

/**
 * Code that most windows never run, or run only after start-up, costs activation time all the same:
 * V8 compiles every byte of dist/extension.js when it is loaded (about 8 ms of the 11 ms it takes to
 * load, profiled in `npm run bench -- 9`). So each of these is bundled once on its own, and an import
 * of it resolves to a stand-in whose exports are getters that require the real bundle the first time
 * one is read (esbuild reads an import's binding at each use, never at load):
 * - `jose` (signature checks) and `yaml` (manifests, details), imported from anywhere;
 * - the manifest validator (`src/manifests`), imported by the editor features: its first use is the
 *   first YAML document analysed. Its bundle holds its own copy of src/text/l10n, so the stand-in
 *   hands it the bundle VS Code loaded for the display language (as ClusterConnection does for
 *   dist/cluster.js).
 */
const lazyModules = [
  { name: 'jose', entry: 'jose', stands: (args) => args.path === 'jose' },
  { name: 'yaml', entry: 'yaml', stands: (args) => args.path === 'yaml' },
  {
    name: 'manifests',
    entry: 'src/manifests/index.ts',
    localised: true,
    stands: (args) => args.importer.includes('/src/features/') && resolve(args.resolveDir, args.path) === resolve('src/manifests'),
  },
];

/** The names a module exports: a package's as Node loads it (jose and yaml are CommonJS to require), our sources' from esbuild's analysis. */
async function exportsOf(entry) {
  if (!entry.startsWith('src/')) {
    return Object.keys(await import(entry)).filter((name) => name !== 'default');
  }
  const result = await esbuild.build({ entryPoints: [entry], bundle: true, format: 'esm', platform: 'node', write: false, metafile: true, logLevel: 'silent', packages: 'external', external: ['vscode'] });
  return Object.values(result.metafile.outputs)[0].exports.filter((name) => name !== 'default');
}

const lazyExports = Object.fromEntries(await Promise.all(lazyModules.map(async ({ name, entry }) => [name, await exportsOf(entry)])));

function standIn({ name, localised }) {
  const configure = localised ? "const { l10n } = require('vscode'); if (l10n.bundle) { loaded.configureLocalisation({ contents: l10n.bundle }); }" : '';
  return [
    'let loaded;',
    'const load = () => {',
    `  if (!loaded) { loaded = require(require('node:path').join(__dirname, ${JSON.stringify(`${name}.js`)})); ${configure} }`,
    '  return loaded;',
    '};',
    `for (const name of ${JSON.stringify(lazyExports[name])}) {`,
    '  Object.defineProperty(exports, name, { enumerable: true, get: () => load()[name] });',
    '}',
  ].join('\n');
}

const lazyModulesPlugin = {
  name: 'lazy-modules',
  setup(build) {
    build.onResolve({ filter: /.*/ }, (args) => {
      if (args.kind === 'entry-point' || args.importer.includes('node_modules')) {
        return undefined;
      }
      const lazy = lazyModules.find((module) => module.stands(args));
      return lazy ? { path: lazy.name, namespace: 'lazy-module' } : undefined;
    });
    build.onLoad({ filter: /.*/, namespace: 'lazy-module' }, (args) => ({ loader: 'js', contents: standIn(lazyModules.find((module) => module.name === args.path)) }));
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
  entryPoints: { extension: 'src/extension.ts', cluster: 'src/cluster/index.ts', jose: 'jose', yaml: 'yaml', manifests: 'src/manifests/index.ts', scanWorker: 'src/scan/scanWorker.ts' },
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
  plugins: [lazyModulesPlugin, sharedVscodeApiPlugin],
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
  // A stand-in offers only the names listed for it: an export it lacks would be undefined at its first use, in the editor only.
  const require = createRequire(import.meta.url);
  for (const { name } of lazyModules) {
    const missing = Object.keys(require(resolve('dist', `${name}.js`))).filter((key) => key !== 'default' && !lazyExports[name].includes(key));
    if (missing.length > 0) {
      throw new Error(`dist/${name}.js exports ${missing.join(', ')}, which its stand-in in dist/extension.js does not offer`);
    }
  }
}
