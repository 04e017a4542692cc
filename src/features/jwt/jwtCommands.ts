import * as vscode from 'vscode';
import { decodeJwt } from '../../jwt/decode';
import { chooseToken, type GivenToken, type TokenTarget } from './tokenSource';

/** "Decode JWT": the read-only decoded view of a token from a hover, the selection, the clipboard or an input box. */
export async function decodeJwtCommand(target: TokenTarget | GivenToken, openDecoded: (token: string) => Promise<void>): Promise<void> {
  const chosen = await chooseToken(target, vscode.l10n.t('Decode JWT'), vscode.l10n.t('The token to decode (it stays on this machine)'));
  if (chosen) {
    await openDecoded(chosen.token);
  }
}

/** "Copy JWT Claims as JSON": the payload, pretty-printed, on the clipboard. */
export async function copyJwtClaims(target: TokenTarget | GivenToken): Promise<void> {
  const chosen = await chooseToken(target, vscode.l10n.t('Copy JWT Claims'), vscode.l10n.t('The token whose claims to copy'));
  if (!chosen) {
    return;
  }
  const decoded = decodeJwt(chosen.token);
  if (decoded.form !== 'jws') {
    throw new Error(decoded.form === 'jwe' ? vscode.l10n.t('An encrypted JWT (JWE) has no readable claims without its key.') : vscode.l10n.t('Not a JWT: {0}.', decoded.reason));
  }
  await vscode.env.clipboard.writeText(JSON.stringify(decoded.payload, null, 2));
  vscode.window.setStatusBarMessage(vscode.l10n.t('JWT claims copied as JSON'), 3000);
}
