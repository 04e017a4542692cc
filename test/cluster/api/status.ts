// Failure replies as kube-apiserver's Status objects (apimachinery/pkg/api/errors), so that
// clients parse the local server's refusals exactly as they parse a real one's.
import type { Reply } from './reply';

export function status(code: number, reason: string, message: string, details?: Record<string, unknown>): Reply {
  return { status: code, body: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, ...(details ? { details } : {}), code } };
}

export const unauthorized = (): Reply => status(401, 'Unauthorized', 'Unauthorized');
export const notFound = (resource: string, name: string): Reply => status(404, 'NotFound', `${resource} "${name}" not found`, { name, kind: resource });
export const noRoute = (): Reply => status(404, 'NotFound', 'the server could not find the requested resource', { causes: [{ reason: 'UnexpectedServerResponse', message: '404 page not found' }] });
export const badRequest = (message: string): Reply => status(400, 'BadRequest', message);
export const internalError = (message: string): Reply => status(500, 'InternalError', `Internal error occurred: ${message}`);
