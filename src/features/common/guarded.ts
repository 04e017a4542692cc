import type * as vscode from 'vscode';

/**
 * Runs one unit of editor work (a provider call, one document's check) so that nothing a file
 * holds can throw out of it: a failure is logged with its cause and answers `fallback`, and the
 * next document or token is not affected.
 */
export function guarded<T>(log: vscode.LogOutputChannel, what: string, work: () => T, fallback: T): T {
  try {
    return work();
  } catch (error) {
    log.error(`${what} failed:`, error);
    return fallback;
  }
}
