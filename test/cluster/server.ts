import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import https from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { authenticate, bearerTokenOf, bearerUsers, credentialsOf } from './api/authentication';
import { errorReply, readBody } from './api/body';
import type { ServerState } from './api/context';
import { FaultInjector, type FailureRule } from './api/faults';
import { impersonate } from './api/impersonation';
import { kubeconfigYaml } from './api/kubeconfig';
import type { Reply } from './api/reply';
import { bootstrapPolicy } from './api/rbacBootstrap';
import { dispatch } from './api/routes';
import { unauthorized } from './api/status';
import { TokenAuthenticator } from './api/tokenAuthenticator';
import { createCertificates } from './certificates';
import { Clock } from './clock';
import { grantLocalUsers } from './rbacSeed';
import { seedDemo, seedGenerated } from './seed';
import { ServiceAccountTokens, type SigningAlgorithm } from './serviceAccountTokens';
import { Store } from './store';
import { behaviourOf, newestVersion, type KubernetesVersion } from './version';

export type { FailureRule } from './api/faults';

export interface LocalClusterOptions {
  /** 0 (the default) picks a free port. */
  readonly port?: number;
  /** With serviceAccountsPerNamespace: generate ns-000… × sa-00… instead of the demo seed. */
  readonly namespaces?: number;
  readonly serviceAccountsPerNamespace?: number;
  readonly latencyMs?: number;
  /** The `iss` of bound tokens; defaults to the server URL. */
  readonly issuer?: string;
  /** Like --service-account-max-token-expiration: longer requests are shortened, with a Warning header. */
  readonly maxExpirationSeconds?: number;
  readonly signingAlgorithm?: SigningAlgorithm;
  /** Like --api-audiences; defaults to [issuer]. */
  readonly apiAudiences?: readonly string[];
  /** The kube-apiserver release to act as; the newest by default. */
  readonly version?: KubernetesVersion;
  /**
   * Whether ClusterRole aggregation runs, as kube-controller-manager's controller does (the default).
   * false acts as a bare kube-apiserver: admin, edit and view keep their aggregationRule and no rules.
   */
  readonly clusterRoleAggregation?: boolean;
}

export type LocalUser = 'admin' | 'restricted' | 'impersonator' | 'cert-admin';

export interface RequestRecord {
  readonly method: string;
  readonly path: string;
  readonly query: string;
  readonly user: string;
  readonly status: number;
}

export interface LocalCluster {
  readonly url: string;
  readonly version: KubernetesVersion;
  readonly caPem: string;
  readonly tokens: ServiceAccountTokens;
  readonly store: Store;
  /** Every request served, without credentials, for counting calls. */
  readonly requests: readonly RequestRecord[];
  clearRequests(): void;
  /** TLS connections accepted so far: a client that keeps its connections alive opens few. */
  readonly tlsConnections: number;
  /** TLS connections open now: a client done with a session closes its kept-alive ones. */
  readonly openTlsConnections: number;
  /** A complete kubeconfig (CA data included) for one of the cluster's users. */
  kubeconfigYaml(user?: LocalUser, contextName?: string): string;
  writeKubeconfig(path: string, user?: LocalUser, contextName?: string): Promise<void>;
  setLatency(milliseconds: number): void;
  injectFailures(rule: FailureRule): void;
  setMaxExpiration(seconds: number | undefined): void;
  /** Moves the server's clock forward: token lifetimes and the TokenReview cache run out sooner. */
  advanceClock(seconds: number): void;
  close(): Promise<void>;
}

/**
 * The outermost filters of kube-apiserver's handler chain (apiserver pkg/server/config.go
 * DefaultBuildHandlerChain) apply to every reply: WithAuditID echoes the request's Audit-Id or makes
 * a UUID, and WithCacheControl marks anything that did not choose its own caching as private.
 */
function writeReply(response: ServerResponse, reply: Reply, auditId: string): void {
  // Always bytes: with a string body Node encodes the head as UTF-8 too, and header bytes must go out as they are.
  const payload = Buffer.isBuffer(reply.body) ? reply.body : Buffer.from(typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body));
  response.writeHead(reply.status, {
    'Audit-Id': auditId,
    'Cache-Control': 'no-cache, private',
    'Content-Type': reply.contentType ?? 'application/json',
    'Content-Length': Buffer.byteLength(payload),
    ...(reply.headers ?? {}),
  });
  response.end(payload);
}

/** What one running server serves requests with. */
interface Serving {
  readonly state: ServerState;
  readonly faults: FaultInjector;
  readonly requests: RequestRecord[];
}

/** Faults first, then authentication, impersonation, then the route table; every request is recorded, dropped ones with status 0. */
async function handle({ state, faults, requests }: Serving, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const { pathname: path, search, searchParams: query } = new URL(request.url ?? '/', state.url);
  const method = request.method ?? 'GET';
  const record = (user: string, code: number) => requests.push({ method, path, query: search, user, status: code });
  const fault = await faults.apply(method, path, query);
  if (fault === 'drop') {
    record('', 0);
    request.socket.destroy();
    return;
  }
  let reply: Reply;
  let userName = '';
  if (fault) {
    reply = fault;
  } else {
    const user = await authenticate(credentialsOf(request), state.authenticator, state.tokens.apiAudiences);
    userName = user?.name ?? '(invalid credentials)';
    try {
      const { accept = '', 'content-type': contentType, 'user-agent': userAgent } = request.headers;
      const acting = user && impersonate(state.store, user, request.headersDistinct, request.url ?? '/');
      if (!acting) {
        reply = unauthorized();
      } else if ('reply' in acting) {
        reply = acting.reply;
      } else {
        reply = await dispatch({ state, user: acting.user, method, path, query, accept, contentType, userAgent, body: () => readBody(request) });
      }
    } catch (error) {
      reply = errorReply(error);
    }
  }
  record(userName, reply.status);
  const auditId = request.headers['audit-id'];
  writeReply(response, reply, typeof auditId === 'string' && auditId ? auditId : randomUUID());
}

/** Starts an HTTPS Kubernetes API server on 127.0.0.1 that speaks what the extension and kubectl use. */
export async function startLocalCluster(options: LocalClusterOptions = {}): Promise<LocalCluster> {
  const certificates = await createCertificates();
  const version = options.version ?? newestVersion;
  const behaviour = behaviourOf(version);
  const clock = new Clock();
  const store = new Store();
  const requests: RequestRecord[] = [];
  const faults = new FaultInjector(store, options.latencyMs ?? 0);
  const users = bearerUsers();
  const clientCertificate = await certificates.issueClientCertificate('cert-admin', ['system:masters']);

  const server = https.createServer({ key: certificates.server.keyPem, cert: certificates.server.certificatePem, ca: certificates.caPem, requestCert: true, rejectUnauthorized: false });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const issuer = options.issuer ?? url;
  const tokens = await ServiceAccountTokens.create(store, issuer, options.apiAudiences ?? [issuer], options.signingAlgorithm ?? 'RS256', behaviour, clock);
  const clusterRoleAggregation = options.clusterRoleAggregation ?? true;
  bootstrapPolicy(store, behaviour, { aggregate: clusterRoleAggregation });
  if (options.namespaces && options.serviceAccountsPerNamespace) {
    seedGenerated(store, options.namespaces, options.serviceAccountsPerNamespace);
  } else {
    await seedDemo(store, tokens, certificates.caPem);
  }
  grantLocalUsers(store);
  const authenticator = new TokenAuthenticator(users, tokens, clock);
  const state: ServerState = { url, store, tokens, authenticator, clock, version, behaviour, maxExpirationSeconds: options.maxExpirationSeconds, clusterRoleAggregation, rootCaPem: certificates.caPem };

  let tlsConnections = 0;
  let openTlsConnections = 0;
  server.on('secureConnection', (socket) => {
    tlsConnections += 1;
    openTlsConnections += 1;
    socket.once('close', () => (openTlsConnections -= 1));
  });
  const serving: Serving = { state, faults, requests };
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    handle(serving, request, response).catch(() => response.destroy());
  });

  const kubeconfigOf = (user: LocalUser = 'admin', contextName = 'local-cluster'): string =>
    kubeconfigYaml(url, certificates.caPem, user, user === 'cert-admin' ? { certificate: clientCertificate } : { token: bearerTokenOf(users, user) }, contextName);

  return {
    url,
    version,
    caPem: certificates.caPem,
    tokens,
    store,
    requests,
    clearRequests: () => {
      requests.length = 0;
    },
    get tlsConnections() {
      return tlsConnections;
    },
    get openTlsConnections() {
      return openTlsConnections;
    },
    kubeconfigYaml: kubeconfigOf,
    writeKubeconfig: (path, user, contextName) => writeFile(path, kubeconfigOf(user, contextName), { mode: 0o600 }),
    setLatency: (milliseconds) => {
      faults.latencyMs = milliseconds;
    },
    injectFailures: (rule) => faults.inject(rule),
    setMaxExpiration: (seconds) => {
      state.maxExpirationSeconds = seconds;
    },
    advanceClock: (seconds) => clock.advance(seconds),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
