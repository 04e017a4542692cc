/**
 * Writes a workspace for measuring the scan: by default 20,000 files and about 500 MB (logs, YAML,
 * JSON, source, minified JS, Markdown, a few binaries, a node_modules folder and a .gitignored build
 * folder), with 200 planted JWTs of which exactly 50 are Kubernetes ServiceAccount tokens, and beside
 * the workspace an `expected.json` with each planted token's place. Tokens in the places a scan must
 * skip (node_modules, the ignored folder, a binary) are listed apart as decoys.
 *
 * Everything but the tokens follows from the seed (the file tree, the text, where tokens go); the
 * tokens are signed with keys made per run. Nothing here is committed but this code.
 *
 *   npx tsx bench/scanWorkspace/generate.ts OUT_DIR [--seed N] [--scale 0.1]
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { seededRandom } from '../seededRandom';
import { makeTokenKeys, otherJwt, otherVariants, serviceAccountToken, serviceAccountVariants, type OtherVariant, type ServiceAccountVariant, type TokenKeys } from '../../test/fixtures/tokens/scanCases';

export const plantedServiceAccountTokens = 50;
export const plantedOtherJwts = 150;

export interface PlantedToken {
  /** Relative to the workspace, with `/`. */
  readonly file: string;
  readonly line: number;
  readonly character: number;
  readonly length: number;
  readonly serviceAccount: boolean;
  readonly variant: ServiceAccountVariant | OtherVariant;
  readonly context: string;
  readonly expired?: boolean;
}

export interface Expected {
  readonly seed: number;
  readonly files: number;
  readonly bytes: number;
  readonly planted: readonly PlantedToken[];
  /** ServiceAccount tokens in places a scan must skip (node_modules, the ignored folder, a binary). */
  readonly decoys: readonly PlantedToken[];
}


type Category = 'log' | 'yaml' | 'json' | 'source' | 'minified' | 'markdown' | 'binary' | 'node_modules' | 'ignored';

/** Files and average size of each kind, for the full-size workspace (20,000 files, about 500 MB). */
const plan: Record<Category, { files: number; averageBytes: number }> = {
  log: { files: 400, averageBytes: 600_000 },
  yaml: { files: 6000, averageBytes: 6_000 },
  json: { files: 5000, averageBytes: 10_000 },
  source: { files: 5000, averageBytes: 8_000 },
  minified: { files: 200, averageBytes: 250_000 },
  markdown: { files: 1000, averageBytes: 5_000 },
  binary: { files: 20, averageBytes: 1_000_000 },
  node_modules: { files: 1500, averageBytes: 20_000 },
  ignored: { files: 877, averageBytes: 30_000 },
};
/** .gitignore, .git/HEAD and .git/info/exclude complete the 20,000. */
const fixedFiles = 3;

const words = 'the request served cluster namespace pod deployment service account token audience issuer kubelet volume projected secret config map replica rollout ready probe failed retry backoff watch list update patch create delete node scheduler controller manager admission webhook'.split(' ');

class Lines {
  constructor(private readonly random: () => number) {}
  int(n: number): number {
    return Math.floor(this.random() * n);
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }
  words(n: number): string {
    return Array.from({ length: n }, () => this.pick(words)).join(' ');
  }
  hex(n: number): string {
    let text = '';
    while (text.length < n) {
      text += this.int(0x100000000).toString(16).padStart(8, '0');
    }
    return text.slice(0, n);
  }
  line(category: Category, i: number): string {
    switch (category) {
      case 'log':
      case 'ignored':
        return `2026-11-${String(1 + this.int(28)).padStart(2, '0')}T${String(this.int(24)).padStart(2, '0')}:${String(this.int(60)).padStart(2, '0')}:00.${this.int(1000)}Z ${this.pick(['INFO', 'WARN', 'DEBUG', 'ERROR'])} ${this.words(6)} request_id=${this.hex(16)} latency_ms=${this.int(900)}`;
      case 'yaml':
        return `${'  '.repeat(this.int(4))}${this.pick(words)}-${this.int(100)}: ${this.pick(['"', ''])}${this.words(3)}`;
      case 'json':
        return `  "${this.pick(words)}_${i}": ${this.pick([`"${this.words(4)}"`, String(this.int(100000)), 'true', 'null', `"sha256:${this.hex(64)}"`])},`;
      case 'source':
      case 'node_modules':
        return `${'  '.repeat(this.int(3))}${this.pick(['const', 'let', 'return', 'if (', 'function', '//'])} ${this.pick(words)}${this.int(100)} = ${this.pick(words)}(${this.pick(words)}, ${this.int(1000)}); // ${this.words(4)}`;
      case 'minified':
        return `var ${this.pick(words).slice(0, 2)}${this.int(99)}=function(a,b){return a.${this.pick(words)}(b,${this.int(9)})||"${this.words(2)}"};`;
      case 'markdown':
        return this.pick(['## ', '- ', '', '> ']) + this.words(10);
      case 'binary':
        return '';
    }
  }
}

const extension: Record<Category, readonly string[]> = {
  log: ['.log'],
  yaml: ['.yaml', '.yml'],
  json: ['.json'],
  source: ['.ts', '.go', '.py', '.js'],
  minified: ['.min.js'],
  markdown: ['.md'],
  binary: ['.png', '.bin'],
  node_modules: ['.js'],
  ignored: ['.log', '.txt'],
};

function folderOf(category: Category, index: number): string {
  switch (category) {
    case 'node_modules':
      return `node_modules/pkg-${index % 60}/lib`;
    case 'ignored':
      return `build/out-${index % 20}`;
    case 'minified':
      return `web/dist/chunk-${index % 10}`;
    default:
      return `${['services', 'deploy', 'docs', 'tools', 'apps'][index % 5]}/${category}-${index % 97}/${index % 7}`;
  }
}

/** The text around a token on its line, by where it is written: [before, after, context]. */
function contextsFor(category: Category, lines: Lines): [string, string, string] {
  switch (category) {
    case 'log':
    case 'ignored':
      return lines.pick<[string, string, string]>([
        [`2026-11-27T10:00:00Z INFO outgoing request Authorization: Bearer `, ` path=/api/v1/pods`, 'log Authorization header'],
        [`2026-11-27T10:00:01Z DEBUG GET https://app.example.com/callback?id_token=`, `&state=${lines.hex(8)} 200`, 'URL query'],
        [`2026-11-27T10:00:02Z WARN café ☕ 🚀 user=josé token=`, ` retry=1`, 'log with non-ASCII before the token'],
      ]);
    case 'yaml':
      return lines.pick<[string, string, string]>([
        ['    token: ', '', 'kubeconfig token field'],
        ['  token: "', '"', 'Secret stringData'],
        ['        value: ', '', 'env value'],
      ]);
    case 'json':
      return lines.pick<[string, string, string]>([
        ['  "token": "', '",', 'JSON string'],
        ['  "kubeconfig": "apiVersion: v1\\nusers:\\n- name: ci\\n  user:\\n    token: ', '\\n",', 'JSON escaped string'],
      ]);
    case 'source':
    case 'node_modules':
      return [`const token = "`, `";`, 'source string literal'];
    case 'markdown':
      return ['Example token: `', '`', 'Markdown code span'];
    case 'minified':
      return [`var t${lines.int(99)}="`, `";`, 'minified JS'];
    case 'binary':
      return ['', '', 'binary file'];
  }
}

interface Placement {
  readonly token: string;
  readonly serviceAccount: boolean;
  readonly variant: ServiceAccountVariant | OtherVariant;
  readonly expired?: boolean;
  readonly decoy: boolean;
}

async function tokensToPlant(keys: TokenKeys, nowSeconds: number, random: () => number): Promise<Placement[]> {
  const namespaces = ['demo', 'ci', 'kube-system', 'payments', 'monitoring'];
  const names = ['vault-auth', 'deployer', 'builder', 'web', 'default', 'prometheus'];
  const shapeOf = (n: number, expired: boolean) => ({ namespace: namespaces[n % namespaces.length], name: names[(n * 7) % names.length], nowSeconds, expired, n });
  const placements: Placement[] = [];
  for (let n = 0; n < plantedServiceAccountTokens; n++) {
    const variant = serviceAccountVariants[n % serviceAccountVariants.length];
    // Half the bound tokens expired; legacy tokens never expire.
    const expired = variant !== 'legacy' && Math.floor(n / serviceAccountVariants.length) % 2 === 1;
    placements.push({ token: await serviceAccountToken(keys, variant, shapeOf(n, expired)), serviceAccount: true, variant, expired, decoy: false });
  }
  for (let n = 0; n < plantedOtherJwts; n++) {
    const variant = otherVariants[n % otherVariants.length];
    placements.push({ token: await otherJwt(keys, variant, shapeOf(n + 100, random() < 0.5)), serviceAccount: false, variant, decoy: false });
  }
  for (let n = 0; n < 6; n++) {
    placements.push({ token: await serviceAccountToken(keys, n % 2 === 0 ? 'bound-pod' : 'legacy', shapeOf(n + 500, false)), serviceAccount: true, variant: n % 2 === 0 ? 'bound-pod' : 'legacy', decoy: true });
  }
  return placements;
}

export async function generateWorkspace(out: string, seed = 20261127, scale = 1): Promise<Expected> {
  const random = seededRandom(seed);
  const lines = new Lines(random);
  const workspace = join(out, 'workspace');
  rmSync(out, { recursive: true, force: true });
  mkdirSync(join(workspace, '.git', 'info'), { recursive: true });
  writeFileSync(join(workspace, '.git', 'HEAD'), 'ref: refs/heads/main\n');
  writeFileSync(join(workspace, '.git', 'info', 'exclude'), '*.swp\n');
  writeFileSync(join(workspace, '.gitignore'), 'build/\n*.tmp\n');
  let files = fixedFiles;
  let bytes = 0;

  // Every file of the plan, with its category; tokens are then assigned to files of fitting kinds.
  const fileList: { path: string; category: Category; bytes: number }[] = [];
  for (const [category, { files: count, averageBytes }] of Object.entries(plan) as [Category, (typeof plan)[Category]][]) {
    for (let i = 0; i < Math.max(1, Math.round(count * scale)); i++) {
      const size = Math.round(averageBytes * (0.2 + 1.6 * random()));
      fileList.push({ path: `${folderOf(category, i)}/${category}-${i}${lines.pick(extension[category])}`, category, bytes: size });
    }
  }
  const scanned = fileList.filter((file) => !['node_modules', 'ignored', 'binary'].includes(file.category));
  const skippedPlaces = fileList.filter((file) => ['node_modules', 'ignored', 'binary'].includes(file.category));
  const plantsByFile = new Map<string, Placement[]>();
  for (const placement of await tokensToPlant(await makeTokenKeys(), Math.floor(Date.now() / 1000), random)) {
    const file = lines.pick(placement.decoy ? skippedPlaces : scanned);
    plantsByFile.set(file.path, [...(plantsByFile.get(file.path) ?? []), placement]);
  }

  const planted: PlantedToken[] = [];
  const decoys: PlantedToken[] = [];
  for (const file of fileList) {
    const path = join(workspace, file.path);
    mkdirSync(dirname(path), { recursive: true });
    const plants = plantsByFile.get(file.path) ?? [];
    if (file.category === 'binary') {
      const buffer = Buffer.alloc(file.bytes);
      for (let i = 0; i < buffer.length; i++) {
        buffer[i] = lines.int(256);
      }
      // A NUL early on, as in every PNG header: what makes a file binary to git and to the scan.
      buffer[3] = 0;
      const texts = plants.map((plant) => Buffer.from(`\ntoken: ${plant.token}\n`));
      writeFileSync(path, Buffer.concat([buffer, ...texts]));
      plants.forEach((plant) => decoys.push({ file: file.path, line: -1, character: -1, length: plant.token.length, serviceAccount: plant.serviceAccount, variant: plant.variant, context: 'binary file' }));
      bytes += buffer.length + texts.reduce((sum, text) => sum + text.length, 0);
      files++;
      continue;
    }
    const body: string[] = [];
    const separator = file.category === 'minified' ? '' : '\n';
    let size = 0;
    for (let i = 0; size < file.bytes; i++) {
      const line = lines.line(file.category, i);
      body.push(line);
      size += line.length + separator.length;
    }
    const record = (plant: Placement, line: number, character: number, context: string) =>
      (plant.decoy ? decoys : planted).push({ file: file.path, line, character, length: plant.token.length, serviceAccount: plant.serviceAccount, variant: plant.variant, context, ...(plant.expired === undefined ? {} : { expired: plant.expired }) });
    // Places are drawn first and filled in order, so each token's line and character are known as it is written.
    const inserts = plants.map((plant) => ({ plant, at: lines.int(file.category === 'minified' ? size : body.length + 1), around: contextsFor(file.category, lines) })).sort((a, b) => a.at - b.at);
    const textLines: string[] = [];
    if (file.category === 'minified') {
      // One long line, the tokens inside it.
      const single = body.join('');
      let line = '';
      let from = 0;
      for (const { plant, at, around: [before, after, context] } of inserts) {
        line += single.slice(from, at) + before;
        record(plant, 0, line.length, context);
        line += plant.token + after;
        from = at;
      }
      textLines.push(line + single.slice(from));
    } else {
      let next = 0;
      for (let i = 0; i <= body.length; i++) {
        for (; next < inserts.length && inserts[next].at === i; next++) {
          const { plant, around: [before, after, context] } = inserts[next];
          record(plant, textLines.length, before.length, context);
          textLines.push(before + plant.token + after);
        }
        if (i < body.length) {
          textLines.push(body[i]);
        }
      }
    }
    const crlf = file.category === 'yaml' && lines.int(4) === 0;
    const text = textLines.join(crlf ? '\r\n' : '\n');
    writeFileSync(path, text);
    bytes += Buffer.byteLength(text);
    files++;
  }
  const expected: Expected = { seed, files, bytes, planted, decoys };
  writeFileSync(join(out, 'expected.json'), `${JSON.stringify(expected, null, 1)}\n`);
  return expected;
}

if (require.main === module) {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { seed: { type: 'string' }, scale: { type: 'string' } } });
  if (positionals.length !== 1) {
    console.error('usage: npx tsx bench/scanWorkspace/generate.ts OUT_DIR [--seed N] [--scale 0.1]');
    process.exit(2);
  }
  const started = performance.now();
  void generateWorkspace(positionals[0], Number(values.seed ?? 20261127), Number(values.scale ?? 1)).then((expected) => {
    console.log(`${expected.files} files, ${(expected.bytes / 1e6).toFixed(0)} MB, ${expected.planted.length} planted tokens (${expected.planted.filter((p) => p.serviceAccount).length} ServiceAccount), ${expected.decoys.length} decoys, in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  });
}
