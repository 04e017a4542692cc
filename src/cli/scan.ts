/**
 * `npm run -s scan -- PATH… [--json] [--max-file-bytes N] [--no-gitignore] [--exclude GLOB]…`:
 * the workspace scan for CI and pre-commit hooks. Prints one line per Kubernetes ServiceAccount
 * token (never the token), or with --json the ScanSummary. Exits 1 when a live-looking token is
 * found (not expired, or legacy, which never expires), 0 when none, 2 on a usage error, 3 when the
 * scan itself failed.
 * (`-s` keeps npm's own banner off stdout, so --json output can be piped.)
 */
import { statSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { absoluteTime, expiryPhrase } from '../jwt/time';
import { scanWorkspace } from '../scan/scanWorkspace';
import type { ScanSummary, TokenFinding } from '../scan/types';
import { unreadableReason } from '../scan/unreadableReason';
import { escapedText } from '../text/visibleText';

const usage = 'usage: npm run -s scan -- PATH [PATH…] [--json] [--max-file-bytes N] [--no-gitignore] [--exclude GLOB]…';
const defaultMaxFileBytes = 10 * 1024 * 1024;
/** Longest text taken from a file name or a token's claims into one printed field. */
const fieldLimit = 200;

class UsageError extends Error {}

interface Arguments {
  readonly paths: string[];
  readonly json: boolean;
  readonly maxFileBytes: number;
  readonly useGitignore: boolean;
  readonly excludeGlobs: string[];
}

function parse(argv: string[]): Arguments {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        json: { type: 'boolean', default: false },
        'max-file-bytes': { type: 'string' },
        'no-gitignore': { type: 'boolean', default: false },
        exclude: { type: 'string', multiple: true, default: [] },
      },
    });
  } catch (error) {
    // parseArgs names the offending argument in its message, which is all a person needs.
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (positionals.length === 0) {
    throw new UsageError('no path to scan given');
  }
  const maxText = values['max-file-bytes'];
  const maxFileBytes = maxText === undefined ? defaultMaxFileBytes : Number(maxText);
  if (!/^\d+$/.test(maxText ?? '0') || !Number.isSafeInteger(maxFileBytes) || maxFileBytes <= 0) {
    throw new UsageError('--max-file-bytes takes a positive whole number of bytes');
  }
  const paths = positionals.map((path) => resolve(path));
  for (const [i, path] of paths.entries()) {
    try {
      statSync(path);
    } catch {
      throw new UsageError(`no such file or folder: ${positionals[i]}`);
    }
  }
  return { paths, json: values.json, maxFileBytes, useGitignore: !values['no-gitignore'], excludeGlobs: values.exclude };
}

const shown = (text: string) => escapedText(text, fieldLimit);

/** Live-looking: a legacy token never expires; a bound one until its `exp`. */
function isLive(finding: TokenFinding, nowSeconds: number): boolean {
  return finding.expiresAt === undefined || finding.expiresAt > nowSeconds;
}

function place(file: string): string {
  const fromHere = relative(process.cwd(), file);
  return fromHere.startsWith('..') || fromHere === '' ? file : fromHere;
}

function findingLine(finding: TokenFinding, nowSeconds: number): string {
  const parts = [
    `${shown(place(finding.file))}:${finding.line + 1}:${finding.character + 1}`,
    `${finding.kind} ServiceAccount token ${shown(finding.namespace)}/${shown(finding.serviceAccount)}`,
    finding.boundObject ? `bound to ${finding.boundObject.kind} ${shown(finding.boundObject.name)}` : 'bound to no object',
    finding.expiresAt === undefined ? 'never expires' : `${finding.expiresAt > nowSeconds ? 'expires' : 'expired'} ${absoluteTime(finding.expiresAt) ?? finding.expiresAt} (${expiryPhrase(finding.expiresAt, nowSeconds)})`,
    finding.audiences.length > 0 ? `audiences ${finding.audiences.map(shown).join(', ')}` : 'no audience',
    `fingerprint ${finding.fingerprint}`,
  ];
  return parts.join('  ');
}

function summaryLine(summary: ScanSummary, live: number): string {
  const megabytes = (summary.bytesScanned / (1024 * 1024)).toFixed(1);
  return [
    `${summary.findings.length} ServiceAccount token${summary.findings.length === 1 ? '' : 's'} (${live} live)`,
    `${summary.filesScanned} files scanned (${megabytes} MiB)`,
    `${summary.otherJwts} other JWT${summary.otherJwts === 1 ? '' : 's'} not flagged`,
    `${summary.filesSkipped} skipped (too large, binary, unreadable or a symbolic link)`,
    `${(summary.durationMs / 1000).toFixed(1)} s`,
  ].join('; ');
}

async function main(argv: string[]): Promise<number> {
  let args;
  try {
    args = parse(argv);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`scan: ${shown(error.message)}\n${usage}\n`);
      return 2;
    }
    throw error;
  }
  const summary = await scanWorkspace({ roots: args.paths, excludeGlobs: args.excludeGlobs, maxFileBytes: args.maxFileBytes, useGitignore: args.useGitignore, useParentGitignore: args.useGitignore });
  const nowSeconds = Date.now() / 1000;
  const live = summary.findings.filter((finding) => isLive(finding, nowSeconds)).length;
  if (args.json) {
    // Each reason in words, as before the walk reported kinds: what scripts reading this JSON expect.
    const unreadable = summary.unreadable.map((entry) => ({ file: entry.file, reason: unreadableReason(entry.reason) }));
    process.stdout.write(`${JSON.stringify({ ...summary, unreadable }, null, 2)}\n`);
  } else {
    for (const finding of summary.findings) {
      process.stdout.write(`${findingLine(finding, nowSeconds)}\n`);
    }
    for (const entry of summary.unreadable) {
      process.stderr.write(`scan: skipped ${shown(place(entry.file))}: ${unreadableReason(entry.reason)}\n`);
    }
    process.stdout.write(`${summaryLine(summary, live)}\n`);
  }
  return live > 0 ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`scan: ${shown(error instanceof Error ? error.message : String(error))}\n`);
    process.exitCode = 3;
  },
);
