import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import type { TokenAuthenticator } from './tokenAuthenticator';

export interface User {
  readonly name: string;
  readonly uid?: string;
  readonly groups: readonly string[];
  readonly extra?: Record<string, string[]>;
}

/** What a request presents, taken off the connection so authentication can be tested without TLS. */
export interface Credentials {
  readonly authorization?: string;
  /** The subject of a client certificate the CA signed: CN is the user, O the groups. */
  readonly certificateSubject?: { readonly CN?: string | string[]; readonly O?: string | string[] };
}

const anonymous: User = { name: 'system:anonymous', groups: ['system:unauthenticated'] };

/** Static tokens of the local users, new at every start so none outlives its server. */
export function bearerUsers(): ReadonlyMap<string, User> {
  return new Map<string, User>([
    [randomBytes(24).toString('base64url'), { name: 'admin', groups: ['system:masters', 'system:authenticated'] }],
    [randomBytes(24).toString('base64url'), { name: 'restricted', groups: ['system:authenticated'] }],
    [randomBytes(24).toString('base64url'), { name: 'impersonator', groups: ['system:authenticated'] }],
  ]);
}

export function bearerTokenOf(users: ReadonlyMap<string, User>, name: string): string {
  return [...users].find(([, user]) => user.name === name)![0];
}

export function credentialsOf(request: IncomingMessage): Credentials {
  const socket = request.socket as TLSSocket;
  return { authorization: request.headers.authorization, certificateSubject: socket.authorized ? socket.getPeerCertificate().subject : undefined };
}

/**
 * kube-apiserver's authenticator chain: a bearer token (static, then ServiceAccount, cached), else a
 * client certificate, else anonymous. undefined means the credentials were presented and are
 * wrong, which is a 401 rather than anonymous access.
 */
export async function authenticate(credentials: Credentials, authenticator: TokenAuthenticator, apiAudiences: readonly string[]): Promise<User | undefined> {
  const header = credentials.authorization;
  if (header?.startsWith('Bearer ')) {
    const reviewed = await authenticator.authenticate(header.slice('Bearer '.length).trim(), apiAudiences);
    return 'user' in reviewed ? { name: reviewed.user.username, uid: reviewed.user.uid || undefined, groups: reviewed.user.groups, extra: reviewed.user.extra } : undefined;
  }
  if (header) {
    return undefined;
  }
  const subject = credentials.certificateSubject;
  if (subject) {
    const groups = subject.O === undefined ? [] : Array.isArray(subject.O) ? subject.O : [subject.O];
    return { name: String(subject.CN), groups: [...groups, 'system:authenticated'] };
  }
  return anonymous;
}
