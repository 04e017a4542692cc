// OpenAPI v3 just large enough for kubectl to see that the server takes fieldValidation, so it
// validates there instead of downloading the protobuf OpenAPI v2 document. kubectl looks for the
// parameter on a PATCH operation only (cli-runtime/pkg/resource/query_param_verifier_v3.go), so the
// operation is listed as patch too; this server, like the real one, serves only POST there.
import type { Handler } from './context';
import { authenticationGroup } from './discovery';
import { ok, type Reply } from './reply';

/** Each group-version document, keyed as /openapi/v3/{key} names it, with the one operation it describes. */
const openapiGroupVersions: Readonly<Record<string, { path: string; kind: string }>> = {
  'api/v1': { path: '/api/v1/namespaces/{namespace}/serviceaccounts/{name}/token', kind: 'TokenRequest' },
  [`apis/${authenticationGroup}/v1`]: { path: `/apis/${authenticationGroup}/v1/tokenreviews`, kind: 'TokenReview' },
};

export const openapiIndex = (): Reply => ok({ paths: Object.fromEntries(Object.keys(openapiGroupVersions).map((key) => [key, { serverRelativeURL: `/openapi/v3/${key}?hash=local` }])) });

export function openapiDocument(key: string): Handler {
  const operation = openapiGroupVersions[key];
  const gvk = { group: authenticationGroup, version: 'v1', kind: operation.kind };
  const document = {
    openapi: '3.0.0',
    info: { title: 'Kubernetes', version: 'v1.33.0-local' },
    paths: {
      [operation.path]: Object.fromEntries(
        ['post', 'patch'].map((verb) => [
          verb,
          {
            parameters: [{ name: 'fieldValidation', in: 'query', schema: { type: 'string', uniqueItems: true } }],
            'x-kubernetes-action': verb,
            'x-kubernetes-group-version-kind': gvk,
            responses: { '201': { description: 'Created' } },
          },
        ]),
      ),
    },
    components: { schemas: { [`io.k8s.api.authentication.v1.${operation.kind}`]: { type: 'object', 'x-kubernetes-group-version-kind': [gvk] } } },
  };
  return () => ok(document);
}
