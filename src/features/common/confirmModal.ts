import * as vscode from 'vscode';
import { messageOf } from '../../errors';

/**
 * Asks in a modal before something is sent; resolves with the button chosen. A workbench that
 * refuses dialogs (automated tests) cannot ask, and then nothing is sent: that is an error the
 * person sees, naming what was not sent.
 */
export async function askInModal<Choice extends string>(what: string, message: string, detail: string, ...choices: Choice[]): Promise<Choice | undefined> {
  try {
    return await vscode.window.showWarningMessage(message, { modal: true, detail }, ...choices);
  } catch (error) {
    throw new Error(vscode.l10n.t('Not sent: {0}, and the confirmation could not be shown ({1}).', what, messageOf(error)));
  }
}
