import * as vscode from 'vscode';
import { CommandIds } from '../../commandIds';
import { IssuerKeyCache } from '../../jwt/keyCache';
import type { ReadOnlyDocuments } from '../common/readOnlyDocuments';
import type { CommandRegistrar } from '../common/registerCommand';
import type { ClusterConnection } from '../explorer/clusterConnection';
import { copyJwtClaims, decodeJwtCommand } from './jwtCommands';
import { JwtAtCursorContext } from './jwtAtCursorContext';
import { JwtHover } from './jwtHover';
import { PlaintextTokens } from './plaintextTokens';
import { showTokenPermissions, type TokenPermissionsDeps } from './showTokenPermissions';
import { tokenTargetOf } from './tokenSource';
import { VerifyJwtCommand } from './verifyJwtCommand';
import type { WalkthroughProgress } from '../walkthrough/walkthroughSteps';

/** JWTs in any file: the hover, plaintext-token diagnostics and hints, and Decode, Verify, Copy Claims and Show Permissions. */
export function registerJwtFeatures(
  connection: ClusterConnection,
  openDecoded: (token: string) => Promise<void>,
  documents: ReadOnlyDocuments,
  log: vscode.LogOutputChannel,
  register: CommandRegistrar,
  tokenPermissions: TokenPermissionsDeps,
  walkthrough: WalkthroughProgress,
): { verifyJwt: VerifyJwtCommand; disposables: vscode.Disposable[] } {
  const verifyJwt = new VerifyJwtCommand(connection, new IssuerKeyCache(), documents, log);
  const plaintextTokens = new PlaintextTokens(log);
  return {
    verifyJwt,
    disposables: [
      vscode.languages.registerHoverProvider('*', new JwtHover(log, tokenPermissions.issuers, walkthrough)),
      new JwtAtCursorContext(),
      plaintextTokens,
      vscode.languages.registerInlayHintsProvider('*', plaintextTokens),
      register(CommandIds.decodeJwt, (...args: unknown[]) => decodeJwtCommand(tokenTargetOf(args), openDecoded)),
      register(CommandIds.verifyJwt, (...args: unknown[]) => verifyJwt.run(tokenTargetOf(args))),
      register(CommandIds.copyJwtClaims, (...args: unknown[]) => copyJwtClaims(tokenTargetOf(args))),
      register(CommandIds.showTokenPermissions, (...args: unknown[]) => showTokenPermissions(args, tokenPermissions)),
    ],
  };
}
