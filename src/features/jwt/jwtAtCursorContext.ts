import * as vscode from 'vscode';
import { tokenInEditor } from './tokenSource';

/** Read by the editor context menu: Decode, Verify and Review show only where there is a token to act on. */
export const jwtAtCursorContextKey = 'kubeSaTokens.jwtAtCursor';

/** Keeps the context key true while the selection is a JWT or the cursor is on one (one line read per move). */
export class JwtAtCursorContext implements vscode.Disposable {
  private current: boolean | undefined;
  private readonly subscriptions = [
    vscode.window.onDidChangeTextEditorSelection((event) => this.update(event.textEditor)),
    vscode.window.onDidChangeActiveTextEditor((editor) => this.update(editor)),
  ];

  constructor() {
    this.update(vscode.window.activeTextEditor);
  }

  private update(editor: vscode.TextEditor | undefined): void {
    const atCursor = editor !== undefined && tokenInEditor(editor) !== undefined;
    if (atCursor !== this.current) {
      this.current = atCursor;
      void vscode.commands.executeCommand('setContext', jwtAtCursorContextKey, atCursor);
    }
  }

  dispose(): void {
    vscode.Disposable.from(...this.subscriptions).dispose();
  }
}
