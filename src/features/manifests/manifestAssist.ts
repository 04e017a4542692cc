import * as vscode from 'vscode';
import { completionsAt, hoverAt, nameCompletions, nameCompletionSlotAt, type Completion, type ManifestHover } from '../../manifests';
import { code } from '../../jwt/markdown';
import { guarded } from '../common/guarded';
import type { ClusterConnection } from '../explorer/clusterConnection';
import { serviceAccountsViewId } from '../explorer/serviceAccountTree';
import type { ClusterNames } from './clusterNames';

/** The one command a manifest hover's link may run: VS Code's own command that shows a view. */
const focusServiceAccounts = `${serviceAccountsViewId}.focus`;

/**
 * Completion of keys and values, names from the connected cluster where a field names an object,
 * and field documentation on hover, in TokenRequest and TokenReview manifests and in the projected
 * tokens of workloads; a workload's serviceAccountName links to the ServiceAccounts view when connected.
 */
export class ManifestAssist implements vscode.CompletionItemProvider, vscode.HoverProvider {
  constructor(
    private readonly clusterNames: ClusterNames,
    private readonly connection: Pick<ClusterConnection, 'status'>,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  async provideCompletionItems(document: vscode.TextDocument, position: vscode.Position, cancel: vscode.CancellationToken): Promise<vscode.CompletionItem[]> {
    const text = document.getText();
    const offset = document.offsetAt(position);
    const completions = guarded(this.log, 'Manifest completion', () => completionsAt(text, offset), []);
    const slot = guarded(this.log, 'Manifest name completion', () => nameCompletionSlotAt(text, offset), undefined);
    if (slot) {
      const { names, namespace } = await this.clusterNames.names(slot.kind, slot.namespace, cancel);
      completions.push(...nameCompletions(slot, names, namespace));
    }
    return completions.map((completion) => this.item(document, completion));
  }

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    return guarded(this.log, 'Manifest hover', () => this.hover(document, position), undefined);
  }

  private item(document: vscode.TextDocument, completion: Completion): vscode.CompletionItem {
    const item = new vscode.CompletionItem(completion.label, completion.kind === 'field' ? vscode.CompletionItemKind.Property : vscode.CompletionItemKind.EnumMember);
    item.insertText = completion.insertText;
    item.detail = completion.detail;
    item.documentation = new vscode.MarkdownString(completion.documentation);
    item.range = new vscode.Range(document.positionAt(completion.start), document.positionAt(completion.end));
    return item;
  }

  private hover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const hover = hoverAt(document.getText(), document.offsetAt(position));
    if (!hover) {
      return undefined;
    }
    const markdown = new vscode.MarkdownString(hover.markdown + this.serviceAccountLink(hover));
    markdown.isTrusted = { enabledCommands: [focusServiceAccounts] };
    return new vscode.Hover(markdown, new vscode.Range(document.positionAt(hover.start), document.positionAt(hover.end)));
  }

  /** Where to find the ServiceAccount a workload runs as, while a cluster is connected: the link only shows the view. */
  private serviceAccountLink(hover: ManifestHover): string {
    const status = this.connection.status;
    if (!hover.serviceAccount || status.state !== 'connected') {
      return '';
    }
    return vscode.l10n.t('\n\n[Show the ServiceAccounts view](command:{0}) of context {1}: the ServiceAccount is under its namespace there.', focusServiceAccounts, code(status.context.name));
  }
}
