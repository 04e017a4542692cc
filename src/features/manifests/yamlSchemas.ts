import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { combinedSchema, mentionsTokenKinds } from '../../manifests/yamlExtensionSchema';

const yamlExtensionId = 'redhat.vscode-yaml';
const schemaUri = 'kube-sa-tokens-schema://schemas/kubernetes-tokens.json';

/** The part of the YAML extension's API used here (its src/schema-extension-api.ts). */
interface YamlExtensionApi {
  registerContributor(schema: string, requestSchema: (resource: string) => string | undefined, requestSchemaContent: (uri: string) => string | undefined, label?: string): boolean;
}

/**
 * When Red Hat's YAML extension is installed, offers it the TokenRequest and TokenReview schemas
 * (without validation keywords) for files that hold such documents, so its completion and hover
 * agree with ours while problems are reported once, by this extension.
 */
export async function contributeSchemasToYamlExtension(extensionPath: string): Promise<boolean> {
  const yaml = vscode.extensions.getExtension<YamlExtensionApi>(yamlExtensionId);
  if (!yaml) {
    return false;
  }
  const api = await yaml.activate();
  const read = async (name: string) => JSON.parse(await readFile(path.join(extensionPath, 'schemas', name), 'utf8')) as unknown;
  const content = JSON.stringify(combinedSchema({ TokenRequest: await read('tokenrequest.schema.json'), TokenReview: await read('tokenreview.schema.json') }));
  return api.registerContributor(
    'kube-sa-tokens',
    (resource) => {
      const document = vscode.workspace.textDocuments.find((candidate) => candidate.uri.toString() === resource);
      return document && mentionsTokenKinds(document.getText()) ? schemaUri : undefined;
    },
    (uri) => (uri === schemaUri ? content : undefined),
    'Kubernetes TokenRequest / TokenReview',
  );
}
