import * as vscode from 'vscode';
import { CommandIds } from '../../commandIds';
import { messageOf } from '../../errors';
import type { CommandRegistrar } from '../common/registerCommand';
import type { ClusterConnection } from '../explorer/clusterConnection';
import type { RequestTokenCommand } from '../tokens/requestToken';
import type { ReviewTokenCommand } from '../tokens/reviewToken';
import { ManifestAnalyses } from './manifestAnalyses';
import { ManifestAssist } from './manifestAssist';
import { ManifestCodeLens, sendManifest } from './manifestCodeLens';
import { ManifestDiagnostics } from './manifestDiagnostics';
import { contributeSchemasToYamlExtension } from './yamlSchemas';

const yamlFiles: vscode.DocumentSelector = { language: 'yaml' };

/** TokenRequest and TokenReview manifests: diagnostics and fixes, completion and docs, lenses that send them, schemas for Red Hat YAML. */
export function registerManifestFeatures(
  extensionPath: string,
  connection: ClusterConnection,
  tokens: { readonly requestToken: RequestTokenCommand; readonly reviewToken: ReviewTokenCommand },
  log: vscode.LogOutputChannel,
  register: CommandRegistrar,
): vscode.Disposable[] {
  const analyses = new ManifestAnalyses(connection, log);
  const diagnostics = new ManifestDiagnostics(analyses, log);
  const lenses = new ManifestCodeLens(analyses, connection, log);
  const assist = new ManifestAssist(log);
  contributeSchemasToYamlExtension(extensionPath).catch((error: unknown) => {
    log.error('Offering the schemas to the YAML extension failed:', error);
    void vscode.window.showWarningMessage(`Could not offer the TokenRequest/TokenReview schemas to the YAML extension: ${messageOf(error)}`);
  });
  return [
    analyses,
    diagnostics,
    lenses,
    vscode.languages.registerCodeActionsProvider(yamlFiles, diagnostics, { providedCodeActionKinds: ManifestDiagnostics.providedCodeActionKinds }),
    vscode.languages.registerCompletionItemProvider(yamlFiles, assist),
    vscode.languages.registerHoverProvider(yamlFiles, assist),
    vscode.languages.registerCodeLensProvider(yamlFiles, lenses),
    register(CommandIds.sendManifest, (uri: unknown, start: unknown) =>
      sendManifest(uri, start, analyses, {
        request: (input) => tokens.requestToken.issue(input),
        review: (token, audiences) => tokens.reviewToken.run({ kind: 'given', token }, audiences),
        cluster: () => connection.current().context,
      }),
    ),
  ];
}
