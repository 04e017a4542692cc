import * as vscode from 'vscode';
import { combinedSummary, emptySummary, progressMessage } from '../../scan/combinedSummary';
import { scanExcludes } from '../../scan/excludes';
import { scanWorkspace } from '../../scan/scanWorkspace';
import type { ScanOptions, ScanSummary } from '../../scan/types';
import { visibleText } from '../../text/visibleText';
import { withCancellableProgress } from '../common/progress';
import { Settings } from '../common/settings';
import { tokensInWorkspaceViewId, type TokensInWorkspaceTree } from './tokensInWorkspaceTree';

/** Progress is reported to the notification at most this often: the worker reports far more often. */
const progressIntervalMs = 250;

interface FolderScan {
  readonly options: ScanOptions;
  readonly conditionalExcludes: readonly string[];
}

/** One folder's scan options from its own settings: `files.exclude` and `search.exclude` are per folder. */
function folderScan(folder: vscode.WorkspaceFolder, maxFileBytes: number): FolderScan {
  const search = vscode.workspace.getConfiguration('search', folder.uri);
  const excludes = scanExcludes(vscode.workspace.getConfiguration('files', folder.uri).get('exclude'), search.get('exclude'));
  return {
    options: {
      roots: [folder.uri.fsPath],
      excludeGlobs: excludes.globs,
      maxFileBytes,
      useGitignore: search.get<boolean>('useIgnoreFiles', true) === true,
      useParentGitignore: search.get<boolean>('useParentIgnoreFiles', false) === true,
    },
    conditionalExcludes: excludes.conditional,
  };
}

/**
 * "Find ServiceAccount Tokens in Workspace": reads every workspace folder on disk in a worker
 * thread (the editor stays responsive), behind a notification with counts and Cancel, and shows
 * what it found in the Tokens in Workspace view. Nothing is sent anywhere.
 */
export class ScanWorkspaceCommand {
  /** The scan running, if any: a new one stops it. */
  private running: AbortController | undefined;

  constructor(
    private readonly tree: TokensInWorkspaceTree,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  /** The command: with a progress notification whose Cancel stops the scan. */
  async run(): Promise<ScanSummary | undefined> {
    const summary = await withCancellableProgress(vscode.l10n.t('Finding ServiceAccount tokens in the workspace'), (signal, report) => this.scan(signal, report));
    if (summary) {
      await vscode.commands.executeCommand(`${tokensInWorkspaceViewId}.focus`);
    }
    return summary;
  }

  /** Scans each workspace folder on disk in turn and shows the result; `signal` stops it (what was found so far is shown). */
  async scan(signal?: AbortSignal, report: (message: string) => void = () => {}): Promise<ScanSummary | undefined> {
    const folders = this.foldersOnDisk();
    this.running?.abort();
    const running = new AbortController();
    this.running = running;
    signal?.addEventListener('abort', () => running.abort(), { once: true });
    const maxFileBytes = Settings.scanMaxFileBytes();
    let done = emptySummary;
    let reportedAt = 0;
    const conditionalExcludes = new Set<string>();
    for (const folder of folders) {
      const { options, conditionalExcludes: notApplied } = folderScan(folder, maxFileBytes);
      notApplied.forEach((glob) => conditionalExcludes.add(glob));
      const before = done;
      const summary = await scanWorkspace(options, {
        signal: running.signal,
        onProgress: (progress) => {
          if (Date.now() - reportedAt >= progressIntervalMs) {
            reportedAt = Date.now();
            report(progressMessage(before, progress));
          }
        },
      });
      done = combinedSummary(done, summary);
      if (summary.cancelled) {
        break;
      }
    }
    if (running !== this.running) {
      // A newer scan took over; its result is the one to show.
      return undefined;
    }
    this.running = undefined;
    this.log.info(`Workspace scan: ${done.findings.length} ServiceAccount tokens, ${done.otherJwts} other JWTs, ${done.filesScanned} files scanned, ${done.filesSkipped} skipped in ${done.durationMs} ms${done.cancelled ? ' (cancelled)' : ''}`);
    this.tree.show(done, [...conditionalExcludes]);
    return done;
  }

  /** The workspace's folders on disk; the others (virtual or remote file systems) are named, not read. */
  private foldersOnDisk(): vscode.WorkspaceFolder[] {
    const folders = vscode.workspace.workspaceFolders ?? [];
    if (folders.length === 0) {
      throw new Error(vscode.l10n.t('Open a folder first: Find ServiceAccount Tokens in Workspace reads the folders of the workspace.'));
    }
    const onDisk = folders.filter((folder) => folder.uri.scheme === 'file');
    const elsewhere = folders.filter((folder) => folder.uri.scheme !== 'file').map((folder) => `${visibleText(folder.name, 120)} (${visibleText(folder.uri.scheme, 40)})`);
    if (onDisk.length === 0) {
      throw new Error(vscode.l10n.t('Only folders on disk are scanned, and this workspace has none: {0}. Clone or copy the folder to disk to scan it.', elsewhere.join(', ')));
    }
    if (elsewhere.length > 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Only folders on disk are scanned; not scanned: {0}.', elsewhere.join(', ')));
    }
    return onDisk;
  }
}
