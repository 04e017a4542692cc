import { ApiException } from '@kubernetes/client-node';
import { messageOf, type ClusterErrorKind, type ClusterFailure, type ServerRefusal } from '../errors';

/** What the person was doing when the call failed, so the message can name the permission needed. */
export interface Action {
  readonly verb: string;
  readonly resource: string;
  /** The API group of the resource; empty or absent for the core group. */
  readonly group?: string;
  readonly namespace?: string;
  /** The kubeconfig user, named in 401 messages. */
  readonly user?: string;
}

interface StatusCause {
  readonly reason?: string;
  readonly message?: string;
  readonly field?: string;
}

interface Status {
  readonly kind?: string;
  readonly message?: string;
  readonly reason?: string;
  readonly code?: number;
  readonly details?: { readonly name?: string; readonly kind?: string; readonly causes?: readonly StatusCause[]; readonly retryAfterSeconds?: number };
}

/** Where the kubeconfig files came from: the user setting, the KUBECONFIG list, or kubectl's default ~/.kube/config. */
export type KubeconfigSource = 'setting' | 'env' | 'default';

/** Why no context could be opened, typed so the editor can offer the fix that fits; `kind` is 'config' with each. */
export type ConfigProblem =
  | { readonly reason: 'kubeconfig-missing'; readonly source: KubeconfigSource }
  | { readonly reason: 'kubeconfig-unreadable'; readonly source: KubeconfigSource; readonly path: string }
  | { readonly reason: 'no-current-context' }
  /** The context in use is not in the kubeconfig: `chosen` when it was picked in the editor, else the file's current-context. */
  | { readonly reason: 'context-missing'; readonly context: string; readonly chosen: boolean };

/** A failed cluster call turned into one sentence that says what happened and what to do next. */
export class ClusterError extends Error implements ClusterFailure {
  override readonly name = 'ClusterError';
  constructor(
    message: string,
    readonly kind: ClusterErrorKind,
    readonly statusCode?: number,
    readonly configProblem?: ConfigProblem,
    readonly refusal?: ServerRefusal,
  ) {
    super(message);
  }
}

function parseStatus(body: unknown): Status | undefined {
  if (typeof body === 'object' && body !== null) {
    return body as Status;
  }
  if (typeof body !== 'string' || body.length === 0) {
    return undefined;
  }
  try {
    const parsed: unknown = JSON.parse(body);
    return typeof parsed === 'object' && parsed !== null ? (parsed as Status) : undefined;
  } catch {
    return undefined;
  }
}

/** Server texts often end with a period already; ours add one. */
function clause(text: string): string {
  return text.replace(/[.\s]+$/, '');
}

/** `tokenreviews.authentication.k8s.io`, as RBAC rules and `kubectl auth can-i` name it. */
function resourceName(action: Action): string {
  return action.group ? `${action.resource}.${action.group}` : action.resource;
}

function scope(action: Action): string {
  return action.namespace ? `in namespace ${action.namespace}` : 'at cluster scope';
}

function describeCauses(status: Status): string {
  // The body is the server's, of any shape: only objects count as causes.
  const causes = Array.isArray(status.details?.causes) ? status.details.causes.filter((cause) => typeof cause === 'object' && cause !== null) : [];
  if (causes.length === 0) {
    return status.message ?? 'the server rejected the request';
  }
  return causes.map((cause) => (cause.field ? `${cause.field}: ${cause.message ?? cause.reason}` : cause.message ?? cause.reason)).join('; ');
}

const maxCauses = 20;
const textOrUndefined = (value: unknown) => (typeof value === 'string' ? value : undefined);

/** The object and fields a Status names, read defensively: the body is the server's, of any shape. */
function refusalOf(status: Status | undefined): ServerRefusal {
  const details = typeof status?.details === 'object' && status.details !== null ? status.details : undefined;
  const causes = Array.isArray(details?.causes) ? details.causes.slice(0, maxCauses) : [];
  return {
    objectKind: textOrUndefined(details?.kind),
    name: textOrUndefined(details?.name),
    causes: causes.map((cause: unknown) => ({ field: textOrUndefined((cause as StatusCause | null)?.field), message: textOrUndefined((cause as StatusCause | null)?.message) })),
  };
}

function fromHttpStatus(code: number, status: Status | undefined, headers: Record<string, string>, action: Action): ClusterError {
  const serverSays = status?.message;
  switch (code) {
    case 401:
      return new ClusterError(
        `Unauthorized: the cluster rejected the credentials of user ${action.user ?? '(unknown)'}; they are wrong or expired. Log in again (for example run your cloud provider's login or refresh the kubeconfig) and retry.`,
        'unauthorized',
        code,
      );
    case 403:
      return new ClusterError(
        `Forbidden: you cannot ${action.verb} ${resourceName(action)} ${scope(action)}; ask for RBAC verb ${action.verb} on ${resourceName(action)}.${serverSays ? ` The server said: ${clause(serverSays)}.` : ''}`,
        'forbidden',
        code,
        undefined,
        refusalOf(status),
      );
    case 404:
      return new ClusterError(`Not found: ${clause(serverSays ?? `${action.resource} does not exist`)}. Refresh the view; it may have been deleted.`, 'not-found', code, undefined, refusalOf(status));
    case 409:
      return new ClusterError(`Conflict: ${clause(serverSays ?? 'the object changed on the server')}. Refresh and try again.`, 'conflict', code, undefined, refusalOf(status));
    case 400:
    case 422:
      return new ClusterError(`Invalid request: ${clause(status ? describeCauses(status) : 'the server rejected it')}. Correct it and try again.`, 'invalid', code, undefined, refusalOf(status));
    case 410:
      return new ClusterError(`Expired: ${clause(serverSays ?? 'the list is too old')}. Refresh to load it again.`, 'invalid', code);
    case 429: {
      const retryAfter = headers['retry-after'] ?? status?.details?.retryAfterSeconds?.toString();
      return new ClusterError(`Too many requests: the API server is throttling you.${retryAfter ? ` Retry after ${retryAfter} s.` : ' Wait a moment and retry.'}`, 'throttled', code);
    }
    default:
      if (code >= 500) {
        return new ClusterError(`The API server failed (HTTP ${code}${status?.reason ? ` ${status.reason}` : ''})${serverSays ? `: ${clause(serverSays)}` : ''}. Retry; if it persists, check the cluster's health.`, 'server', code);
      }
      return new ClusterError(`The API server answered HTTP ${code}${serverSays ? `: ${clause(serverSays)}` : ''}.`, 'unknown', code);
  }
}

const tlsCodes: Record<string, string> = {
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'the server certificate is not signed by a CA in the kubeconfig',
  SELF_SIGNED_CERT_IN_CHAIN: 'the server certificate is not signed by a CA in the kubeconfig',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'the server certificate is self-signed and not trusted by the kubeconfig',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'the server certificate is not signed by a CA in the kubeconfig',
  ERR_TLS_CERT_ALTNAME_INVALID: "the server certificate does not match the cluster's host name",
  CERT_HAS_EXPIRED: 'the server certificate has expired',
};

function errorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && typeof current === 'object' && current !== null; depth += 1) {
    const record = current as { code?: unknown; cause?: unknown };
    if (typeof record.code === 'string') {
      return record.code;
    }
    current = record.cause;
  }
  return undefined;
}

/** Where the call went and how it authenticated: enough to name the failing part, nothing secret. */
export interface Target {
  readonly server: string;
  readonly execCommand?: string;
}

const secretLooking = /[A-Za-z0-9_\-+=]{32,}/g;

/** The first lines of a plugin's stderr, with anything shaped like a token or key removed. */
export function firstLines(text: string, lines = 3, maxLength = 400): string {
  const kept = text.trim().split(/\r?\n/).slice(0, lines).join(' / ').replace(secretLooking, '[redacted]');
  return kept.length > maxLength ? `${kept.slice(0, maxLength)}…` : kept;
}

function execFailure(error: unknown, command: string, user: string | undefined): ClusterError | undefined {
  const record = error as { code?: string; syscall?: string; name?: string; message?: string } | undefined;
  if (record?.code === 'ENOENT' && record.syscall?.startsWith('spawn')) {
    return new ClusterError(`The credential plugin ${command} of user ${user ?? '(unknown)'} is not installed or not on PATH. Install it, or fix users[].user.exec.command in the kubeconfig.`, 'config');
  }
  if (record?.name === 'SyntaxError') {
    return new ClusterError(`The credential plugin ${command} printed something that is not an ExecCredential. Run it by hand to see what it prints.`, 'config');
  }
  if (record?.name === 'Error' && record.code === undefined && typeof record.message === 'string') {
    const stderr = firstLines(record.message);
    return new ClusterError(`The credential plugin ${command} of user ${user ?? '(unknown)'} failed${stderr ? `: ${stderr}` : ''}. Log in again with it, then retry.`, 'unauthorized');
  }
  return undefined;
}

/** Maps anything a client call can throw to a ClusterError; the original message never carries credentials. */
export function toClusterError(error: unknown, action: Action, target?: Target): ClusterError {
  if (error instanceof ClusterError) {
    return error;
  }
  if (error instanceof ApiException) {
    return fromHttpStatus(error.code, parseStatus(error.body), error.headers ?? {}, action);
  }
  const server = target?.server ?? 'the API server';
  const code = errorCode(error);
  const name = (error as { name?: string } | undefined)?.name;
  if (name === 'AbortError') {
    return new ClusterError('Cancelled.', 'cancelled');
  }
  if (name === 'TimeoutError') {
    return new ClusterError(`Timed out waiting for ${target?.execCommand ? `${server} or the credential plugin ${target.execCommand}` : server}. Check the network or raise the kubeSaTokens.requestTimeoutSeconds setting.`, 'timeout');
  }
  if (code && tlsCodes[code]) {
    return new ClusterError(`TLS error talking to ${server}: ${tlsCodes[code]}. Check certificate-authority-data and the server address in the kubeconfig.`, 'tls');
  }
  switch (code) {
    case 'ECONNREFUSED':
      return new ClusterError(`Connection refused by ${server}. Is the cluster running and the address in the kubeconfig right?`, 'network');
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new ClusterError(`Cannot resolve the host of ${server} (DNS lookup failed). Check the server address and your network or VPN.`, 'network');
    case 'ECONNRESET':
    case 'EPIPE':
    case 'ETIMEDOUT':
      return new ClusterError(`The connection to ${server} was dropped (${code}). Retry; if it persists, check the network.`, 'network');
  }
  const fromPlugin = target?.execCommand ? execFailure(error, target.execCommand, action.user) : undefined;
  if (fromPlugin) {
    return fromPlugin;
  }
  return new ClusterError(`Request to ${server} failed: ${firstLines(messageOf(error), 1)}`, 'unknown');
}
