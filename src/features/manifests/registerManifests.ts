import * as vscode from 'vscode';
import { CommandIds } from '../../commandIds';
import { messageOf } from '../../errors';
import type { CommandRegistrar } from '../common/registerCommand';
import type { ClusterConnection } from '../explorer/clusterConnection';
import type { RequestTokenCommand } from '../tokens/requestToken';
import type { ReviewTokenCommand } from '../tokens/reviewToken';
import type { WalkthroughProgress } from '../walkthrough/walkthroughSteps';
import { ManifestAnalyses } from './manifestAnalyses';
import { ClusterNames } from './clusterNames';
import { ManifestAssist } from './manifestAssist';
import { ManifestCodeLens, sendManifest } from './manifestCodeLens';
import { ManifestDiagnostics } from './manifestDiagnostics';
import { ServerRefusals } from './serverRefusals';
import { contributeSchemasToYamlExtension } from './yamlSchemas';

const yamlFiles: vscode.DocumentSelector = { language: 'yaml' };

/** TokenRequest and TokenReview manifests: diagnostics and fixes, completion (names from the cluster too) and docs, lenses that send them and show the server's refusals, schemas for Red Hat YAML. */
export function registerManifestFeatures(
  extensionPath: string,
  connection: ClusterConnection,
  tokens: { readonly requestToken: RequestTokenCommand; readonly reviewToken: ReviewTokenCommand },
  log: vscode.LogOutputChannel,
  register: CommandRegistrar,
  walkthrough: WalkthroughProgress,
): vscode.Disposable[] {
  const analyses = new ManifestAnalyses(connection, log, walkthrough);
  const diagnostics = new ManifestDiagnostics(analyses, log);
  const lenses = new ManifestCodeLens(analyses, connection, log);
  const clusterNames = new ClusterNames(connection, log);
  const assist = new ManifestAssist(clusterNames, connection, log);
  const refusals = new ServerRefusals(log);
  contributeSchemasToYamlExtension(extensionPath).catch((error: unknown) => {
    log.error('Offering the schemas to the YAML extension failed:', error);
    void vscode.window.showWarningMessage(vscode.l10n.t('Could not offer the TokenRequest/TokenReview schemas to the YAML extension: {0}', messageOf(error)));
  });
  return [
    analyses,
    diagnostics,
    lenses,
    clusterNames,
    refusals,
    vscode.languages.registerCodeActionsProvider(yamlFiles, diagnostics, { providedCodeActionKinds: ManifestDiagnostics.providedCodeActionKinds }),
    vscode.languages.registerCompletionItemProvider(yamlFiles, assist),
    vscode.languages.registerHoverProvider(yamlFiles, assist),
    vscode.languages.registerCodeLensProvider(yamlFiles, lenses),
    register(CommandIds.sendManifest, (uri: unknown, start: unknown) =>
      // A refusal is also shown on the field it names; the error still reaches the person as a message.
      refusals.track(uri, start, () =>
        sendManifest(uri, start, analyses, {
          request: (input) => tokens.requestToken.requestAsWritten(input),
          review: (token, audiences) => tokens.reviewToken.run({ kind: 'given', token }, audiences),
          cluster: () => connection.current().context,
        }),
      ),
    ),
  ];
}
