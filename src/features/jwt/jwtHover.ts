import * as vscode from 'vscode';
import { CommandIds } from '../../commandIds';
import { decodeJwt } from '../../jwt/decode';
import { describeJwt } from '../../jwt/describe';
import { hoverMarkdown, type MarkdownLink } from '../../jwt/markdown';
import { guarded } from '../common/guarded';
import { tokenAtPosition, type TokenLocation } from './tokenSource';

/** Hover links run only these commands, whatever the hovered text contains. */
const hoverCommands = [CommandIds.verifyJwt, CommandIds.reviewToken, CommandIds.decodeJwt, CommandIds.copyJwtClaims];

function link(title: string, command: string, location: TokenLocation): MarkdownLink {
  return { title, target: `command:${command}?${encodeURIComponent(JSON.stringify([location]))}` };
}

/** Decodes the JWT under the cursor, in any file. Links carry the token's place, never the token. */
export class JwtHover implements vscode.HoverProvider {
  constructor(private readonly log: vscode.LogOutputChannel) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    return guarded(this.log, 'JWT hover', () => this.hover(document, position), undefined);
  }

  private hover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const found = tokenAtPosition(document, position);
    if (!found) {
      return undefined;
    }
    const decoded = decodeJwt(found.token);
    const description = describeJwt(decoded, Date.now());
    const location: TokenLocation = { uri: document.uri.toString(), line: position.line, character: found.range.start.character };
    const links: MarkdownLink[] = [];
    // An unsigned token, or one whose alg no library accepts, has no signature to verify or to review;
    // only a ServiceAccount token is one the cluster surely authenticates (Review asks before sending others).
    if (decoded.form === 'jws' && description.verifiable) {
      links.push(link('Verify signature', CommandIds.verifyJwt, location));
      if (description.kind === 'kubernetes-bound' || description.kind === 'kubernetes-legacy') {
        links.push(link('Review with cluster', CommandIds.reviewToken, location));
      }
    }
    if (decoded.form !== 'malformed') {
      links.push(link('Open decoded', CommandIds.decodeJwt, location));
    }
    if (decoded.form === 'jws') {
      links.push(link('Copy claims as JSON', CommandIds.copyJwtClaims, location));
    }
    const showAll = decoded.form === 'jws' ? link(`Show all ${description.claims.length} claims`, CommandIds.decodeJwt, location) : undefined;
    const markdown = new vscode.MarkdownString(hoverMarkdown(description, links, showAll));
    markdown.isTrusted = { enabledCommands: hoverCommands };
    return new vscode.Hover(markdown, found.range);
  }
}
