import * as vscode from 'vscode';
import { visibleText } from './text/visibleText';

/** Messages quote servers, files and tokens: at most this long, and never able to add a link or an icon. */
const maxMessageLength = 1000;

/**
 * Registers a command whose failures reach the person as one message with a next step,
 * instead of an unhandled rejection in the extension host log. Each message shown is also
 * fired on `reported`, for extensions that build on this one and for tests.
 */
export function registerCommand<Args extends unknown[]>(id: string, handler: (...args: Args) => unknown, log: vscode.LogOutputChannel, reported?: vscode.EventEmitter<string>): vscode.Disposable {
  return vscode.commands.registerCommand(id, async (...args: Args) => {
    try {
      return await handler(...args);
    } catch (error) {
      const message = visibleText(error instanceof Error ? error.message : String(error), maxMessageLength);
      if (message !== 'Cancelled.') {
        log.warn(`${id}: ${message}`);
        reported?.fire(message);
        void vscode.window.showErrorMessage(message);
      }
      return undefined;
    }
  });
}

/**
 * A result as a modal message with details; where a modal cannot be shown (automated test
 * workbenches refuse dialogs), the same text as a notification instead.
 */
export async function showResult(kind: 'info' | 'warning', headline: string, details: readonly string[]): Promise<void> {
  const show = kind === 'info' ? vscode.window.showInformationMessage : vscode.window.showWarningMessage;
  const [shownHeadline, ...shownDetails] = [headline, ...details].map((line) => visibleText(line, maxMessageLength));
  try {
    await show(shownHeadline, { modal: true, detail: shownDetails.join('\n') });
  } catch {
    void show([shownHeadline, ...shownDetails].join(' '));
  }
}

/**
 * Runs one unit of editor work (a provider call, one document's check) so that nothing a file
 * holds can throw out of it: a failure is logged with its cause and answers `fallback`, and the
 * next document or token is not affected.
 */
export function guarded<T>(log: vscode.LogOutputChannel, what: string, work: () => T, fallback: T): T {
  try {
    return work();
  } catch (error) {
    log.error(`${what} failed:`, error instanceof Error ? error : String(error));
    return fallback;
  }
}
