import * as vscode from 'vscode';
import { decodeJwt } from '../../jwt/decode';
import { maxTokenLength, scanTokens, tokenAt } from '../../jwt/scan';

/** Where a hover found a token. Hover links carry this, never the token itself. */
export interface TokenLocation {
  readonly uri: string;
  readonly line: number;
  readonly character: number;
}

/**
 * What the token commands (Decode, Verify, Review, Copy claims) act on. A command link in Markdown
 * can carry only a location in a document that is open; the editor case covers the palette, the
 * editor context menu (which passes the document's URI) and keybindings.
 */
export type TokenTarget = { readonly kind: 'editor' } | { readonly kind: 'location'; readonly location: TokenLocation };

/** A token handed over in code (the extension's API, an issued token, a manifest): never from a command link. */
export type GivenToken = { readonly kind: 'given'; readonly token: string };

/** Where the token a command acts on came from: only a document's tokens need the workspace's trust to be sent. */
export type TokenOrigin = { readonly kind: 'document'; readonly uri: vscode.Uri } | { readonly kind: 'clipboard' } | { readonly kind: 'typed' } | { readonly kind: 'given' };

export interface ChosenToken {
  readonly token: string;
  readonly origin: TokenOrigin;
}

/** Clipboards larger than this are not scanned: a token is never that long. */
const maxClipboardScan = 1024 * 1024;
const maxUriLength = 4096;

/** A refused command argument: says so instead of guessing what was meant. */
export class CommandArgumentError extends Error {}

function isTokenLocation(value: unknown): value is TokenLocation {
  if (typeof value !== 'object' || value === null || Object.getPrototypeOf(value) !== Object.prototype) {
    return false;
  }
  const keys = Object.keys(value).sort();
  const { uri, line, character } = value as Record<string, unknown>;
  return (
    keys.join() === 'character,line,uri' &&
    typeof uri === 'string' &&
    uri.length <= maxUriLength &&
    Number.isSafeInteger(line) &&
    (line as number) >= 0 &&
    Number.isSafeInteger(character) &&
    (character as number) >= 0
  );
}

/**
 * Checks what a token command was called with. Anything but nothing, the editor's own URI, or one
 * location in an open document is refused: no link can make a command act on a chosen token, URL or key.
 */
export function tokenTargetOf(args: readonly unknown[]): TokenTarget {
  const [first, ...rest] = args;
  if (first === undefined && rest.length === 0) {
    return { kind: 'editor' };
  }
  if (first instanceof vscode.Uri && rest.every((extra) => extra === undefined || (typeof extra === 'object' && extra !== null && !Array.isArray(extra)))) {
    return { kind: 'editor' };
  }
  if (rest.length === 0 && isTokenLocation(first)) {
    const open = vscode.workspace.textDocuments.some((document) => document.uri.toString() === first.uri);
    if (!open) {
      throw new CommandArgumentError(vscode.l10n.t('That token is in a document that is no longer open. Open it and hover over the token again.'));
    }
    return { kind: 'location', location: first };
  }
  throw new CommandArgumentError(vscode.l10n.t('This command takes the token from the editor or from a hover over a token; it was called with something else and did nothing.'));
}

/** The token under a position; only that line is read, so the cost does not grow with the file. */
export function tokenAtPosition(document: vscode.TextDocument, position: vscode.Position): { token: string; range: vscode.Range } | undefined {
  if (position.line >= document.lineCount) {
    return undefined;
  }
  const found = tokenAt(document.lineAt(position.line).text, position.character);
  return found && { token: found.text, range: new vscode.Range(position.line, found.start, position.line, found.end) };
}

function tokenAtLocation(location: TokenLocation): ChosenToken {
  const document = vscode.workspace.textDocuments.find((candidate) => candidate.uri.toString() === location.uri);
  const token = document && tokenAtPosition(document, new vscode.Position(location.line, location.character))?.token;
  if (!document || !token) {
    throw new CommandArgumentError(vscode.l10n.t('The token is no longer there: the document changed. Hover over it again.'));
  }
  return { token, origin: { kind: 'document', uri: document.uri } };
}

/** The selection if it is a token, else the token under the cursor. */
export function tokenInEditor(editor: vscode.TextEditor): ChosenToken | undefined {
  const origin: TokenOrigin = { kind: 'document', uri: editor.document.uri };
  const { document, selection } = editor;
  // Runs on every cursor move (the context menu's key): a selection longer than any token is not even read.
  const selectedLength = document.offsetAt(selection.end) - document.offsetAt(selection.start);
  const selected = selectedLength > 0 && selectedLength <= maxTokenLength + 2 ? document.getText(selection).trim() : '';
  if (selected && decodeJwt(selected).form !== 'malformed') {
    return { token: selected, origin };
  }
  const underCursor = tokenAtPosition(editor.document, editor.selection.active);
  return underCursor && { token: underCursor.token, origin };
}

async function tokenFromClipboard(): Promise<ChosenToken> {
  const clipboard = await vscode.env.clipboard.readText();
  const token = clipboard.length <= maxClipboardScan ? scanTokens(clipboard)[0]?.text : undefined;
  if (!token) {
    throw new CommandArgumentError(vscode.l10n.t('The clipboard holds no JWT. Copy the token, or choose to paste or type it.'));
  }
  return { token, origin: { kind: 'clipboard' } };
}

async function typedToken(title: string, prompt: string): Promise<ChosenToken | undefined> {
  const typed = await vscode.window.showInputBox({
    title,
    prompt,
    password: true,
    ignoreFocusOut: true,
    validateInput: (value) => {
      const decoded = decodeJwt(value);
      return decoded.form === 'malformed' ? vscode.l10n.t('Not a JWT: {0}.', decoded.reason) : undefined;
    },
  });
  const token = typed?.trim();
  return token ? { token, origin: { kind: 'typed' } } : undefined;
}

/**
 * The token a command acts on: the one at a hover's location, else the selection or the token
 * under the cursor, else one the person pastes or types, or takes from the clipboard when they
 * choose it (the clipboard is never read without being asked).
 */
export async function chooseToken(target: TokenTarget | GivenToken, title: string, prompt: string): Promise<ChosenToken | undefined> {
  if (target.kind === 'given') {
    return { token: target.token.trim(), origin: { kind: 'given' } };
  }
  if (target.kind === 'location') {
    return tokenAtLocation(target.location);
  }
  const editor = vscode.window.activeTextEditor;
  const inEditor = editor && tokenInEditor(editor);
  if (inEditor) {
    return inEditor;
  }
  const source = await vscode.window.showQuickPick(
    [
      { label: vscode.l10n.t('$(edit) Paste or type the token'), fromClipboard: false },
      { label: vscode.l10n.t('$(clippy) Use the token on the clipboard'), fromClipboard: true },
    ],
    { title, placeHolder: vscode.l10n.t('No token is selected or under the cursor. Where is the token?') },
  );
  if (!source) {
    return undefined;
  }
  return source.fromClipboard ? tokenFromClipboard() : typedToken(title, prompt);
}
