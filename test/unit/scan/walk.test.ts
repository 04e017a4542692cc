import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { after, test } from 'node:test';
import type { ScanOptions } from '../../../src/scan/types';
import { walkTextFiles, type WalkHooks } from '../../../src/scan/walk';
import { maxUnreadableListed } from '../../../src/scan/types';

const temp = mkdtempSync(join(tmpdir(), 'scan-walk-'));
after(() => rmSync(temp, { recursive: true, force: true }));
let trees = 0;

/** Writes `files` (relative path → content) under a fresh folder and returns it. */
function tree(files: Record<string, string | Buffer>): string {
  const root = join(temp, `t${trees++}`);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  mkdirSync(root, { recursive: true });
  return root;
}

const options = (root: string, more: Partial<ScanOptions> = {}): ScanOptions => ({ roots: [root], excludeGlobs: [], maxFileBytes: 1024 * 1024, useGitignore: true, useParentGitignore: true, ...more });

async function walked(scan: ScanOptions, hooks: Partial<WalkHooks> = {}) {
  const texts = new Map<string, string>();
  const summary = await walkTextFiles(scan, { ...hooks, onText: (file, text) => { texts.set(relative(scan.roots[0], file).split('\\').join('/'), text); hooks.onText?.(file, text); } });
  return { files: [...texts.keys()].sort(), texts, summary };
}

test('.gitignore files at every level, their negations, and .git/info/exclude are honoured; .git is never read', async () => {
  const root = tree({
    '.gitignore': 'build/\n*.log\n!keep.log\n',
    '.git/info/exclude': 'excluded-by-info.txt\n',
    '.git/config': 'token',
    'build/out.txt': 'x',
    'app.log': 'x',
    'keep.log': 'x',
    'excluded-by-info.txt': 'x',
    'src/main.ts': 'x',
    'sub/.gitignore': 'secret.txt\n!debug.log\n',
    'sub/secret.txt': 'x',
    'sub/debug.log': 'x',
    'sub/other.log': 'x',
    'sub/deeper/secret.txt': 'x',
    'sub/deeper/.gitignore': '!secret.txt\n',
  });
  const { files } = await walked(options(root));
  assert.deepEqual(files, ['.gitignore', 'keep.log', 'src/main.ts', 'sub/.gitignore', 'sub/debug.log', 'sub/deeper/.gitignore', 'sub/deeper/secret.txt']);
  const all = await walked(options(root, { useGitignore: false }));
  assert.ok(all.files.includes('build/out.txt') && all.files.includes('app.log') && !all.files.some((file) => file.startsWith('.git/')));
});

test('the .gitignore files above a root inside a repository apply to it', async () => {
  const repo = tree({ '.git/HEAD': 'ref', '.gitignore': '*.secret\n', 'pkg/a.secret': 'x', 'pkg/b.txt': 'x' });
  const { files } = await walked(options(join(repo, 'pkg')));
  assert.deepEqual(files, ['b.txt']);
});

test("without the parents' .gitignore files (VS Code's search.useParentIgnoreFiles off), a root inside an ignored folder is still scanned", async () => {
  // A workspace folder kept inside another repository's ignored folder (a test workspace under .vscode-test/, say).
  const repo = tree({ '.git/HEAD': 'ref', '.gitignore': 'work/\n*.secret\n', 'work/a.secret': 'x', 'work/b.txt': 'x', 'work/.gitignore': 'b.txt\n' });
  const own = await walked(options(join(repo, 'work'), { useParentGitignore: false }));
  assert.deepEqual(own.files, ['.gitignore', 'a.secret']);
  const likeGit = await walked(options(join(repo, 'work')));
  assert.deepEqual(likeGit.files, []);
});

test('VS Code glob excludes, with ** and braces, match folders and files relative to the root', async () => {
  const root = tree({ 'node_modules/pkg/index.js': 'x', 'web/node_modules/p/i.js': 'x', 'dist/app.min.js': 'x', 'dist/app.js': 'x', 'tmp/t.txt': 'x', 'cache/c.txt': 'x', '.env': 'x', 'keep.txt': 'x' });
  const { files } = await walked(options(root, { excludeGlobs: ['**/node_modules', '**/*.min.js', '{tmp,cache}', '**/.env'] }));
  assert.deepEqual(files, ['dist/app.js', 'keep.txt']);
});

test('files over the size cap and binary files are skipped and counted; bytes count what was scanned', async () => {
  const root = tree({ 'big.txt': 'x'.repeat(2000), 'small.txt': 'abc', 'image.png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]), 'late-nul.txt': `${'a'.repeat(9000)}\u0000` });
  const { files, summary } = await walked(options(root, { maxFileBytes: 1000 }));
  assert.deepEqual(files, ['small.txt']);
  assert.deepEqual([summary.filesScanned, summary.bytesScanned, summary.filesSkipped], [1, 3, 3]);
  const larger = await walked(options(root, { maxFileBytes: 20_000 }));
  // A NUL past the first 8 KiB does not make a file binary, as git decides.
  assert.deepEqual(larger.files, ['big.txt', 'late-nul.txt', 'small.txt']);
});

test('a UTF-8 BOM is dropped, as editors do, so characters count from the first visible one', async () => {
  const root = tree({ 'bom.txt': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('héllo')]) });
  const { texts } = await walked(options(root));
  assert.equal(texts.get('bom.txt'), 'héllo');
});

test('symbolic links are not followed: a link that loops back is skipped and counted, and the walk ends', async () => {
  const root = tree({ 'a/file.txt': 'x' });
  symlinkSync(root, join(root, 'a', 'loop'));
  symlinkSync(join(root, 'a', 'file.txt'), join(root, 'link.txt'));
  const { files, summary } = await walked(options(root));
  assert.deepEqual(files, ['a/file.txt']);
  assert.equal(summary.filesSkipped, 2);
});

test('a file removed while the scan runs, and a missing root, are listed as unreadable; nothing throws', async () => {
  const root = tree(Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`f${String(i).padStart(2, '0')}.txt`, 'x'])));
  let removed = false;
  const { summary } = await walked(
    { ...options(root), roots: [root, join(root, 'missing')] },
    {
      onText: () => {
        if (!removed) {
          removed = true;
          rmSync(join(root, 'f11.txt'));
        }
      },
    },
  );
  assert.deepEqual(
    summary.unreadable.map((entry) => [relative(root, entry.file), entry.reason]),
    [
      ['f11.txt', { kind: 'removed' }],
      ['missing', { kind: 'removed' }],
    ],
  );
  assert.equal(summary.filesScanned, 11);
  assert.equal(summary.filesSkipped, 2);
});

test('a file without read permission is listed as unreadable', { skip: process.getuid?.() === 0 ? 'root reads every file' : false }, async () => {
  const root = tree({ 'locked.txt': 'x', 'open.txt': 'x' });
  chmodSync(join(root, 'locked.txt'), 0o000);
  const { summary } = await walked(options(root));
  assert.deepEqual(summary.unreadable.map((entry) => [relative(root, entry.file), entry.reason]), [['locked.txt', { kind: 'permission-denied' }]]);
});

test('the unreadable list is bounded; the rest are counted', async () => {
  const root = tree({ 'x.txt': 'x' });
  const roots = Array.from({ length: maxUnreadableListed + 5 }, (_, i) => join(root, `missing-${i}`));
  const summary = await walkTextFiles({ ...options(root), roots }, { onText: () => undefined });
  assert.equal(summary.unreadable.length, maxUnreadableListed);
  assert.equal(summary.filesSkipped, maxUnreadableListed + 5);
});

test('an abort stops the walk: it resolves as cancelled with what was read', async () => {
  const root = tree(Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`d${i % 10}/f${i}.txt`, 'x'])));
  const controller = new AbortController();
  const { summary } = await walked(options(root), { signal: controller.signal, onText: () => controller.abort() });
  assert.equal(summary.cancelled, true);
  assert.ok(summary.filesScanned < 10, `${summary.filesScanned} files read after the abort`);
});

test('progress is reported after every file', async () => {
  const root = tree({ 'a.txt': 'aa', 'b.bin': Buffer.from([0]), 'c.txt': 'c' });
  const seen: number[] = [];
  await walked(options(root), { onProgress: (progress) => seen.push(progress.filesScanned + progress.filesSkipped) });
  assert.deepEqual(seen.sort(), [1, 2, 3]);
});
