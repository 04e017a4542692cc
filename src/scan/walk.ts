/**
 * Lists and reads the text files under the scan's roots, as `git status` and VS Code's search would
 * see them: `.gitignore` files at every level when asked (and, when also asked for the parents,
 * `.git/info/exclude` and the `.gitignore` files between the repository's top and a root inside it), VS Code glob excludes relative to
 * each root, and never `.git`. Symbolic links are not followed (a link inside the tree is counted
 * as skipped, so nothing loops and nothing outside the roots is read); a root itself may be a link.
 *
 * Files over the size cap, binary files (a NUL byte in their first 8 KiB, as git decides) and files
 * that cannot be read are skipped and counted; unreadable ones are listed (the first
 * `maxUnreadableListed`). Never throws for a file or folder; reads a few files at a time.
 *
 * Gitignore rules are applied by `ignore` (the matcher eslint and prettier use); a deeper
 * `.gitignore` overrides a shallower one and `!pattern` re-includes, as git does, but a folder that is
 * ignored is not entered, so nothing under it can be re-included (also as git does).
 */
import { lstat, readdir, readFile, stat } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import picomatch from 'picomatch';
import { maxUnreadableListed, type ScanOptions, type ScanProgress, type Unreadable, type UnreadableReason } from './types';

/** How many files are read at once: enough to overlap reading with scanning, few enough to bound memory. */
const readConcurrency = 4;
const binaryProbeBytes = 8 * 1024;

export interface WalkHooks {
  readonly signal?: AbortSignal;
  /** Each text file read (decoded as UTF-8, a BOM dropped as editors do), in no particular order. */
  onText(file: string, text: string): void;
  /** After each file, scanned or skipped. */
  onProgress?(progress: ScanProgress): void;
  /** Each file listed in the summary's `unreadable`, as it is found. */
  onUnreadable?(unreadable: Unreadable): void;
}

export interface WalkSummary extends ScanProgress {
  readonly unreadable: readonly Unreadable[];
  readonly cancelled: boolean;
}

/** The rules of one `.gitignore` (or `.git/info/exclude`), relative to `dir`. */
interface IgnoreLevel {
  readonly dir: string;
  readonly rules: Ignore;
}

const utf8 = new TextDecoder('utf-8');

function reasonOf(error: unknown): UnreadableReason {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return { kind: 'permission-denied' };
    case 'ENOENT':
      return { kind: 'removed' };
    default:
      return code ? { kind: 'other', code } : { kind: 'other' };
  }
}

const slashed = (path: string) => (sep === '/' ? path : path.split(sep).join('/'));

/** Whether `path` is ignored: the deepest level that has a say decides, as git's precedence goes. */
function isIgnored(levels: readonly IgnoreLevel[], path: string, isDirectory: boolean): boolean {
  let ignored = false;
  for (const level of levels) {
    const result = level.rules.test(slashed(relative(level.dir, path)) + (isDirectory ? '/' : ''));
    if (result.ignored) {
      ignored = true;
    } else if (result.unignored) {
      ignored = false;
    }
  }
  return ignored;
}

class Walk {
  private filesScanned = 0;
  private bytesScanned = 0;
  private filesSkipped = 0;
  private readonly unreadable: Unreadable[] = [];
  private readonly reading = new Set<Promise<void>>();
  private readonly excluded: (path: string) => boolean;

  constructor(
    private readonly options: ScanOptions,
    private readonly hooks: WalkHooks,
  ) {
    // `dot`: VS Code's globs match names that start with a dot (`**/.env`) like any other.
    this.excluded = options.excludeGlobs.length > 0 ? picomatch([...options.excludeGlobs], { dot: true }) : () => false;
  }

  private get aborted(): boolean {
    return this.hooks.signal?.aborted === true;
  }

  private progress(): ScanProgress {
    return { filesScanned: this.filesScanned, bytesScanned: this.bytesScanned, filesSkipped: this.filesSkipped };
  }

  private skip(unreadable?: Unreadable): void {
    this.filesSkipped++;
    if (unreadable) {
      if (this.unreadable.length < maxUnreadableListed) {
        this.unreadable.push(unreadable);
        this.hooks.onUnreadable?.(unreadable);
      }
    }
  }

  async run(): Promise<WalkSummary> {
    for (const root of this.options.roots) {
      if (this.aborted) {
        break;
      }
      await this.walkRoot(root);
    }
    await Promise.all(this.reading);
    return { ...this.progress(), unreadable: this.unreadable, cancelled: this.aborted };
  }

  private async walkRoot(root: string): Promise<void> {
    let info;
    try {
      info = await stat(root);
    } catch (error) {
      this.skip({ file: root, reason: reasonOf(error) });
      return;
    }
    if (info.isDirectory()) {
      await this.walkFolder(root, this.options.useGitignore && this.options.useParentGitignore ? await this.levelsAbove(root) : []);
    } else {
      await this.schedule(root);
    }
  }

  /** The exclude file and the `.gitignore` files from the repository's top down to `root`'s parent. */
  private async levelsAbove(root: string): Promise<IgnoreLevel[]> {
    const chain: string[] = [];
    for (let dir = root; ; dir = dirname(dir)) {
      chain.unshift(dir);
      if (await this.exists(join(dir, '.git'))) {
        break;
      }
      if (dirname(dir) === dir) {
        // Not in a repository: only the .gitignore files under the root apply.
        return [];
      }
    }
    const levels = await this.levelOf(chain[0], join(chain[0], '.git', 'info', 'exclude'));
    for (const dir of chain.slice(0, -1)) {
      levels.push(...(await this.levelOf(dir, join(dir, '.gitignore'))));
    }
    return levels;
  }

  private async exists(path: string): Promise<boolean> {
    try {
      await lstat(path);
      return true;
    } catch {
      return false;
    }
  }

  /** The rules in `file` for `dir`, or none when there is no such file; an unreadable one is listed. */
  private async levelOf(dir: string, file: string): Promise<IgnoreLevel[]> {
    let text;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' && (error as NodeJS.ErrnoException).code !== 'ENOTDIR') {
        this.skip({ file, reason: reasonOf(error) });
      }
      return [];
    }
    return [{ dir, rules: ignore().add(text) }];
  }

  private async walkFolder(root: string, levelsAbove: readonly IgnoreLevel[]): Promise<void> {
    const folders: { dir: string; levels: readonly IgnoreLevel[] }[] = [{ dir: root, levels: levelsAbove }];
    while (folders.length > 0 && !this.aborted) {
      const { dir, levels: parentLevels } = folders.pop()!;
      let entries;
      try {
        entries = await readdir(dir, { withFileTypes: true });
      } catch (error) {
        this.skip({ file: dir, reason: reasonOf(error) });
        continue;
      }
      const levels = this.options.useGitignore && entries.some((entry) => entry.name === '.gitignore' && entry.isFile()) ? [...parentLevels, ...(await this.levelOf(dir, join(dir, '.gitignore')))] : parentLevels;
      const subfolders: string[] = [];
      for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
        if (this.aborted) {
          return;
        }
        const path = join(dir, entry.name);
        const isDirectory = entry.isDirectory();
        if ((isDirectory && entry.name === '.git') || this.excluded(slashed(relative(root, path))) || (this.options.useGitignore && isIgnored(levels, path, isDirectory))) {
          continue;
        }
        if (isDirectory) {
          subfolders.push(path);
        } else if (entry.isFile()) {
          await this.schedule(path);
        } else if (entry.isSymbolicLink()) {
          this.skip();
          this.hooks.onProgress?.(this.progress());
        }
      }
      // Reversed onto the stack, so folders are walked in name order.
      folders.push(...subfolders.reverse().map((sub) => ({ dir: sub, levels })));
    }
  }

  /** Starts reading `file` once fewer than `readConcurrency` files are being read. */
  private async schedule(file: string): Promise<void> {
    while (this.reading.size >= readConcurrency) {
      await Promise.race(this.reading);
    }
    const task: Promise<void> = this.read(file).finally(() => this.reading.delete(task));
    this.reading.add(task);
  }

  private async read(file: string): Promise<void> {
    try {
      const info = await lstat(file);
      if (info.size > this.options.maxFileBytes) {
        this.skip();
        return;
      }
      const bytes = await readFile(file);
      // Checked again: the file may have grown since it was listed.
      if (bytes.length > this.options.maxFileBytes || bytes.subarray(0, binaryProbeBytes).includes(0)) {
        this.skip();
        return;
      }
      if (this.aborted) {
        return;
      }
      this.filesScanned++;
      this.bytesScanned += bytes.length;
      this.hooks.onText(file, utf8.decode(bytes));
    } catch (error) {
      this.skip({ file, reason: reasonOf(error) });
    } finally {
      this.hooks.onProgress?.(this.progress());
    }
  }
}

/** Walks `options.roots` and hands each text file to `hooks.onText`. Resolves (never rejects) with the counts. */
export function walkTextFiles(options: ScanOptions, hooks: WalkHooks): Promise<WalkSummary> {
  return new Walk(options, hooks).run();
}

