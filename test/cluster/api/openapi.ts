// OpenAPI v3, as kubectl reads it to decide where manifests are validated: it looks for a PATCH of the
// kind taking fieldValidation (cli-runtime pkg/resource/query_param_verifier_v3.go). TokenRequest and
// TokenReview have only POST, on a real server as here, so kubectl validates them itself against
// /openapi/v2 and still sends fieldValidation=Strict, which the server honours from 1.25.
import { createHash } from 'node:crypto';
import type { Handler, RequestContext } from './context';
import { authenticationGroup } from './discovery';
import { createOperations, definitions, schemaName } from './openapiSchemas';
import { ok, type Reply } from './reply';

function document(key: string, release: string): Record<string, unknown> {
  const paths = Object.fromEntries(
    createOperations
      .filter((operation) => operation.document === key)
      .map(({ path, kind, operationId }) => {
        const ref = { $ref: `#/components/schemas/${schemaName(kind)}` };
        const post = {
          operationId,
          parameters: [{ name: 'fieldValidation', in: 'query', schema: { type: 'string', uniqueItems: true } }],
          requestBody: { content: { '*/*': { schema: ref } }, required: true },
          responses: { '201': { description: 'Created', content: { 'application/json': { schema: ref } } } },
          'x-kubernetes-action': 'post',
          'x-kubernetes-group-version-kind': { group: authenticationGroup, version: 'v1', kind },
        };
        return [path, { post }];
      }),
  );
  return { openapi: '3.0.0', info: { title: 'Kubernetes', version: `v${release}.0-local` }, paths, components: { schemas: definitions('#/components/schemas/') } };
}

/** The hash in each URL changes with the document, as a real server's does, so kubectl's HTTP cache never serves another release's. */
const hashOf = (value: unknown) => createHash('sha512').update(JSON.stringify(value)).digest('hex').toUpperCase().slice(0, 128);

export const openapiIndex = (context: RequestContext): Reply =>
  ok({
    paths: Object.fromEntries(
      [...new Set(createOperations.map((operation) => operation.document))].map((key) => [key, { serverRelativeURL: `/openapi/v3/${key}?hash=${hashOf(document(key, context.state.version))}` }]),
    ),
  });

export function openapiDocument(key: string): Handler {
  return (context) => ok(document(key, context.state.version));
}
