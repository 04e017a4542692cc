/**
 * Writes that never leave a half-written file behind: the content goes to a temporary file in
 * the same folder, which is then renamed over the target (a rename within a file system is atomic).
 */
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { open, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import * as l10n from '../text/l10n';

/** Owner read and write only: for files that hold a credential. */
export const privateFileMode = 0o600;

/** Thrown when the target exists and the caller did not allow replacing it. */
export class FileExistsError extends Error {
  constructor(readonly path: string) {
    super(l10n.t('{0} already exists.', path));
  }
}

async function writeTemporary(path: string, content: string, mode: number): Promise<string> {
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  // O_EXCL: never write through a file (or a link) someone else put at the temporary name.
  const handle = await open(temporary, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, mode);
  try {
    await handle.writeFile(content, 'utf8');
    await handle.chmod(mode);
    await handle.sync();
  } finally {
    await handle.close();
  }
  return temporary;
}

async function modeOf(path: string): Promise<number | undefined> {
  try {
    return (await stat(path)).mode & 0o7777;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return undefined;
    }
    throw error;
  }
}

/** Replaces `path` with `content` atomically. An existing file keeps its mode unless `mode` is given; a new one gets `mode` or 0600. */
export async function writeFileAtomically(path: string, content: string, mode?: number): Promise<void> {
  const finalMode = mode ?? (await modeOf(path)) ?? privateFileMode;
  const temporary = await writeTemporary(path, content, finalMode);
  try {
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/** Creates `path` with mode 0600, only if nothing is there yet (checked by the file system, not before it). */
export async function createPrivateFile(path: string, content: string): Promise<void> {
  let handle;
  try {
    handle = await open(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, privateFileMode);
  } catch (error) {
    throw (error as NodeJS.ErrnoException).code === 'EEXIST' ? new FileExistsError(path) : error;
  }
  try {
    await handle.writeFile(content, 'utf8');
    await handle.chmod(privateFileMode);
  } finally {
    await handle.close();
  }
}
