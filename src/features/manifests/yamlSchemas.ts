import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { schemaContributor, schemaContributorName } from '../../manifests';

const yamlExtensionId = 'redhat.vscode-yaml';

/** The part of the YAML extension's API used here (its src/schema-extension-api.ts). */
interface YamlExtensionApi {
  registerContributor(schema: string, requestSchema: (resource: string) => string | undefined, requestSchemaContent: (uri: string) => string | undefined, label?: string): boolean;
}

/**
 * When Red Hat's YAML extension is installed, offers it the TokenRequest and TokenReview schemas
 * (without validation keywords) for files that hold such documents, so its completion and hover
 * agree with ours while problems are reported once, by this extension. No label is passed: the YAML
 * extension reads a label as a `key:value` pattern and, when it matches, asks no other contributor.
 */
export async function contributeSchemasToYamlExtension(extensionPath: string): Promise<boolean> {
  const yaml = vscode.extensions.getExtension<YamlExtensionApi>(yamlExtensionId);
  if (!yaml) {
    return false;
  }
  const api = await yaml.activate();
  const read = async (name: string) => JSON.parse(await readFile(path.join(extensionPath, 'schemas', name), 'utf8')) as unknown;
  const contributor = schemaContributor({ TokenRequest: await read('tokenrequest.schema.json'), TokenReview: await read('tokenreview.schema.json') }, (resource) =>
    vscode.workspace.textDocuments.find((candidate) => candidate.uri.toString() === resource)?.getText(),
  );
  return api.registerContributor(schemaContributorName, contributor.requestSchema, contributor.requestSchemaContent);
}
