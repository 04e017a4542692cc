import * as path from 'node:path';
import * as vscode from 'vscode';
import { messageOf } from '../../errors';
import { visibleText } from '../../text/visibleText';

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
  const send = `Send to ${cluster.name}`;
  const trust = 'Manage Workspace Trust…';
  let answer: string | undefined;
  try {
    answer = await vscode.window.showWarningMessage(
      `This workspace is in Restricted Mode. Send ${what} from ${visibleText(path.basename(source.path), 120)} to the cluster ${visibleText(cluster.name, 120)} (${visibleText(cluster.server, 200)})?`,
      { modal: true, detail: 'Files in an untrusted workspace may have been written by someone else. Send only what you recognise, or trust the workspace first.' },
      send,
      trust,
    );
  } catch (error) {
    // A workbench that refuses dialogs (automated tests) cannot ask: nothing is sent.
    throw new Error(`Not sent: this workspace is in Restricted Mode and the confirmation could not be shown (${messageOf(error)}). Trust the workspace to send from its files.`);
  }
  if (answer === trust) {
    await vscode.commands.executeCommand('workbench.trust.manage');
  }
  return answer === send;
}
