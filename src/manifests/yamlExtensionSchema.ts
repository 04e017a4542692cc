/**
 * The schema offered to Red Hat's YAML extension. It keeps what helps completion and hover
 * (properties, descriptions, example values) and drops every validation keyword: this extension
 * already reports those problems, with exact ranges and quick fixes, and a person should see
 * each problem once, not once from each extension.
 */

import * as l10n from '../text/l10n';

type Schema = Record<string, unknown>;

const validationKeywords = new Set(['required', 'additionalProperties', 'type', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'pattern', 'maxLength', 'minLength', 'minItems', 'maxItems', 'format', 'const', 'not', 'oneOf', 'anyOf']);

/**
 * A description of schemas/*.schema.json in the display language: they are the field descriptions of
 * fields.ts (a unit test keeps them equal), whose messages the bundle holds.
 */
function translatedDescription(description: string): string {
  const parts = l10n.translatedParts(description);
  return parts.length === 1 ? parts[0] : description;
}

/** Copies the schema without validation keywords, its descriptions translated; `enum` becomes `examples`, which the YAML extension still completes. */
export function withoutValidation(schema: unknown): unknown {
  if (Array.isArray(schema)) {
    return schema.map(withoutValidation);
  }
  if (typeof schema !== 'object' || schema === null) {
    return schema;
  }
  const copy: Schema = {};
  for (const [key, value] of Object.entries(schema as Schema)) {
    if (key === 'enum') {
      copy.examples = value;
    } else if (key === 'description' && typeof value === 'string') {
      copy.description = translatedDescription(value);
    } else if (!validationKeywords.has(key)) {
      copy[key] = key === 'properties' ? Object.fromEntries(Object.entries(value as Schema).map(([name, sub]) => [name, withoutValidation(sub)])) : withoutValidation(value);
    }
  }
  return copy;
}

/** One schema for both kinds, chosen by each document's `kind`, so other documents in the same file are left alone. */
export function combinedSchema(byKind: Record<string, unknown>): Schema {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: l10n.t('Kubernetes TokenRequest and TokenReview (completion and documentation only)'),
    allOf: Object.entries(byKind).map(([kind, schema]) => ({
      if: { properties: { kind: { const: kind } }, required: ['kind'] },
      then: withoutValidation(schema),
    })),
  };
}

/** Whether a YAML file holds a TokenRequest or TokenReview document, judged by content as the validator does. */
export function mentionsTokenKinds(text: string): boolean {
  return /^[ \t-]*kind:[ \t]*["']?token(request|review)\b/im.test(text);
}

/**
 * The name this extension registers with the YAML extension. Red Hat's extension hands a schema
 * content request to the contributor whose name is the URI's scheme
 * (redhat-developer/vscode-yaml src/schema-extension-api.ts, `requestCustomSchemaContent`), so the
 * schema's URI must use this name as its scheme.
 */
export const schemaContributorName = 'kube-sa-tokens';
export const contributedSchemaUri = `${schemaContributorName}://schemas/kubernetes-tokens.json`;

/** The two functions `registerContributor` takes: which schema a file gets, and that schema's text. */
export interface SchemaContributor {
  requestSchema(resource: string): string | undefined;
  requestSchemaContent(uri: string): string | undefined;
}

/**
 * Offers the combined schema of `schemasByKind` to the files that hold a TokenRequest or TokenReview,
 * judged by their text (`textOf` a resource URI, undefined when that file is not open).
 */
export function schemaContributor(schemasByKind: Record<string, unknown>, textOf: (resource: string) => string | undefined): SchemaContributor {
  const content = JSON.stringify(combinedSchema(schemasByKind));
  return {
    requestSchema: (resource) => {
      const text = textOf(resource);
      return text !== undefined && mentionsTokenKinds(text) ? contributedSchemaUri : undefined;
    },
    requestSchemaContent: (uri) => (uri === contributedSchemaUri ? content : undefined),
  };
}
