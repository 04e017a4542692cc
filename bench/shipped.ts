/**
 * A core module as the extension ships it: bundled and minified by esbuild, as in dist/*.js. The bench
 * itself runs under tsx, whose CommonJS output calls every import from another module through an
 * export getter and wraps every closure in a naming helper: 15 % of describing a token in a CPU
 * profile (`npm run bench -- 4`), time the shipped code never spends. Rows that set our code beside
 * a library or a floor measure this build, so both sides run as they would in the editor.
 */
import { buildSync } from 'esbuild';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '..');
let folder: string | undefined;
const built = new Map<string, unknown>();

/** `entry` (a path from the repository's root, e.g. 'src/jwt/describe.ts') bundled and loaded; typed by the caller as `typeof import(…)`. */
export function shipped<T>(entry: string): T {
  if (!built.has(entry)) {
    folder ??= mkdtempSync(join(tmpdir(), 'kube-sa-tokens-bench-'));
    const outfile = join(folder, `${entry.replace(/[^A-Za-z0-9]+/g, '-')}.js`);
    buildSync({ entryPoints: [join(root, entry)], outfile, bundle: true, format: 'cjs', platform: 'node', target: 'node20', minify: true, logLevel: 'warning' });
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loading the bundle just written
    built.set(entry, require(outfile));
  }
  return built.get(entry) as T;
}
