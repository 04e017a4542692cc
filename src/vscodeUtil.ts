import * as vscode from 'vscode';

/**
 * Registers a command whose failures reach the person as one message with a next step,
 * instead of an unhandled rejection in the extension host log.
 */
export function registerCommand<Args extends unknown[]>(id: string, handler: (...args: Args) => unknown): vscode.Disposable {
  return vscode.commands.registerCommand(id, async (...args: Args) => {
    try {
      return await handler(...args);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (message !== 'Cancelled.') {
        void vscode.window.showErrorMessage(message);
      }
      return undefined;
    }
  });
}
