import * as vscode from 'vscode';

/**
 * Registers a command whose failures reach the person as one message with a next step,
 * instead of an unhandled rejection in the extension host log. Each message shown is also
 * fired on `reported`, for extensions that build on this one and for tests.
 */
export function registerCommand<Args extends unknown[]>(id: string, handler: (...args: Args) => unknown, reported?: vscode.EventEmitter<string>): vscode.Disposable {
  return vscode.commands.registerCommand(id, async (...args: Args) => {
    try {
      return await handler(...args);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (message !== 'Cancelled.') {
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
  try {
    await show(headline, { modal: true, detail: details.join('\n') });
  } catch {
    void show([headline, ...details].join(' '));
  }
}
