import { createHash } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ClusterSession, IssuedToken } from '../../cluster';
import { createPrivateFile, FileExistsError, privateFileMode, writeFileAtomically } from '../../files/atomicWrite';
import { authorizationHeader, curlCommand, describeIssued, exportCommand, tokenVariable } from '../../tokens/handoffFormats';
import { describeLifetime } from '../../tokens/lifetime';

interface HandoffChoice extends vscode.QuickPickItem {
  readonly run: () => Promise<void>;
}

/** A copy is confirmed briefly in the status bar: a toast would stay over the next thing the person does. */
/** `copied` is the whole sentence, so a translation can order it as its language needs. */
async function copy(text: string, copied: string): Promise<void> {
  await vscode.env.clipboard.writeText(text);
  vscode.window.setStatusBarMessage(`$(check) ${copied}`, 4000);
}

async function insertAtCursor(token: string): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showWarningMessage(vscode.l10n.t('No editor is active: open a file, place the cursor, and choose "Insert at cursor" again from the issued token.'));
    return;
  }
  await editor.edit((edit) => editor.selections.forEach((selection) => edit.replace(selection, token)));
}

/** Saves a kubeconfig holding a live token: owner-only, and never over an existing file without asking. */
async function saveKubeconfig(content: string, issued: IssuedToken): Promise<void> {
  const target = await vscode.window.showSaveDialog({ title: vscode.l10n.t('Save the ServiceAccount kubeconfig'), filters: { [vscode.l10n.t('Kubeconfig')]: ['yaml', 'yml', 'config'] }, saveLabel: vscode.l10n.t('Save kubeconfig') });
  if (!target) {
    return;
  }
  if (target.scheme !== 'file') {
    throw new Error(vscode.l10n.t('The kubeconfig holds a live token, so it is saved only to a local file whose permissions can be set to owner-only; {0} is not one. Choose a local path.', target.toString(true)));
  }
  try {
    await createPrivateFile(target.fsPath, content);
  } catch (error) {
    if (!(error instanceof FileExistsError)) {
      throw error;
    }
    const replace = vscode.l10n.t('Replace');
    const answer = await vscode.window.showWarningMessage(vscode.l10n.t('{0} already exists. Replace it with the kubeconfig for {1}/{2}?', target.fsPath, issued.namespace, issued.serviceAccount), { modal: true, detail: vscode.l10n.t('The file is replaced as a whole, and made readable by you only.') }, replace);
    if (answer !== replace) {
      return;
    }
    await writeFileAtomically(target.fsPath, content, privateFileMode);
  }
  void vscode.window.showInformationMessage(vscode.l10n.t('Kubeconfig for {0}/{1} saved to {2}, readable by you only. It holds a live token: keep it private.', issued.namespace, issued.serviceAccount, target.fsPath));
}

async function createKubeconfig(session: ClusterSession, issued: IssuedToken): Promise<void> {
  const content = session.serviceAccountKubeconfig(issued);
  const untitled = vscode.l10n.t('Open as an untitled document');
  const where = await vscode.window.showQuickPick([untitled, vscode.l10n.t('Save to a file…')], { title: vscode.l10n.t('Kubeconfig for this ServiceAccount') });
  if (where === untitled) {
    // Its first lines say it holds a live token, and the plaintext-token check marks the token itself.
    const document = await vscode.workspace.openTextDocument({ language: 'yaml', content });
    await vscode.window.showTextDocument(document);
  } else if (where) {
    await saveKubeconfig(content, issued);
  }
}

/**
 * The file curl should trust: the kubeconfig's own CA file, or its inline CA data written once to
 * the extension's storage (a CA certificate is public; the name is its hash, so it is never stale).
 */
async function caFileFor(session: ClusterSession, storage: vscode.Uri): Promise<string | undefined> {
  const authority = session.certificateAuthority();
  if (!authority || 'file' in authority) {
    return authority?.file;
  }
  const folder = path.join(storage.fsPath, 'cluster-ca');
  await mkdir(folder, { recursive: true });
  const file = path.join(folder, `${createHash('sha256').update(authority.pem).digest('hex').slice(0, 16)}.crt`);
  await writeFileAtomically(file, authority.pem, 0o644);
  return file;
}

/** A terminal whose environment holds the token: nothing is echoed or typed, so it is in no history. The curl command waits at the prompt. */
async function openTerminal(session: ClusterSession, issued: IssuedToken, storage: vscode.Uri): Promise<void> {
  const command = curlCommand(session.context.server, await caFileFor(session, storage));
  const terminal = vscode.window.createTerminal({
    name: `${issued.namespace}/${issued.serviceAccount} token`,
    env: { [tokenVariable]: issued.token },
    isTransient: true,
    message: vscode.l10n.t('${0} holds the token for {1}. The command at the prompt asks the API server who it is; press Enter to run it.', tokenVariable, describeIssued(issued)),
  });
  terminal.show();
  terminal.sendText(command, false);
}

/** Asks the person what to do with a token; nothing leaves the editor unless they choose it. */
export async function handOffToken(session: ClusterSession, issued: IssuedToken, openDecoded: (token: string) => Promise<void>, storage: vscode.Uri): Promise<void> {
  const choices: HandoffChoice[] = [
    { label: vscode.l10n.t('$(copy) Copy token'), run: () => copy(issued.token, vscode.l10n.t('Token copied to the clipboard')) },
    { label: vscode.l10n.t('$(eye) Open decoded'), description: vscode.l10n.t('header, claims, time left; the token stays masked'), run: () => openDecoded(issued.token) },
    { label: vscode.l10n.t('$(insert) Insert at cursor'), run: () => insertAtCursor(issued.token) },
    { label: vscode.l10n.t('$(key) Copy Authorization header'), description: vscode.l10n.t('Authorization: Bearer …'), run: () => copy(authorizationHeader(issued.token), vscode.l10n.t('Authorization header copied to the clipboard')) },
    { label: vscode.l10n.t('$(terminal) Open a terminal with ${0}', tokenVariable), description: vscode.l10n.t('the token in its environment, never on a command line'), run: () => openTerminal(session, issued, storage) },
    {
      label: vscode.l10n.t('$(copy) Copy as export {0}=…', tokenVariable),
      description: vscode.l10n.t('to paste into a shell'),
      detail: vscode.l10n.t('It lands in your shell history unless the shell ignores lines starting with a space (bash: HISTCONTROL=ignorespace; zsh: setopt HIST_IGNORE_SPACE). The terminal option keeps it out of any history.'),
      run: () => copy(exportCommand(issued.token), vscode.l10n.t('export {0}=… line copied to the clipboard', tokenVariable)),
    },
    {
      label: vscode.l10n.t('$(terminal-bash) Copy curl command'),
      description: vscode.l10n.t('reads ${0}; asks the API server who the token is', tokenVariable),
      run: async () => copy(curlCommand(session.context.server, await caFileFor(session, storage)), vscode.l10n.t('curl command (it reads the token from ${0}) copied to the clipboard', tokenVariable)),
    },
    { label: vscode.l10n.t('$(file-code) Create kubeconfig'), description: vscode.l10n.t('this cluster, a user holding the token'), run: () => createKubeconfig(session, issued) },
  ];
  // The lifetime granted, and why it differs from what was asked, before the token is handed on.
  const lifetime = describeLifetime(issued).summary;
  const placeHolder = vscode.l10n.t('{0}. What should happen with the token?', `${lifetime.charAt(0).toUpperCase()}${lifetime.slice(1)}`);
  const chosen = await vscode.window.showQuickPick(choices, { title: vscode.l10n.t('Token for {0}', describeIssued(issued)), placeHolder });
  await chosen?.run();
}
