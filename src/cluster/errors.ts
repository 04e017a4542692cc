import { ApiException } from '@kubernetes/client-node';
import { messageOf, type ClusterErrorKind, type ClusterFailure, type ServerRefusal } from '../errors';
import * as l10n from '../text/l10n';

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

/**
 * Where the kubeconfig files came from: the user setting, the Kubernetes extension's kubeconfig
 * setting (followed when ours is unset), the KUBECONFIG list, or kubectl's default ~/.kube/config.
 */
export type KubeconfigSource = 'setting' | 'kubernetes-extension' | 'env' | 'default';

/** The sources that name one file explicitly. */
export type ExplicitKubeconfigSource = Extract<KubeconfigSource, 'setting' | 'kubernetes-extension'>;

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

/** One message per case, so a translation can place the namespace and the server's words where its language does. */
function forbidden(action: Action, serverSays: string | undefined): string {
  const resource = resourceName(action);
  if (action.namespace) {
    return serverSays
      ? l10n.t('Forbidden: you cannot {0} {1} in namespace {2}; ask for RBAC verb {0} on {1}. The server said: {3}.', action.verb, resource, action.namespace, clause(serverSays))
      : l10n.t('Forbidden: you cannot {0} {1} in namespace {2}; ask for RBAC verb {0} on {1}.', action.verb, resource, action.namespace);
  }
  return serverSays
    ? l10n.t('Forbidden: you cannot {0} {1} at cluster scope; ask for RBAC verb {0} on {1}. The server said: {2}.', action.verb, resource, clause(serverSays))
    : l10n.t('Forbidden: you cannot {0} {1} at cluster scope; ask for RBAC verb {0} on {1}.', action.verb, resource);
}

function describeCauses(status: Status): string {
  // The body is the server's, of any shape: only objects count as causes.
  const causes = Array.isArray(status.details?.causes) ? status.details.causes.filter((cause) => typeof cause === 'object' && cause !== null) : [];
  if (causes.length === 0) {
    return status.message ?? l10n.t('the server rejected the request');
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
        l10n.t('Unauthorized: the cluster rejected the credentials of user {0}; they are wrong or expired. Log in again (for example run your cloud provider\'s login or refresh the kubeconfig) and retry.', action.user ?? l10n.t('(unknown)')),
        'unauthorized',
        code,
      );
    case 403:
      return new ClusterError(
        forbidden(action, serverSays),
        'forbidden',
        code,
        undefined,
        refusalOf(status),
      );
    case 404:
      return new ClusterError(l10n.t('Not found: {0}. Refresh the view; it may have been deleted.', clause(serverSays ?? l10n.t('{0} does not exist', action.resource))), 'not-found', code, undefined, refusalOf(status));
    case 409:
      return new ClusterError(l10n.t('Conflict: {0}. Refresh and try again.', clause(serverSays ?? l10n.t('the object changed on the server'))), 'conflict', code, undefined, refusalOf(status));
    case 400:
    case 422:
      return new ClusterError(l10n.t('Invalid request: {0}. Correct it and try again.', clause(status ? describeCauses(status) : l10n.t('the server rejected it'))), 'invalid', code, undefined, refusalOf(status));
    case 410:
      return new ClusterError(l10n.t('Expired: {0}. Refresh to load it again.', clause(serverSays ?? l10n.t('the list is too old'))), 'invalid', code);
    case 429: {
      const retryAfter = headers['retry-after'] ?? status?.details?.retryAfterSeconds?.toString();
      return new ClusterError(retryAfter ? l10n.t('Too many requests: the API server is throttling you. Retry after {0} s.', retryAfter) : l10n.t('Too many requests: the API server is throttling you. Wait a moment and retry.'), 'throttled', code);
    }
    default:
      if (code >= 500) {
        // `500 InternalError`: the code and the server's reason, both the server's words.
        const answer = status?.reason ? `${code} ${status.reason}` : String(code);
        return new ClusterError(
          serverSays
            ? l10n.t('The API server failed (HTTP {0}): {1}. Retry; if it persists, check the cluster\'s health.', answer, clause(serverSays))
            : l10n.t('The API server failed (HTTP {0}). Retry; if it persists, check the cluster\'s health.', answer),
          'server',
          code,
        );
      }
      return new ClusterError(serverSays ? l10n.t('The API server answered HTTP {0}: {1}.', code, clause(serverSays)) : l10n.t('The API server answered HTTP {0}.', code), 'unknown', code);
  }
}

/** A function, so the texts are translated once the extension configured the language. */
const tlsCodes = (): Record<string, string> => ({
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: l10n.t('the server certificate is not signed by a CA in the kubeconfig'),
  SELF_SIGNED_CERT_IN_CHAIN: l10n.t('the server certificate is not signed by a CA in the kubeconfig'),
  DEPTH_ZERO_SELF_SIGNED_CERT: l10n.t('the server certificate is self-signed and not trusted by the kubeconfig'),
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: l10n.t('the server certificate is not signed by a CA in the kubeconfig'),
  ERR_TLS_CERT_ALTNAME_INVALID: l10n.t('the server certificate does not match the cluster\'s host name'),
  CERT_HAS_EXPIRED: l10n.t('the server certificate has expired'),
});

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
    return new ClusterError(l10n.t('The credential plugin {0} of user {1} is not installed or not on PATH. Install it, or fix users[].user.exec.command in the kubeconfig.', command, user ?? l10n.t('(unknown)')), 'config');
  }
  if (record?.name === 'SyntaxError') {
    return new ClusterError(l10n.t('The credential plugin {0} printed something that is not an ExecCredential. Run it by hand to see what it prints.', command), 'config');
  }
  if (record?.name === 'Error' && record.code === undefined && typeof record.message === 'string') {
    const stderr = firstLines(record.message);
    const who = user ?? l10n.t('(unknown)');
    return new ClusterError(
      stderr ? l10n.t('The credential plugin {0} of user {1} failed: {2}. Log in again with it, then retry.', command, who, stderr) : l10n.t('The credential plugin {0} of user {1} failed. Log in again with it, then retry.', command, who),
      'unauthorized',
    );
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
  const server = target?.server ?? l10n.t('the API server');
  const code = errorCode(error);
  const name = (error as { name?: string } | undefined)?.name;
  if (name === 'AbortError') {
    return new ClusterError(l10n.t('Cancelled.'), 'cancelled');
  }
  if (name === 'TimeoutError') {
    return new ClusterError(l10n.t('Timed out waiting for {0}. Check the network or raise the kubeSaTokens.requestTimeoutSeconds setting.', target?.execCommand ? l10n.t('{0} or the credential plugin {1}', server, target.execCommand) : server), 'timeout');
  }
  if (code && tlsCodes()[code]) {
    return new ClusterError(l10n.t('TLS error talking to {0}: {1}. Check certificate-authority-data and the server address in the kubeconfig.', server, tlsCodes()[code]), 'tls');
  }
  switch (code) {
    case 'ECONNREFUSED':
      return new ClusterError(l10n.t('Connection refused by {0}. Is the cluster running and the address in the kubeconfig right?', server), 'network');
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new ClusterError(l10n.t('Cannot resolve the host of {0} (DNS lookup failed). Check the server address and your network or VPN.', server), 'network');
    case 'ECONNRESET':
    case 'EPIPE':
    case 'ETIMEDOUT':
      return new ClusterError(l10n.t('The connection to {0} was dropped ({1}). Retry; if it persists, check the network.', server, code), 'network');
  }
  const fromPlugin = target?.execCommand ? execFailure(error, target.execCommand, action.user) : undefined;
  if (fromPlugin) {
    return fromPlugin;
  }
  return new ClusterError(l10n.t('Request to {0} failed: {1}', server, firstLines(messageOf(error), 1)), 'unknown');
}
