import * as vscode from 'vscode';
import type { ClusterSession, IssuedToken } from '../cluster';
import { authorizationHeader, curlCommand, describeIssued } from '../tokens/handoff';

interface HandoffChoice extends vscode.QuickPickItem {
  readonly run: () => Promise<void>;
}

async function copy(text: string, what: string): Promise<void> {
  await vscode.env.clipboard.writeText(text);
  void vscode.window.showInformationMessage(`${what} copied to the clipboard.`);
}

async function insertAtCursor(token: string): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showWarningMessage('No editor is active: open a file, place the cursor, and choose "Insert at cursor" again from the issued token.');
    return;
  }
  await editor.edit((edit) => editor.selections.forEach((selection) => edit.replace(selection, token)));
}

async function createKubeconfig(session: ClusterSession, issued: IssuedToken): Promise<void> {
  const content = session.serviceAccountKubeconfig(issued);
  const where = await vscode.window.showQuickPick(['Open as an untitled document', 'Save to a file…'], { title: 'Kubeconfig for this ServiceAccount' });
  if (where === 'Open as an untitled document') {
    const document = await vscode.workspace.openTextDocument({ language: 'yaml', content });
    await vscode.window.showTextDocument(document);
  } else if (where) {
    const target = await vscode.window.showSaveDialog({ title: 'Save the ServiceAccount kubeconfig', filters: { Kubeconfig: ['yaml', 'yml', 'config'] }, saveLabel: 'Save kubeconfig' });
    if (target) {
      await vscode.workspace.fs.writeFile(target, Buffer.from(content, 'utf8'));
      void vscode.window.showInformationMessage(`Kubeconfig for ${issued.namespace}/${issued.serviceAccount} saved to ${target.fsPath}. It holds a live token: keep it private.`);
    }
  }
}

/** Asks the person what to do with a token; nothing leaves the editor unless they choose it. */
export async function handOffToken(session: ClusterSession, issued: IssuedToken, openDecoded: (token: string) => Promise<void>): Promise<void> {
  const choices: HandoffChoice[] = [
    { label: '$(copy) Copy token', run: () => copy(issued.token, 'Token') },
    { label: '$(eye) Open decoded', description: 'header, claims, time left; the token stays masked', run: () => openDecoded(issued.token) },
    { label: '$(insert) Insert at cursor', run: () => insertAtCursor(issued.token) },
    { label: '$(key) Copy Authorization header', description: 'Authorization: Bearer …', run: () => copy(authorizationHeader(issued.token), 'Authorization header') },
    { label: '$(terminal) Copy curl command', description: 'asks the API server who the token is', run: () => copy(curlCommand(session.context.server, issued.token), 'curl command') },
    { label: '$(file-code) Create kubeconfig', description: 'this cluster, a user holding the token', run: () => createKubeconfig(session, issued) },
  ];
  const chosen = await vscode.window.showQuickPick(choices, { title: `Token for ${describeIssued(issued)}`, placeHolder: 'What should happen with the token?' });
  await chosen?.run();
}
