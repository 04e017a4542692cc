// GET /openapi/v2, which kubectl fetches for client-side validation of `create -f` whenever the
// server's OpenAPI v3 shows no PATCH taking fieldValidation for the kind, which is the case for
// TokenRequest and TokenReview on a real server too (cli-runtime query_param_verifier_v3.go).
// Minimal but valid Swagger 2.0: the two create operations and the definitions they use.
import type { RequestContext } from './context';
import { authenticationGroup } from './discovery';
import { createOperations, definitions, schemaName } from './openapiSchemas';
import { swaggerProtobuf } from './openapiProtobuf';
import { ok, type Reply } from './reply';

/** What client-go asks for, and the content type kube-openapi's handler answers with (pkg/handler/handler.go): Go's mime parser refuses the "@". */
const protobufOpenapiAccept = 'application/com.github.proto-openapi.spec.v2@v1.0+protobuf';
const protobufOpenapiContentType = 'application/com.github.proto-openapi.spec.v2.v1.0+protobuf';

function swagger(release: string): Record<string, unknown> {
  const paths = Object.fromEntries(
    createOperations.map(({ path, kind, operationId }) => {
      const ref = { $ref: `#/definitions/${schemaName(kind)}` };
      const post = {
        consumes: ['*/*'],
        produces: ['application/json', 'application/yaml', 'application/vnd.kubernetes.protobuf'],
        operationId,
        parameters: [
          { name: 'body', in: 'body', required: true, schema: ref },
          { name: 'fieldValidation', in: 'query', type: 'string', uniqueItems: true },
        ],
        responses: { '200': { description: 'OK', schema: ref }, '201': { description: 'Created', schema: ref }, '202': { description: 'Accepted', schema: ref }, '401': { description: 'Unauthorized' } },
        'x-kubernetes-action': 'post',
        'x-kubernetes-group-version-kind': { group: authenticationGroup, kind, version: 'v1' },
      };
      return [path, { post }];
    }),
  );
  return { swagger: '2.0', info: { title: 'Kubernetes', version: `v${release}.0-local` }, paths, definitions: definitions('#/definitions/') };
}

export function openapiV2(context: RequestContext): Reply {
  const document = swagger(context.state.version);
  if (context.accept.includes(protobufOpenapiAccept) || context.accept.includes(protobufOpenapiContentType)) {
    return ok(swaggerProtobuf(document), { contentType: protobufOpenapiContentType });
  }
  return ok(document);
}
