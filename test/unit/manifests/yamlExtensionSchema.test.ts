import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { combinedSchema, contributedSchemaUri, mentionsTokenKinds, schemaContributor, schemaContributorName, withoutValidation } from '../../../src/manifests/yamlExtensionSchema';

const schema = (name: string) => JSON.parse(readFileSync(new URL(`../../../schemas/${name}`, import.meta.url), 'utf8')) as unknown;

function keywords(value: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(value)) {
    value.forEach((item) => keywords(item, found));
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, sub] of Object.entries(value)) {
      if (key !== 'properties') {
        found.add(key);
      }
      keywords(sub, found);
    }
  }
  return found;
}

test('the schema offered to the YAML extension keeps documentation and values but no validation keyword', () => {
  const lenient = withoutValidation(schema('tokenrequest.schema.json'));
  const used = keywords(lenient);
  for (const keyword of ['required', 'additionalProperties', 'type', 'minimum', 'maximum', 'pattern', 'enum']) {
    assert.ok(!used.has(keyword), keyword);
  }
  assert.ok(used.has('description'));
  const spec = (lenient as { properties: Record<string, { properties: Record<string, unknown> }> }).properties.spec;
  assert.ok('audiences' in spec.properties && 'expirationSeconds' in spec.properties && 'boundObjectRef' in spec.properties);
  assert.ok(JSON.stringify(spec).includes('"examples":["Pod","Secret","Node"]'));
});

test('the combined schema applies each kind\'s schema only to documents of that kind', () => {
  const combined = combinedSchema({ TokenRequest: schema('tokenrequest.schema.json'), TokenReview: schema('tokenreview.schema.json') });
  const branches = combined.allOf as { if: { properties: { kind: { const: string } } } }[];
  assert.deepEqual(branches.map((branch) => branch.if.properties.kind.const), ['TokenRequest', 'TokenReview']);
});

test('files are recognised by content', () => {
  assert.equal(mentionsTokenKinds('apiVersion: authentication.k8s.io/v1\nkind: TokenRequest\n'), true);
  assert.equal(mentionsTokenKinds('items:\n- kind: TokenReview\n'), true);
  assert.equal(mentionsTokenKinds('kind: Deployment\n# TokenRequest later\n'), false);
  assert.equal(mentionsTokenKinds('\n'.repeat(1_000_000)), false);
});

test('the contributor offers the schema by content, under a URI whose scheme is its name', () => {
  const texts = new Map([
    ['file:///request.yaml', 'apiVersion: authentication.k8s.io/v1\nkind: TokenRequest\n'],
    ['file:///deployment.yaml', 'kind: Deployment\n'],
  ]);
  const contributor = schemaContributor({ TokenRequest: schema('tokenrequest.schema.json') }, (resource) => texts.get(resource));
  const uri = contributor.requestSchema('file:///request.yaml');
  assert.equal(uri, contributedSchemaUri);
  // Red Hat's YAML extension asks the contributor registered under the URI's scheme for its content.
  assert.equal(new URL(uri).protocol, `${schemaContributorName}:`);
  assert.equal(contributor.requestSchema('file:///deployment.yaml'), undefined);
  assert.equal(contributor.requestSchema('file:///closed.yaml'), undefined);
  assert.deepEqual(JSON.parse(contributor.requestSchemaContent(uri)!), combinedSchema({ TokenRequest: schema('tokenrequest.schema.json') }));
  assert.equal(contributor.requestSchemaContent('kube-sa-tokens://schemas/other.json'), undefined);
});
