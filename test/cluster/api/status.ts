// Failure replies as kube-apiserver's Status objects (apimachinery/pkg/api/errors), so that
// clients parse the local server's refusals exactly as they parse a real one's.
import type { Reply } from './reply';

export function status(code: number, reason: string, message: string, details?: Record<string, unknown>): Reply {
  return { status: code, body: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, ...(details ? { details } : {}), code } };
}

export interface Cause {
  readonly reason: string;
  readonly message: string;
  readonly field: string;
}

/** errors.NewInvalid: 422, the causes joined as field.ErrorList aggregates them; a core kind has no group. */
export function invalid(kind: string, group: string, name: string, causes: readonly Cause[]): Reply {
  const listed = causes.map((cause) => `${cause.field}: ${cause.message}`);
  return status(422, 'Invalid', `${group ? `${kind}.${group}` : kind} "${name}" is invalid: ${listed.length === 1 ? listed[0] : `[${listed.join(', ')}]`}`, {
    ...(name ? { name } : {}),
    ...(group ? { group } : {}),
    kind,
    causes,
  });
}

export const unauthorized = (): Reply => status(401, 'Unauthorized', 'Unauthorized');
export const notFound = (resource: string, name: string): Reply => status(404, 'NotFound', `${resource} "${name}" not found`, { name, kind: resource });
export const badRequest = (message: string): Reply => status(400, 'BadRequest', message);
export const internalError = (message: string): Reply => status(500, 'InternalError', `Internal error occurred: ${message}`);

/**
 * A path under one of go-restful's web services (/api, /api/v1, /apis/<group>/<version>, /version) that
 * matches no route, or matches with another method: go-restful's ServiceError made a Status by the
 * apiserver's serviceErrorHandler (apiserver pkg/server/handler.go, errors.NewGenericServerResponse).
 */
export const noRoute = (): Reply => status(404, 'NotFound', 'the server could not find the requested resource', {});
export const methodNotAllowed = (): Reply => status(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource', {});

/** Any other path falls through to the non-go-restful mux, whose NotFoundHandler is Go's http.NotFound. */
export const pageNotFound = (): Reply => ({ status: 404, body: '404 page not found\n', contentType: 'text/plain; charset=utf-8', headers: { 'X-Content-Type-Options': 'nosniff' } });

/** handlers/rest.go limitedReadBody: past --max-request-body-bytes (3 MiB by default). */
export const requestEntityTooLarge = (limit: number): Reply => status(413, 'RequestEntityTooLarge', `Request entity too large: limit is ${limit}`);
