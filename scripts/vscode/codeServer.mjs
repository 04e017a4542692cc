// Starts code-server on a free loopback port with everything it writes kept in one job folder,
// and stops its whole process group (its children outlive the parent otherwise).
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { codeServerBin, ensureCodeServer, nodeBin, testFolder } from './install.mjs';
import { removeFolder } from './removeFolder.mjs';

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitForHealth(url, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`code-server exited with code ${child.exitCode} before it was ready`);
    }
    try {
      if ((await fetch(`${url}/healthz`)).ok) {
        return;
      }
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`code-server did not answer ${url}/healthz within ${timeoutMs / 1000} s`);
}

/**
 * VS Code runs in a display language only when user-data/languagepacks.json names a pack for it. The
 * server writes that file when its own extension management installs a language pack; code-server's
 * `--install-extension` (a separate process) installs the pack but does not write it, so the pack
 * would be ignored. Written here as VS Code writes it (LanguagePacksCache in
 * vs/platform/languagePacks/node/languagePacks.ts): per language, the packs' ids and versions, an md5
 * of them, and where each translation file lives.
 */
function registerLanguagePacks(folders) {
  const packs = {};
  for (const folder of readdirSync(folders.extensions, { withFileTypes: true }).filter((entry) => entry.isDirectory())) {
    const location = join(folders.extensions, folder.name);
    const manifest = JSON.parse(readFileSync(join(location, 'package.json'), 'utf8'));
    for (const localization of manifest.contributes?.localizations ?? []) {
      const pack = (packs[localization.languageId] ??= { hash: '', extensions: [], translations: {}, label: localization.localizedLanguageName ?? localization.languageName });
      pack.extensions.push({ extensionIdentifier: { id: `${manifest.publisher}.${manifest.name}` }, version: manifest.version });
      for (const translation of localization.translations) {
        pack.translations[translation.id] = join(location, translation.path);
      }
    }
  }
  for (const pack of Object.values(packs)) {
    const hash = createHash('md5');
    pack.extensions.forEach((extension) => hash.update(extension.extensionIdentifier.id).update(extension.version));
    pack.hash = hash.digest('hex');
  }
  if (Object.keys(packs).length > 0) {
    writeFileSync(join(folders['user-data'], 'languagepacks.json'), JSON.stringify(packs));
  }
}

/**
 * @param {{ env?: Record<string,string>, smokeTestDriver?: boolean, trustWorkspaces?: boolean, port?: number, extensions?: string[], extensionFolders?: string[], settings?: object, locale?: string, gallery?: boolean }} options
 * `extensions`: .vsix files to install first. `extensionFolders`: unpacked extensions (a package.json
 * and what it names) copied into the extensions folder, which code-server registers on its first start. `smokeTestDriver` lets a page run extension tests
 * through the `payload` URL parameter, and hides notification toasts. `settings`: user settings. `locale`: VS Code's display language. `gallery`: the
 * Open VSX marketplace, which the demo offers and tests do not reach.
 */
export async function startCodeServer(options = {}) {
  await ensureCodeServer();
  mkdirSync(join(testFolder, 'jobs'), { recursive: true });
  const job = mkdtempSync(join(testFolder, 'jobs', 'code-server-'));
  const folders = Object.fromEntries(['tmp', 'config', 'data', 'cache', 'user-data', 'extensions'].map((name) => [name, join(job, name)]));
  Object.values(folders).forEach((folder) => mkdirSync(folder, { recursive: true }));
  if (options.settings) {
    mkdirSync(join(folders['user-data'], 'User'), { recursive: true });
    writeFileSync(join(folders['user-data'], 'User', 'settings.json'), JSON.stringify(options.settings, null, 2));
  }
  const env = {
    ...process.env,
    ...options.env,
    PATH: `${nodeBin}:${process.env.PATH}`,
    TMPDIR: folders.tmp,
    XDG_CONFIG_HOME: folders.config,
    XDG_DATA_HOME: folders.data,
    XDG_CACHE_HOME: folders.cache,
    // No marketplace unless asked for: the workbench would query open-vsx.org (recommendations, and
    // built-in extensions' translations in another display language), which a test must not reach.
    ...(options.gallery ? {} : { EXTENSIONS_GALLERY: '{}' }),
  };
  const common = ['--user-data-dir', folders['user-data'], '--extensions-dir', folders.extensions];
  for (const folder of options.extensionFolders ?? []) {
    const { publisher, name, version } = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8'));
    cpSync(folder, join(folders.extensions, `${publisher}.${name}-${version}`), { recursive: true });
  }
  for (const vsix of options.extensions ?? []) {
    execFileSync(join(nodeBin, 'node'), [codeServerBin, ...common, '--install-extension', vsix, '--force'], { env, stdio: 'pipe' });
  }
  registerLanguagePacks(folders);
  const port = options.port ?? (await freePort());
  const args = [codeServerBin, ...common, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry', '--disable-update-check'];
  if (options.trustWorkspaces) {
    args.push('--disable-workspace-trust');
  }
  if (options.locale) {
    args.push('--locale', options.locale);
  }
  if (options.smokeTestDriver) {
    args.push('--vscode-option', 'enable-smoke-test-driver');
  }
  // The log outlives the job's folders (a failed suite names it), which go when code-server has exited: each run's profile and caches weigh a few MB.
  const log = `${job}.log`;
  const output = openSync(log, 'a');
  const child = spawn(join(nodeBin, 'node'), args, { env, detached: true, stdio: ['ignore', output, output] });
  child.once('exit', () => removeFolder(job));
  const url = `http://127.0.0.1:${port}`;
  const stop = () => {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  };
  try {
    await waitForHealth(url, child, 60_000);
  } catch (error) {
    stop();
    throw new Error(`${error.message}; see ${log}`);
  }
  return { url, port, job, log, stop };
}
