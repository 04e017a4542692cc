// schemas/*.schema.json must say what the validator's field table says: the same properties, types,
// descriptions and allowed values. UPDATE_SCHEMAS=1 writes them from the table (review the diff).
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { dns1123Label, dns1123Subdomain, kindFields, type Field, type TokenKind } from '../../../src/manifests/fields';
import { maxExpirationSeconds, minExpirationSeconds } from '../../../src/tokens/duration';

/** Constraints the validator checks in code rather than through the table. */
const constraints: Record<string, Record<string, unknown>> = {
  'metadata.name': { maxLength: dns1123Subdomain.maxLength, pattern: dns1123Subdomain.pattern },
  'metadata.namespace': { maxLength: dns1123Label.maxLength, pattern: dns1123Label.pattern },
  'spec.expirationSeconds': { minimum: minExpirationSeconds, maximum: maxExpirationSeconds },
};

function schemaOf(field: Field, path: string[]): Record<string, unknown> {
  const description = field.description() ? { description: field.description() } : {};
  const extra = { ...(field.values ? { enum: field.values } : {}), ...(constraints[path.join('.')] ?? {}) };
  switch (field.type) {
    case 'object': {
      const required = Object.entries(field.fields!)
        .filter(([, child]) => child.required)
        .map(([name]) => name);
      return {
        type: 'object',
        ...description,
        ...(required.length > 0 ? { required } : {}),
        properties: Object.fromEntries(Object.entries(field.fields!).map(([name, child]) => [name, schemaOf(child, [...path, name])])),
        // The server's strict decoding refuses any other property.
        additionalProperties: false,
      };
    }
    case 'list':
      return { type: 'array', ...description, items: schemaOf(field.items!, path) };
    case 'map':
      return { type: 'object', ...description, additionalProperties: schemaOf(field.items!, path) };
    case 'any':
      return { ...description };
    default:
      return { type: field.type, ...description, ...(field.time ? { format: 'date-time' } : {}), ...extra };
  }
}

function schemaFor(kind: TokenKind): Record<string, unknown> {
  const root = schemaOf(kindFields[kind], []);
  // A manifest file must say what it is; the API object alone only requires spec.
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: `${kind} (authentication.k8s.io/v1)`,
    ...root,
    required: ['apiVersion', 'kind', ...(root.required as string[])],
  };
}

for (const kind of ['TokenRequest', 'TokenReview'] as const) {
  test(`schemas/${kind.toLowerCase()}.schema.json matches the validator's field table`, () => {
    const path = join(__dirname, '../../../schemas', `${kind.toLowerCase()}.schema.json`);
    const expected = schemaFor(kind);
    if (process.env.UPDATE_SCHEMAS) {
      writeFileSync(path, `${JSON.stringify(expected, null, 2)}\n`);
    }
    assert.deepEqual(JSON.parse(readFileSync(path, 'utf8')), expected);
  });
}

test('every property of the schemas is a field the validator knows', () => {
  const names = (schema: Record<string, unknown>, field: Field, path: string): void => {
    const properties = (schema.properties ?? {}) as Record<string, Record<string, unknown>>;
    assert.deepEqual(Object.keys(properties).sort(), Object.keys(field.fields ?? {}).sort(), path);
    for (const [name, child] of Object.entries(properties)) {
      const known = field.fields![name];
      const inner = known.type === 'list' ? known.items! : known;
      names((child.items ?? child) as Record<string, unknown>, inner, `${path}.${name}`);
    }
  };
  for (const kind of ['TokenRequest', 'TokenReview'] as const) {
    const schema = JSON.parse(readFileSync(join(__dirname, '../../../schemas', `${kind.toLowerCase()}.schema.json`), 'utf8')) as Record<string, unknown>;
    names(schema, kindFields[kind], kind);
  }
});
