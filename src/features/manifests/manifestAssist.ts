import * as vscode from 'vscode';
import { completionsAt, hoverAt } from '../../manifests';
import { guarded } from '../common/guarded';

/** Completion of keys and values, and field documentation on hover, in TokenRequest and TokenReview manifests. */
export class ManifestAssist implements vscode.CompletionItemProvider, vscode.HoverProvider {
  constructor(private readonly log: vscode.LogOutputChannel) {}

  provideCompletionItems(document: vscode.TextDocument, position: vscode.Position): vscode.CompletionItem[] {
    return guarded(this.log, 'Manifest completion', () => this.completions(document, position), []);
  }

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    return guarded(this.log, 'Manifest hover', () => this.hover(document, position), undefined);
  }

  private completions(document: vscode.TextDocument, position: vscode.Position): vscode.CompletionItem[] {
    return completionsAt(document.getText(), document.offsetAt(position)).map((completion) => {
      const item = new vscode.CompletionItem(completion.label, completion.kind === 'field' ? vscode.CompletionItemKind.Property : vscode.CompletionItemKind.EnumMember);
      item.insertText = completion.insertText;
      item.detail = completion.detail;
      item.documentation = new vscode.MarkdownString(completion.documentation);
      item.range = new vscode.Range(document.positionAt(completion.start), document.positionAt(completion.end));
      return item;
    });
  }

  private hover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const hover = hoverAt(document.getText(), document.offsetAt(position));
    return hover && new vscode.Hover(new vscode.MarkdownString(hover.markdown), new vscode.Range(document.positionAt(hover.start), document.positionAt(hover.end)));
  }
}
