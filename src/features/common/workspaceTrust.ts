import * as path from 'node:path';
import * as vscode from 'vscode';
import { visibleText } from '../../text/visibleText';
import { askInModal } from './confirmModal';

/** The cluster something would be sent to, as the person knows it. */
export interface ClusterTarget {
  readonly name: string;
  readonly server: string;
}

/** What would be sent: a token read from the file, or the TokenRequest or TokenReview manifest written in it. */
export type SentFromFile = 'token' | 'TokenRequest' | 'TokenReview';

/** The question, one whole sentence per thing sent, so a translation can word each its own way. */
function question(what: SentFromFile, file: string, cluster: string, server: string): string {
  switch (what) {
    case 'token':
      return vscode.l10n.t('This workspace is in Restricted Mode. Send a token from {0} to the cluster {1} ({2})?', file, cluster, server);
    case 'TokenRequest':
      return vscode.l10n.t('This workspace is in Restricted Mode. Send this TokenRequest from {0} to the cluster {1} ({2})?', file, cluster, server);
    case 'TokenReview':
      return vscode.l10n.t('This workspace is in Restricted Mode. Send this TokenReview from {0} to the cluster {1} ({2})?', file, cluster, server);
  }
}

/**
 * Asks before anything taken from a file in an untrusted workspace is sent to a cluster: such a
 * file may have been written by someone else to make the person send it. Returns whether to send.
 * Trusted workspaces, and what the person typed or pasted themselves, never come here.
 */
export async function confirmSendFromUntrustedWorkspace(what: SentFromFile, source: vscode.Uri, cluster: ClusterTarget): Promise<boolean> {
  if (vscode.workspace.isTrusted) {
    return true;
  }
  const send = vscode.l10n.t('Send to {0}', cluster.name);
  const trust = vscode.l10n.t('Manage Workspace Trust…');
  const answer = await askInModal(
    vscode.l10n.t('this workspace is in Restricted Mode (trust it to send from its files)'),
    question(what, visibleText(path.basename(source.path), 120), visibleText(cluster.name, 120), visibleText(cluster.server, 200)),
    vscode.l10n.t('Files in an untrusted workspace may have been written by someone else. Send only what you recognise, or trust the workspace first.'),
    send,
    trust,
  );
  if (answer === trust) {
    await vscode.commands.executeCommand('workbench.trust.manage');
  }
  return answer === send;
}
