import * as path from 'node:path';
import * as vscode from 'vscode';
import { visibleText } from '../../text/visibleText';
import { askInModal } from './confirmModal';

/** The cluster something would be sent to, as the person knows it. */
export interface ClusterTarget {
  readonly name: string;
  readonly server: string;
}

/**
 * Asks before anything taken from a file in an untrusted workspace is sent to a cluster: such a
 * file may have been written by someone else to make the person send it. Returns whether to send.
 * Trusted workspaces, and what the person typed or pasted themselves, never come here.
 */
export async function confirmSendFromUntrustedWorkspace(what: string, source: vscode.Uri, cluster: ClusterTarget): Promise<boolean> {
  if (vscode.workspace.isTrusted) {
    return true;
  }
  const send = vscode.l10n.t('Send to {0}', cluster.name);
  const trust = vscode.l10n.t('Manage Workspace Trust…');
  const answer = await askInModal(
    vscode.l10n.t('this workspace is in Restricted Mode (trust it to send from its files)'),
    vscode.l10n.t('This workspace is in Restricted Mode. Send {0} from {1} to the cluster {2} ({3})?', what, visibleText(path.basename(source.path), 120), visibleText(cluster.name, 120), visibleText(cluster.server, 200)),
    vscode.l10n.t('Files in an untrusted workspace may have been written by someone else. Send only what you recognise, or trust the workspace first.'),
    send,
    trust,
  );
  if (answer === trust) {
    await vscode.commands.executeCommand('workbench.trust.manage');
  }
  return answer === send;
}
