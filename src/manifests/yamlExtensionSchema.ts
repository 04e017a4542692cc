/**
 * The schema offered to Red Hat's YAML extension. It keeps what helps completion and hover
 * (properties, descriptions, example values) and drops every validation keyword: this extension
 * already reports those problems, with exact ranges and quick fixes, and a person should see
 * each problem once, not once from each extension.
 */

type Schema = Record<string, unknown>;

const validationKeywords = new Set(['required', 'additionalProperties', 'type', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'pattern', 'maxLength', 'minLength', 'minItems', 'maxItems', 'format', 'const', 'not', 'oneOf', 'anyOf']);

/** Copies the schema without validation keywords; `enum` becomes `examples`, which the YAML extension still completes. */
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
    title: 'Kubernetes TokenRequest and TokenReview (completion and documentation only)',
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
