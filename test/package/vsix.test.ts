import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { inflateRawSync } from 'node:zlib';

/**
 * `vsce package` on a copy of the working tree (every file git would keep, so test fixtures, sources
 * and a planted .env are there to be left out), as `ovsx publish` packages too (it calls vsce's
 * createVSIX, then asks the registry, whose metadata rules are checked here offline).
 */
const root = fileURLToPath(new URL('../../', import.meta.url));
const maxBytes = 1.5 * 1024 * 1024;
const fakeToken = `eyJhbGciOiJSUzI1NiJ9.${Buffer.from(JSON.stringify({ sub: 'system:serviceaccount:demo:planted' })).toString('base64url')}.c2lnbmF0dXJl`;

let workdir: string;
let packaging: { status: number | null; output: string };
let entries: Map<string, Buffer>;
let builtBundles: () => string[];

/** The files of a zip archive by name, from its central directory (stored or deflated, as vsce writes them). */
function unzip(archive: Buffer): Map<string, Buffer> {
  const end = archive.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = archive.readUInt16LE(end + 10);
  let at = archive.readUInt32LE(end + 16);
  const files = new Map<string, Buffer>();
  for (let index = 0; index < count; index += 1) {
    const method = archive.readUInt16LE(at + 10);
    const compressedSize = archive.readUInt32LE(at + 20);
    const nameLength = archive.readUInt16LE(at + 28);
    const skip = archive.readUInt16LE(at + 30) + archive.readUInt16LE(at + 32);
    const name = archive.toString('utf8', at + 46, at + 46 + nameLength);
    const local = archive.readUInt32LE(at + 42);
    const dataStart = local + 30 + archive.readUInt16LE(local + 26) + archive.readUInt16LE(local + 28);
    const data = archive.subarray(dataStart, dataStart + compressedSize);
    files.set(name, method === 8 ? inflateRawSync(data) : data);
    at += 46 + nameLength + skip;
  }
  return files;
}

before(() => {
  workdir = mkdtempSync(join(tmpdir(), 'kube-sa-tokens-package-'));
  const tree = join(workdir, 'tree');
  const kept = execFileSync('git', ['ls-files', '-co', '--exclude-standard', '-z'], { cwd: root, encoding: 'utf8' }).split('\0').filter(Boolean);
  // A tracked file deleted in the working tree is listed too: only what exists is copied.
  for (const file of kept.filter((name) => existsSync(join(root, name)))) {
    mkdirSync(dirname(join(tree, file)), { recursive: true });
    cpSync(join(root, file), join(tree, file), { dereference: false, errorOnExist: false, force: true });
  }
  symlinkSync(join(root, 'node_modules'), join(tree, 'node_modules'));
  // What a developer's folder may hold besides: credentials and source maps must stay out.
  writeFileSync(join(tree, '.env'), `KUBE_SA_TOKEN=${fakeToken}\n`);
  mkdirSync(join(tree, 'dist'), { recursive: true });
  writeFileSync(join(tree, 'dist', 'extension.js.map'), '{}');
  const vsix = join(workdir, 'extension.vsix');
  builtBundles = () => readdirSync(join(tree, 'dist')).filter((name) => name.endsWith('.js')).map((name) => `dist/${name}`);
  // No terminal: a warning that asks "Do you want to continue?" reads end of input and fails the packaging.
  const result = spawnSync(join(tree, 'node_modules', '.bin', 'vsce'), ['package', '--no-dependencies', '--out', vsix], { cwd: tree, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 180_000 });
  packaging = { status: result.status, output: `${result.stdout}${result.stderr}` };
  entries = result.status === 0 ? unzip(readFileSync(vsix)) : new Map();
});

after(() => rmSync(workdir, { recursive: true, force: true }));

test('vsce package succeeds and prints no warning', () => {
  assert.equal(packaging.status, 0, packaging.output);
  assert.doesNotMatch(packaging.output, /WARNING|\bwarn/i, packaging.output);
});

test('the .vsix holds the bundles and the contributed files only: no sources, tests, source maps or credentials', () => {
  const files = [...entries.keys()].filter((name) => name.startsWith('extension/')).map((name) => name.slice('extension/'.length));
  const allowed = /^(package\.json|package\.nls(\.[\w-]+)?\.json|l10n\/bundle\.l10n(\.[\w-]+)?\.json|readme\.md|changelog\.md|LICENSE\.txt|dist\/(extension|cluster|jose|yaml|manifests|scanWorker)\.js|resources\/[\w./-]+\.(svg|png|md)|syntaxes\/[\w.-]+\.json|snippets\/[\w.-]+\.code-snippets|schemas\/[\w.-]+\.schema\.json)$/;
  for (const file of files) {
    assert.match(file, allowed, `${file} should not be in the package`);
  }
  for (const needed of ['package.json', 'package.nls.json', 'package.nls.qps-ploc.json', 'l10n/bundle.l10n.json', 'l10n/bundle.l10n.qps-ploc.json', 'readme.md', 'changelog.md', 'LICENSE.txt', 'dist/extension.js', 'dist/cluster.js', 'dist/jose.js', 'dist/yaml.js', 'dist/manifests.js', 'dist/scanWorker.js', 'resources/icon.png']) {
    assert.ok(files.includes(needed), `${needed} is in the package`);
  }
  // Every bundle the build writes is required at run time (the lazily loaded ones only on first use, so nothing else would notice).
  const bundles = builtBundles();
  assert.ok(bundles.length >= 6, bundles.join(', '));
  for (const bundle of bundles) {
    assert.ok(files.includes(bundle), `${bundle}, which the build writes, is in the package (.vscodeignore)`);
  }
});

test('no file in the .vsix holds a token', () => {
  const jwt = /eyJ[\w-]{8,}\.eyJ[\w-]{8,}\.[\w-]+/;
  for (const [name, content] of entries) {
    assert.doesNotMatch(content.toString('latin1'), jwt, `${name} holds something that reads as a token`);
  }
});

test('the .vsix weighs at most 1.5 MB', () => {
  const size = [...entries.values()].reduce((total, content) => total + content.length, 0);
  assert.ok(size > 0);
  const archive = readFileSync(join(workdir, 'extension.vsix')).length;
  assert.ok(archive <= maxBytes, `${(archive / 1024).toFixed(0)} KiB`);
});

test('its icon is a 128×128 PNG, named in the gallery manifest', () => {
  const icon = entries.get('extension/resources/icon.png');
  assert.ok(icon);
  assert.equal(icon.subarray(1, 4).toString('latin1'), 'PNG');
  assert.deepEqual([icon.readUInt32BE(16), icon.readUInt32BE(20)], [128, 128]);
  assert.match(entries.get('extension.vsixmanifest')?.toString('utf8') ?? '', /Microsoft\.VisualStudio\.Services\.Icons\.Default" Path="extension\/resources\/icon\.png"/);
});

test('its metadata passes the checks the Open VSX registry makes on publishing (ExtensionValidator.validateMetadata)', () => {
  const manifest = JSON.parse(entries.get('extension/package.json')?.toString('utf8') ?? '{}') as Record<string, unknown>;
  // eclipse/openvsx server/src/main/java/org/eclipse/openvsx/ExtensionValidator.java, and the CLI's check-license.ts.
  const name = /^[\w\-+$~]{1,255}$/;
  const isUrl = (value: unknown) => {
    try {
      return typeof value === 'string' && new URL(value.replace(/^git\+/, '')).host.length > 0 && value.length <= 255;
    } catch {
      return false;
    }
  };
  const printable = (value: unknown) => typeof value === 'string' && !/[\p{Cc}\p{Cf}\p{Cn}\p{Co}\u2028\u2029]/u.test(value);
  assert.match(String(manifest.publisher), name);
  assert.match(String(manifest.name), name);
  assert.match(String(manifest.version), /^[\p{L}\p{N}$+\-,.:;_]+$/u);
  assert.ok(printable(manifest.displayName) && String(manifest.displayName).length <= 255);
  assert.ok(printable(manifest.description) && String(manifest.description).length <= 2048);
  for (const value of [...(manifest.categories as string[]), ...(manifest.keywords as string[])]) {
    assert.ok(printable(value) && value.length <= 255, value);
  }
  assert.ok((manifest.keywords as string[]).length <= 30, 'the Marketplace takes at most 30 keywords');
  assert.equal(manifest.license, 'MIT');
  assert.ok(entries.has('extension/LICENSE.txt'));
  assert.ok(isUrl(manifest.homepage), 'homepage');
  assert.ok(isUrl((manifest.repository as { url: string }).url), 'repository');
  assert.ok(isUrl((manifest.bugs as { url: string }).url), 'bugs');
  assert.ok(manifest.qna === 'marketplace' || manifest.qna === false || isUrl(manifest.qna), 'qna');
  const banner = manifest.galleryBanner as { color: string; theme: string };
  assert.ok(printable(banner.color) && banner.color.length <= 16);
  assert.ok(['dark', 'light'].includes(banner.theme));
  assert.equal(manifest.pricing, 'Free');
});
