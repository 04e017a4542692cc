import * as vscode from 'vscode';
import { CommandIds } from '../../commandIds';
import { decodeJwt } from '../../jwt/decode';
import { describeJwt } from '../../jwt/describe';
import { hoverMarkdown, type MarkdownLink } from '../../jwt/markdown';
import { guarded } from '../common/guarded';
import { WalkthroughSteps, type WalkthroughProgress } from '../walkthrough/walkthroughSteps';
import type { ClusterIssuers } from './clusterIssuers';
import { tokenAtPosition, type TokenLocation } from './tokenSource';

/** Hover links run only these commands, whatever the hovered text contains. */
const hoverCommands = [CommandIds.verifyJwt, CommandIds.reviewToken, CommandIds.revokeToken, CommandIds.decodeJwt, CommandIds.copyJwtClaims, CommandIds.showTokenPermissions];
/** How long a hover waits for the cluster's issuer (read once per context); a slower read offers the link from the next hover on. */
const issuerWaitMs = 1500;

function link(title: string, command: string, location: TokenLocation): MarkdownLink {
  return { title, target: `command:${command}?${encodeURIComponent(JSON.stringify([location]))}` };
}

/** Decodes the JWT under the cursor, in any file. Links carry the token's place, never the token. */
export class JwtHover implements vscode.HoverProvider {
  constructor(
    private readonly log: vscode.LogOutputChannel,
    private readonly issuers: ClusterIssuers,
    private readonly walkthrough: WalkthroughProgress,
  ) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    const found = guarded(this.log, 'JWT hover', () => tokenAtPosition(document, position), undefined);
    if (!found) {
      return undefined;
    }
    const permissions = await this.offersPermissions(found.token);
    return guarded(this.log, 'JWT hover', () => this.hover(document, position, found, permissions), undefined);
  }

  /**
   * Whether the active cluster issued the token, so "Show permissions" shows its ServiceAccount's. In
   * Restricted Mode a file must not make the extension contact a cluster: only an issuer read before counts.
   */
  private offersPermissions(token: string): Promise<boolean> {
    const matches = this.issuers.check(token, vscode.workspace.isTrusted).then(
      (issued) => issued.kind === 'match',
      (error: unknown) => {
        this.log.error('JWT hover: checking the token against the cluster issuer failed:', error);
        return false;
      },
    );
    return Promise.race([matches, new Promise<boolean>((resolve) => setTimeout(() => resolve(false), issuerWaitMs))]);
  }

  private hover(document: vscode.TextDocument, position: vscode.Position, found: { token: string; range: vscode.Range }, permissions: boolean): vscode.Hover {
    const decoded = decodeJwt(found.token);
    const description = describeJwt(decoded, Date.now());
    const location: TokenLocation = { uri: document.uri.toString(), line: position.line, character: found.range.start.character };
    const links: MarkdownLink[] = [];
    // An unsigned token, or one whose alg no library accepts, has no signature to verify or to review;
    // only a ServiceAccount token is one the cluster surely authenticates (Review asks before sending others).
    if (decoded.form === 'jws' && description.verifiable) {
      links.push(link(vscode.l10n.t('Verify signature'), CommandIds.verifyJwt, location));
      if (description.kind === 'kubernetes-bound' || description.kind === 'kubernetes-legacy') {
        links.push(link(vscode.l10n.t('Review with cluster'), CommandIds.reviewToken, location));
        links.push(link(vscode.l10n.t('Revoke…'), CommandIds.revokeToken, location));
      }
    }
    if (permissions) {
      links.push(link(vscode.l10n.t('Show permissions'), CommandIds.showTokenPermissions, location));
    }
    if (decoded.form !== 'malformed') {
      links.push(link(vscode.l10n.t('Open decoded'), CommandIds.decodeJwt, location));
    }
    if (decoded.form === 'jws') {
      links.push(link(vscode.l10n.t('Copy claims as JSON'), CommandIds.copyJwtClaims, location));
    }
    const showAll = decoded.form === 'jws' ? link(vscode.l10n.t('Show all {0} claims', description.claims.length), CommandIds.decodeJwt, location) : undefined;
    const markdown = new vscode.MarkdownString(hoverMarkdown(description, links, showAll));
    markdown.isTrusted = { enabledCommands: hoverCommands };
    this.walkthrough.complete(WalkthroughSteps.hoveredToken);
    return new vscode.Hover(markdown, found.range);
  }
}
