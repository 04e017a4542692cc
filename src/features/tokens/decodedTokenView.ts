import * as vscode from 'vscode';
import { decodedDocument, msUntilDecodedChanges } from '../../tokens/decodedDocument';
import type { ReadOnlyContent, ReadOnlyDocuments } from '../common/readOnlyDocuments';

/**
 * The open decoded views by state, as URI strings: the title bar shows Reveal on a masked one and
 * Mask on a revealed one (`resource in …`), in each editor group, and on nothing else.
 */
const maskedDecodedTokensKey = 'kubeSaTokens.maskedDecodedTokens';
const revealedDecodedTokensKey = 'kubeSaTokens.revealedDecodedTokens';
/** The open decoded views of tokens the active cluster issued: their title bar offers Show Permissions. */
const permissionsDecodedTokensKey = 'kubeSaTokens.permissionsDecodedTokens';

class DecodedToken implements ReadOnlyContent {
  revealed = false;
  offersPermissions = false;

  constructor(
    readonly fileName: string,
    readonly token: string,
  ) {}

  render(now: number): string {
    return decodedDocument(this.token, this.revealed, now);
  }

  msUntilChange(now: number): number | undefined {
    return msUntilDecodedChanges(this.token, now);
  }
}

/** Decoded tokens in read-only JSONC documents, masked until the person reveals them, and masked again on request. */
export class DecodedTokenView implements vscode.Disposable {
  private readonly views = new Map<string, DecodedToken>();
  private opened = 0;
  private readonly subscriptions = [vscode.workspace.onDidCloseTextDocument((document) => this.forget(document.uri))];

  constructor(
    private readonly documents: ReadOnlyDocuments,
    /** Whether the active cluster issued `token`, so its ServiceAccount's permissions are offered; never rejects. */
    private readonly offersPermissions: (token: string) => Promise<boolean>,
  ) {}

  async show(token: string): Promise<void> {
    // A number, never the token's text: the name shows in tabs and in the recent-files list.
    const content = new DecodedToken(`${vscode.l10n.t('Decoded token {0}', ++this.opened)}.jsonc`, token);
    const editor = await this.documents.open(content);
    this.views.set(editor.document.uri.toString(), content);
    this.publish();
    // Not awaited: reading the cluster's issuer must not hold up whoever opened the view.
    void this.offersPermissions(token).then((offers) => {
      content.offersPermissions = offers;
      this.publish();
    });
  }

  /** The token an open view shows, for the commands of its title bar. */
  tokenOfView(uri: vscode.Uri): string | undefined {
    return this.views.get(uri.toString())?.token;
  }

  /** Reveals or masks the view in the title bar the person clicked (its URI is passed), or else the active one. */
  setRevealed(target: unknown, revealed: boolean): void {
    const uri = target instanceof vscode.Uri ? target : vscode.window.activeTextEditor?.document.uri;
    const content = uri && this.views.get(uri.toString());
    if (uri && content && content.revealed !== revealed) {
      content.revealed = revealed;
      this.documents.refresh(uri);
      this.publish();
    }
  }

  dispose(): void {
    this.views.clear();
    vscode.Disposable.from(...this.subscriptions).dispose();
  }

  private forget(uri: vscode.Uri): void {
    if (this.views.delete(uri.toString())) {
      this.publish();
    }
  }

  private publish(): void {
    const all = [...this.views];
    void vscode.commands.executeCommand('setContext', maskedDecodedTokensKey, all.filter(([, content]) => !content.revealed).map(([uri]) => uri));
    void vscode.commands.executeCommand('setContext', revealedDecodedTokensKey, all.filter(([, content]) => content.revealed).map(([uri]) => uri));
    void vscode.commands.executeCommand('setContext', permissionsDecodedTokensKey, all.filter(([, content]) => content.offersPermissions).map(([uri]) => uri));
  }
}
