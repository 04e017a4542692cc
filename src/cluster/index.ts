/**
 * Entry point of the lazily loaded cluster bundle (dist/cluster.js). Everything that needs
 * @kubernetes/client-node is reached through here, so activation never pays for loading it.
 */
import { ApisApi, AuthenticationV1Api, AuthorizationV1Api, CoreV1Api, CustomObjectsApi, OpenidApi, VersionApi, WellKnownApi, type KubeConfig } from '@kubernetes/client-node';
import { homedir } from 'node:os';
import { ClusterError, type ExplicitKubeconfigSource } from './errors';
import { kubeconfigPaths, loadKubeconfig, setCurrentContextInFiles, summarizeContext, summarizeKubeconfig, withContext } from './kubeconfig';
import { limitCredentialPlugins } from './execPlugins';
import { reuseConnections } from './connections';
import { reviewAccess } from './access';
import { discoverResources, type ApiDiscovery } from './discovery';
import { fetchIssuer, fetchIssuerKeys, type ClusterIssuerKeys } from './issuer';
import { listNames, type NameKind } from './names';
import { RbacPermissions } from './rbac';
import { RequestScope } from './requestScope';
import { deleteObject, readLegacyTokenSecret, readPodForRevocation, recreateServiceAccount, type DeletedObject, type DeletionTarget, type LegacyTokenSecretContents, type PodForRevocation, type RecreatedServiceAccount } from './revocation';
import { fetchServiceAccountDetails, type ServiceAccountDetails } from './serviceAccountDetails';
import { serviceAccountKubeconfig } from './serviceAccountKubeconfig';
import { listServiceAccounts } from './serviceAccounts';
import { listBindableObjects, requestToken, reviewToken } from './tokens';
import type { ApiCallRecord, BindableObject, BoundObjectKind, ContextSummary, IssuedToken, KubeconfigSummary, ServerVersion, ServiceAccountListing, TokenRequestInput, TokenReviewOutcome } from './types';
import { fetchServerVersion } from './version';
import type { PermissionsOutcome } from '../rbac/permissions';
import type { AccessReviewAnswer, SubjectAccessReviewSpec } from '../rbac/access';
import * as l10n from '../text/l10n';

export { ClusterError } from './errors';
// This bundle holds its own copy of src/text/l10n (for its errors and the RBAC texts it builds): ClusterConnection gives it the bundle VS Code loaded.
export { configureLocalisation } from '../text/l10n';
export type { ExplicitKubeconfigSource } from './errors';
export type { ApiDiscovery, DiscoveredResource } from './discovery';
export type { ClusterIssuerKeys } from './issuer';
export type { NameKind } from './names';
export type { DeletableKind, DeletedObject, DeletionTarget, LegacyTokenSecretContents, PodForRevocation, RecreatedServiceAccount } from './revocation';
export type { Listed, ServiceAccountDetails } from './serviceAccountDetails';
export type * from './types';
export type { PermissionsOutcome } from '../rbac/permissions';

export interface SessionOptions {
  /** A kubeconfig path the user chose in a machine-scoped setting (or the Kubernetes extension's); otherwise KUBECONFIG or ~/.kube/config. */
  readonly kubeconfigPath?: string;
  /** Where kubeconfigPath came from, for messages; 'setting' when not given. */
  readonly kubeconfigSource?: ExplicitKubeconfigSource;
  /** A context picked in the editor; otherwise the kubeconfig's current-context. */
  readonly contextName?: string;
  readonly timeoutMs: number;
  /** Told of each API call that got an answer, for the log. */
  readonly onApiCall?: (call: ApiCallRecord) => void;
}

/** The contexts a person can switch between, and the files they come from (to watch them). */
export function readKubeconfig(kubeconfigPath?: string, kubeconfigSource?: ExplicitKubeconfigSource): KubeconfigSummary {
  const files = kubeconfigPaths(kubeconfigPath, process.env, homedir(), kubeconfigSource);
  return summarizeKubeconfig(loadKubeconfig(files), files.existing);
}

/** Writes the context as current-context into the kubeconfig, so kubectl uses it too; returns the file changed. */
export function makeContextKubectlsToo(kubeconfig: KubeconfigSummary, contextName: string): Promise<string> {
  return setCurrentContextInFiles(kubeconfig.files, contextName);
}

/** One kubeconfig context, ready to make API calls. */
export class ClusterSession {
  /** RBAC objects are listed once per session (one context) and shared for a short while: see RbacPermissions. */
  private readonly rbac: RbacPermissions;

  private constructor(
    private readonly config: KubeConfig,
    readonly kubeconfig: KubeconfigSummary,
    readonly context: ContextSummary,
    private readonly timeoutMs: number,
    private readonly connections: { close(): void },
    private readonly onApiCall?: (call: ApiCallRecord) => void,
  ) {
    this.rbac = new RbacPermissions(config, (cancel) => this.scope(cancel));
  }

  static open(options: SessionOptions): ClusterSession {
    const files = kubeconfigPaths(options.kubeconfigPath, process.env, homedir(), options.kubeconfigSource);
    const loaded = loadKubeconfig(files);
    const contextName = options.contextName ?? loaded.getCurrentContext();
    if (!contextName) {
      throw new ClusterError(l10n.t('The kubeconfig has no current-context. Switch to one of its contexts.'), 'config', undefined, { reason: 'no-current-context' });
    }
    const { config, context } = withContext(loaded, contextName, options.contextName !== undefined);
    limitCredentialPlugins(config, options.timeoutMs);
    const connections = reuseConnections(config);
    return new ClusterSession(config, summarizeKubeconfig(loaded, files.existing), summarizeContext(config, context), options.timeoutMs, connections, options.onApiCall);
  }

  /** Done with this session (another context, kubeconfig or setting replaced it): calls under way finish, then its connections close. */
  close(): void {
    this.connections.close();
  }

  listServiceAccounts(cancel?: AbortSignal): Promise<ServiceAccountListing> {
    return listServiceAccounts(this.config.makeApiClient(CoreV1Api), this.scope(cancel));
  }

  /** One ServiceAccount as the server has it, with the Pods that run as it and its namespace's token Secrets (metadata only). */
  serviceAccountDetails(namespace: string, name: string, cancel?: AbortSignal): Promise<ServiceAccountDetails> {
    return fetchServiceAccountDetails(this.config.makeApiClient(CoreV1Api), this.scope(cancel), namespace, name);
  }

  /**
   * What a ServiceAccount may do: from the RBAC objects the person can list (read once and shared for
   * 30 s by every ServiceAccount of this context), else from a rules review as the ServiceAccount when
   * the person may impersonate it, else why not and what permission to ask for.
   */
  serviceAccountPermissions(namespace: string, name: string, cancel?: AbortSignal): Promise<PermissionsOutcome> {
    return this.rbac.of({ namespace, name }, cancel);
  }

  /** The Pod a token is bound to: who owns it and its grace period, for what deleting it means (1 request). */
  podForRevocation(namespace: string, name: string, cancel?: AbortSignal): Promise<PodForRevocation> {
    return readPodForRevocation(this.config.makeApiClient(CoreV1Api), this.scope(cancel), namespace, name);
  }

  /** A legacy token Secret with its token, held in memory only to check with TokenReview that deleting it worked (1 request). */
  legacyTokenSecret(namespace: string, name: string, cancel?: AbortSignal): Promise<LegacyTokenSecretContents> {
    return readLegacyTokenSecret(this.config.makeApiClient(CoreV1Api), this.scope(cancel), namespace, name);
  }

  /** Deletes a Pod, Secret or ServiceAccount, with the UID the token names as a precondition (1 request). */
  deleteObject(target: DeletionTarget, cancel?: AbortSignal): Promise<DeletedObject> {
    return deleteObject(this.config.makeApiClient(CoreV1Api), this.scope(cancel), target);
  }

  /** Deletes a ServiceAccount that still has `expectedUid` and creates it again with its labels, annotations and pull Secrets (3 requests). */
  recreateServiceAccount(namespace: string, name: string, expectedUid: string | undefined, dropSecretRefs: readonly string[], cancel?: AbortSignal): Promise<RecreatedServiceAccount> {
    return recreateServiceAccount(this.config.makeApiClient(CoreV1Api), this.scope(cancel), namespace, name, expectedUid, dropSecretRefs);
  }

  requestToken(input: TokenRequestInput, cancel?: AbortSignal): Promise<IssuedToken> {
    return requestToken(this.config.makeApiClient(CoreV1Api), this.scope(cancel), input);
  }

  reviewToken(token: string, audiences: readonly string[], cancel?: AbortSignal): Promise<TokenReviewOutcome> {
    return reviewToken(this.config.makeApiClient(AuthenticationV1Api), this.scope(cancel), token, audiences);
  }

  listBindableObjects(kind: BoundObjectKind, namespace: string, serviceAccount: string, cancel?: AbortSignal): Promise<BindableObject[]> {
    return listBindableObjects(this.config.makeApiClient(CoreV1Api), this.scope(cancel), kind, namespace, serviceAccount);
  }

  /** Up to 500 names of a kind, for completion; `namespace` is ignored for namespaces and nodes. */
  listNames(kind: NameKind, namespace: string, cancel?: AbortSignal): Promise<string[]> {
    return listNames(this.config.makeApiClient(CoreV1Api), this.scope(cancel), kind, namespace);
  }

  serverVersion(cancel?: AbortSignal): Promise<ServerVersion> {
    return fetchServerVersion(this.config.makeApiClient(VersionApi), this.scope(cancel));
  }

  /** The service-account issuer and its public keys (2 requests), to verify token signatures locally. */
  issuerKeys(cancel?: AbortSignal): Promise<ClusterIssuerKeys> {
    return fetchIssuerKeys(this.config.makeApiClient(WellKnownApi), this.config.makeApiClient(OpenidApi), this.scope(cancel));
  }

  /** The `iss` of the ServiceAccount tokens this cluster signs (1 request; people without issuer-discovery rights get a forbidden ClusterError). */
  issuer(cancel?: AbortSignal): Promise<string> {
    return fetchIssuer(this.config.makeApiClient(WellKnownApi), this.scope(cancel));
  }

  /** The resources the API server serves and their verbs, as `kubectl api-resources` reads them (2 requests and one per group). */
  discoverResources(cancel?: AbortSignal): Promise<ApiDiscovery> {
    return discoverResources(this.config.makeApiClient(CoreV1Api), this.config.makeApiClient(ApisApi), this.config.makeApiClient(CustomObjectsApi), this.scope(cancel));
  }

  /** A SubjectAccessReview: whether the spec's user and groups may make its request, by every authorizer the server runs. */
  reviewAccess(spec: SubjectAccessReviewSpec, cancel?: AbortSignal): Promise<AccessReviewAnswer> {
    return reviewAccess(this.config.makeApiClient(AuthorizationV1Api), this.scope(cancel), spec);
  }

  /** A kubeconfig for the current cluster that authenticates with the issued token. */
  serviceAccountKubeconfig(issued: IssuedToken): string {
    const cluster = this.config.getCurrentCluster();
    if (!cluster) {
      throw new ClusterError(l10n.t('Context {0} names no cluster.', this.context.name), 'config');
    }
    return serviceAccountKubeconfig(cluster, issued);
  }

  /** How the kubeconfig trusts the server: a CA file it names, or the PEM of its inline CA data; undefined when it trusts the system's CAs. */
  certificateAuthority(): { readonly file: string } | { readonly pem: string } | undefined {
    const cluster = this.config.getCurrentCluster();
    if (cluster?.caFile) {
      return { file: cluster.caFile };
    }
    return cluster?.caData ? { pem: Buffer.from(cluster.caData, 'base64').toString('utf8') } : undefined;
  }

  private scope(cancel: AbortSignal | undefined): RequestScope {
    return new RequestScope(this.context, this.timeoutMs, cancel, this.onApiCall);
  }
}
