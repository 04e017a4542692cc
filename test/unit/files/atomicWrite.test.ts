import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { createPrivateFile, FileExistsError, writeFileAtomically } from '../../../src/files/atomicWrite';

const folder = mkdtempSync(join(tmpdir(), 'atomic-write-test-'));
after(() => rmSync(folder, { recursive: true, force: true }));

test('a private file is created with mode 0600 whatever the umask', async () => {
  const path = join(folder, 'sa.kubeconfig');
  const umask = process.umask(0);
  try {
    await createPrivateFile(path, 'token: x\n');
  } finally {
    process.umask(umask);
  }
  assert.equal(statSync(path).mode & 0o777, 0o600);
  assert.equal(readFileSync(path, 'utf8'), 'token: x\n');
});

test('an existing file, or a link planted at the name, is never overwritten by a create', async () => {
  const existing = join(folder, 'existing.yaml');
  writeFileSync(existing, 'mine\n');
  await assert.rejects(createPrivateFile(existing, 'token: x\n'), (error: unknown) => error instanceof FileExistsError && error.path === existing);
  assert.equal(readFileSync(existing, 'utf8'), 'mine\n');
  const victim = join(folder, 'victim');
  writeFileSync(victim, 'victim\n');
  const link = join(folder, 'planted-link');
  symlinkSync(victim, link);
  await assert.rejects(createPrivateFile(link, 'token: x\n'), FileExistsError);
  assert.equal(readFileSync(victim, 'utf8'), 'victim\n');
});

test('an atomic replace keeps the mode of the file it replaces and leaves no temporary file', async () => {
  const path = join(folder, 'config');
  writeFileSync(path, 'old\n');
  chmodSync(path, 0o640);
  await writeFileAtomically(path, 'new\n');
  assert.equal(readFileSync(path, 'utf8'), 'new\n');
  assert.equal(statSync(path).mode & 0o777, 0o640);
  await writeFileAtomically(join(folder, 'fresh'), 'x\n');
  assert.equal(statSync(join(folder, 'fresh')).mode & 0o777, 0o600);
  await writeFileAtomically(path, 'private\n', 0o600);
  assert.equal(statSync(path).mode & 0o777, 0o600);
  assert.deepEqual(readdirSync(folder).filter((name) => name.endsWith('.tmp')), []);
});

test('a failed replace leaves what was there untouched and no temporary file', async () => {
  // A directory cannot be replaced by a file: the rename fails after the temporary file was written.
  const directory = join(folder, 'a-directory');
  mkdirSync(directory);
  await assert.rejects(writeFileAtomically(directory, 'x\n'));
  assert.ok(statSync(directory).isDirectory());
  assert.deepEqual(readdirSync(folder).filter((name) => name.endsWith('.tmp')), []);
});
