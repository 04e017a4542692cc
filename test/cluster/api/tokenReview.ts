import type { RequestContext } from './context';
import type { Reply } from './reply';
import { badRequest } from './status';

/** A review answers 201 even for a token it rejects: the verdict is in status, as in kube-apiserver. */
export async function tokenReview(context: RequestContext): Promise<Reply> {
  const body = await context.body();
  const spec = ((body as { spec?: { token?: string; audiences?: string[] } } | undefined)?.spec ?? {}) as { token?: string; audiences?: string[] };
  if (!spec.token) {
    return badRequest('token is required for TokenReview in authentication');
  }
  const result = await context.state.tokens.review(spec.token, spec.audiences ?? []);
  const base = { kind: 'TokenReview', apiVersion: 'authentication.k8s.io/v1', metadata: { creationTimestamp: null }, spec };
  if ('error' in result) {
    return { status: 201, body: { ...base, status: { user: {}, error: result.error } } };
  }
  return { status: 201, body: { ...base, status: { authenticated: true, user: result.user, audiences: result.audiences } } };
}
