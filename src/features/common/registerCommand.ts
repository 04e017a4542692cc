import * as vscode from 'vscode';
import { isCancellation, messageOf } from '../../errors';
import type { CommandId } from '../../commandIds';
import { visibleText } from '../../text/visibleText';

/** Messages quote servers, files and tokens: at most this long, and never able to add a link or an icon. */
export const maxMessageLength = 1000;

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
      if (!isCancellation(error)) {
        const message = visibleText(messageOf(error), maxMessageLength);
        log.warn(`${id}: ${message}`);
        reported?.fire(message);
        void vscode.window.showErrorMessage(message);
      }
      return undefined;
    }
  });
}

/** Registers one command with the extension's error reporting; each feature registers its own with it. */
export type CommandRegistrar = <Args extends unknown[]>(id: CommandId, handler: (...args: Args) => unknown) => vscode.Disposable;

export function commandRegistrar(log: vscode.LogOutputChannel, reported: vscode.EventEmitter<string>): CommandRegistrar {
  return (id, handler) => registerCommand(id, handler, log, reported);
}
