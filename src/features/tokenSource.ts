import * as vscode from 'vscode';
import { decodeJwt } from '../jwt/decode';
import { scanTokens, tokenAt } from '../jwt/scan';

/** Where a hover found a token. Hover links carry this, never the token itself. */
export interface TokenLocation {
  readonly uri: string;
  readonly line: number;
  readonly character: number;
}

/** Clipboards larger than this are not scanned: a token is never that long. */
const maxClipboardScan = 1024 * 1024;

function isLocation(value: unknown): value is TokenLocation {
  const candidate = value as TokenLocation | undefined;
  return typeof candidate?.uri === 'string' && typeof candidate.line === 'number' && typeof candidate.character === 'number';
}

/** The token under a position; only that line is read, so the cost does not grow with the file. */
export function tokenAtPosition(document: vscode.TextDocument, position: vscode.Position): { token: string; range: vscode.Range } | undefined {
  if (position.line >= document.lineCount) {
    return undefined;
  }
  const found = tokenAt(document.lineAt(position.line).text, position.character);
  return found && { token: found.text, range: new vscode.Range(position.line, found.start, position.line, found.end) };
}

async function tokenAtLocation(location: TokenLocation): Promise<string | undefined> {
  const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(location.uri));
  return tokenAtPosition(document, new vscode.Position(location.line, location.character))?.token;
}

/** The selection, else the token under the cursor, else the first token on the clipboard. */
async function tokenNearby(): Promise<string | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (editor) {
    const selected = editor.document.getText(editor.selection).trim();
    if (selected && decodeJwt(selected).form !== 'malformed') {
      return selected;
    }
    const underCursor = tokenAtPosition(editor.document, editor.selection.active);
    if (underCursor) {
      return underCursor.token;
    }
  }
  const clipboard = await vscode.env.clipboard.readText();
  return clipboard.length <= maxClipboardScan ? scanTokens(clipboard)[0]?.text : undefined;
}

/**
 * The token a command acts on: the one it was given (a string, or a hover's location), else the
 * selection, cursor or clipboard, else one the person types (masked as they type).
 */
export async function chooseToken(given: unknown, title: string, prompt: string): Promise<string | undefined> {
  if (typeof given === 'string' && given.trim()) {
    return given.trim();
  }
  if (isLocation(given)) {
    const token = await tokenAtLocation(given);
    if (!token) {
      throw new Error('The token is no longer there: the document changed. Hover over it again.');
    }
    return token;
  }
  const nearby = await tokenNearby();
  if (nearby) {
    return nearby;
  }
  const typed = await vscode.window.showInputBox({
    title,
    prompt,
    password: true,
    ignoreFocusOut: true,
    validateInput: (value) => {
      const decoded = decodeJwt(value);
      return decoded.form === 'malformed' ? `Not a JWT: ${decoded.reason}.` : undefined;
    },
  });
  return typed?.trim() || undefined;
}
