import * as vscode from 'vscode';
import { visibleText } from '../../text/visibleText';
import { maxMessageLength } from './registerCommand';

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
