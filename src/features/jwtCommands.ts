import * as vscode from 'vscode';
import { decodeJwt } from '../jwt/decode';
import { chooseToken } from './tokenSource';

/** "Decode JWT": the read-only decoded view of a token from a hover, the selection, the clipboard or an input box. */
export async function decodeJwtCommand(given: unknown, openDecoded: (token: string) => Promise<void>): Promise<void> {
  const token = await chooseToken(given, 'Decode JWT', 'The token to decode (it stays on this machine)');
  if (token) {
    await openDecoded(token);
  }
}

/** "Copy JWT Claims as JSON": the payload, pretty-printed, on the clipboard. */
export async function copyJwtClaims(given: unknown): Promise<void> {
  const token = await chooseToken(given, 'Copy JWT Claims', 'The token whose claims to copy');
  if (!token) {
    return;
  }
  const decoded = decodeJwt(token);
  if (decoded.form !== 'jws') {
    throw new Error(decoded.form === 'jwe' ? 'An encrypted JWT (JWE) has no readable claims without its key.' : `Not a JWT: ${decoded.reason}.`);
  }
  await vscode.env.clipboard.writeText(JSON.stringify(decoded.payload, null, 2));
  vscode.window.setStatusBarMessage('JWT claims copied as JSON', 3000);
}
