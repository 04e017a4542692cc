// POST tokenreviews: the token goes through the same authenticator chain as a request's bearer token
// (pkg/registry/authentication/tokenreview/storage.go), so static tokens authenticate too and a
// success is cached for 10 s. A review answers 201 even for a token it rejects: the verdict is in status.
import type { RequestContext } from './context';
import { decodeRequestObject } from './decode/requestObject';
import { managedFields } from './managedFields';
import type { Reply } from './reply';
import { warningHeaders } from './warnings';
import { replyMetadata } from './replyMetadata';
import { badRequest } from './status';

interface TokenReviewObject {
  readonly metadata?: unknown;
  readonly spec?: { readonly token?: string; readonly audiences?: string[] };
}

export async function tokenReview(context: RequestContext): Promise<Reply> {
  const decoded = await decodeRequestObject(context, 'TokenReview');
  if (!('object' in decoded)) {
    return decoded;
  }
  const { metadata, spec = {} } = decoded.object as TokenReviewObject;
  const fields = managedFields(context, decoded.object, 'authentication.k8s.io/v1');
  const headers = warningHeaders(decoded.warnings);
  if (!spec.token) {
    // The text a real v1.24 server answers (see the reference).
    return { ...badRequest('token is required for TokenReview in authentication'), headers };
  }
  const audiences = spec.audiences?.length ? spec.audiences : undefined;
  const result = await context.state.authenticator.authenticate(spec.token, audiences ?? context.state.tokens.apiAudiences);
  const status =
    'error' in result
      ? { user: {}, error: result.error }
      : {
          authenticated: true,
          user: { username: result.user.username, ...(result.user.uid ? { uid: result.user.uid } : {}), groups: result.user.groups, ...(result.user.extra ? { extra: result.user.extra } : {}) },
          audiences: result.audiences,
        };
  return {
    status: 201,
    headers,
    body: {
      kind: 'TokenReview',
      apiVersion: 'authentication.k8s.io/v1',
      metadata: replyMetadata(metadata, { managedFields: fields }),
      spec: { token: spec.token, ...(audiences ? { audiences } : {}) },
      status,
    },
  };
}
