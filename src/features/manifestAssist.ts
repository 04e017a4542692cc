import * as vscode from 'vscode';
import { completionsAt, hoverAt } from '../manifests';

/** Completion of keys and values, and field documentation on hover, in TokenRequest and TokenReview manifests. */
export class ManifestAssist implements vscode.CompletionItemProvider, vscode.HoverProvider {
  provideCompletionItems(document: vscode.TextDocument, position: vscode.Position): vscode.CompletionItem[] {
    return completionsAt(document.getText(), document.offsetAt(position)).map((completion) => {
      const item = new vscode.CompletionItem(completion.label, completion.kind === 'field' ? vscode.CompletionItemKind.Property : vscode.CompletionItemKind.EnumMember);
      item.insertText = completion.insertText;
      item.detail = completion.detail;
      item.documentation = new vscode.MarkdownString(completion.documentation);
      item.range = new vscode.Range(document.positionAt(completion.start), document.positionAt(completion.end));
      return item;
    });
  }

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const hover = hoverAt(document.getText(), document.offsetAt(position));
    return hover && new vscode.Hover(new vscode.MarkdownString(hover.markdown), new vscode.Range(document.positionAt(hover.start), document.positionAt(hover.end)));
  }
}
