// POST serviceaccounts/{name}/token, refusing what kube-apiserver refuses, in its words and order:
// the create handler's decoding, NamespaceLifecycle admission, then TokenREST.Create
// (pkg/registry/core/serviceaccount/storage/token.go).
import type { RequestContext } from './context';
import { decodeRequestObject } from './decode/requestObject';
import { goQuote } from './decode/goJson';
import { managedFields } from './managedFields';
import type { Reply } from './reply';
import { warningHeaders } from './warnings';
import { replyMetadata } from './replyMetadata';
import { invalid, notFound } from './status';
import { bind, type ObjectReference } from './tokenBinding';

interface TokenRequestObject {
  readonly metadata?: { readonly name?: string };
  readonly spec?: { readonly audiences?: string[]; readonly expirationSeconds?: number; readonly boundObjectRef?: ObjectReference };
}

/** pkg/serviceaccount/claims.go: the expiration kubelet asks for, and the one a real server then grants. */
const warnOnlyBoundTokenExpirationSeconds = 60 * 60 + 7;
const expirationExtensionSeconds = 24 * 365 * 60 * 60;

const rfc3339 = (milliseconds: number) => new Date(milliseconds).toISOString().replace(/\.\d+Z$/, 'Z');

/** pkg/apis/authentication/validation ValidateTokenRequest. */
function validateExpiration(expirationSeconds: number): Reply | undefined {
  const detail = expirationSeconds < 600 ? 'may not specify a duration less than 10 minutes' : expirationSeconds > 2 ** 32 ? 'may not specify a duration larger than 2^32 seconds' : undefined;
  return detail && invalid('TokenRequest', 'authentication.k8s.io', '', [{ reason: 'FieldValueInvalid', message: `Invalid value: ${expirationSeconds}: ${detail}`, field: 'spec.expirationSeconds' }]);
}

/**
 * Warnings go into the response's headers as they arise (apiserver's warning recorder), so the
 * decoder's unknown-field warnings come with any answer, a refusal included.
 */
export async function tokenRequest(context: RequestContext): Promise<Reply> {
  const decoded = await decodeRequestObject(context, 'TokenRequest', context.params.namespace);
  if (!('object' in decoded)) {
    return decoded;
  }
  const warnings = [...decoded.warnings];
  const reply = await create(context, decoded.object, warnings);
  return { ...reply, headers: { ...reply.headers, ...warningHeaders(warnings) } };
}

async function create(context: RequestContext, object: Record<string, unknown>, warnings: string[]): Promise<Reply> {
  const { namespace, name } = context.params;
  const { store, tokens, behaviour, clock } = context.state;
  const request = object as TokenRequestObject;
  // SetDefaults_TokenRequestSpec, applied by the decoder, so the field manager sees it too.
  const spec = { ...request.spec, expirationSeconds: request.spec?.expirationSeconds ?? 3600 };
  const fields = managedFields(context, { ...object, spec }, 'authentication.k8s.io/v1', 'token');
  if (!store.get('namespaces', undefined, namespace)) {
    return notFound('namespaces', namespace);
  }
  if (request.metadata?.name && request.metadata.name !== name) {
    return invalid('TokenRequest', 'authentication.k8s.io', name, [
      { reason: 'FieldValueInvalid', message: `Invalid value: ${goQuote(request.metadata.name)}: must match the service account name if specified`, field: 'metadata.name' },
    ]);
  }
  const account = store.get('serviceaccounts', namespace, name);
  if (!account) {
    return notFound('serviceaccounts', name);
  }
  const audiences = spec.audiences?.length ? spec.audiences : [...tokens.apiAudiences];
  const now = clock.now();
  const refused = validateExpiration(spec.expirationSeconds);
  if (refused) {
    return refused;
  }
  const reference = spec.boundObjectRef;
  const binding = reference ? bind(store, behaviour, namespace, name, reference) : undefined;
  if (binding && !('bound' in binding)) {
    return binding;
  }
  let expirationSeconds = spec.expirationSeconds;
  const maxExpirationSeconds = context.state.maxExpirationSeconds;
  if (maxExpirationSeconds !== undefined && expirationSeconds > maxExpirationSeconds) {
    warnings.push(`requested expiration of ${expirationSeconds} seconds shortened to ${maxExpirationSeconds} seconds`);
    expirationSeconds = maxExpirationSeconds;
  }
  // --service-account-extend-token-expiration (on by default): kubelet's 3607 s for the API server's own
  // audiences becomes a year, with warnafter at 3607 s; the status still says 3607 s.
  const extended = binding?.bound.kind === 'Pod' && expirationSeconds === warnOnlyBoundTokenExpirationSeconds && audiences.every((audience) => tokens.apiAudiences.includes(audience));
  // A real kube-apiserver mints a real token even for dryRun=All (see the reference): so does this one.
  const issued = await tokens.issue(account, audiences, extended ? expirationExtensionSeconds : expirationSeconds, binding?.bound.kind === 'Node' ? undefined : binding?.bound, binding?.node, extended ? expirationSeconds : undefined);
  return {
    status: 201,
    body: {
      kind: 'TokenRequest',
      apiVersion: 'authentication.k8s.io/v1',
      metadata: replyMetadata(request.metadata, { name, namespace, creationTimestamp: rfc3339(now), managedFields: fields }),
      // The reference is echoed as sent: the server checks the UID but does not fill it in.
      spec: { audiences, expirationSeconds, boundObjectRef: reference ?? null },
      status: { token: issued.token, expirationTimestamp: rfc3339(now + expirationSeconds * 1000) },
    },
  };
}
