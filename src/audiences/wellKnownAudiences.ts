/**
 * Audiences that name a well-known recipient of ServiceAccount tokens: what each is for and where
 * its value comes from. Completion in manifests, Request Token's audience step and the JWT hover
 * read this one table. Every value was checked against the provider's own code or documentation,
 * cited beside it; a provider changing its default is a change here.
 */
import * as l10n from '../text/l10n';

export type AudienceProvider = 'kubernetes' | 'aws' | 'azure' | 'gcp' | 'vault';

export interface WellKnownAudience {
  readonly provider: AudienceProvider;
  /** What receives the token, in a few words: "AWS IAM Roles for Service Accounts (IRSA)". */
  readonly name: string;
  /** The value to write; for a template, the form with its placeholders in capitals. */
  readonly audience: string;
  /** The value has placeholders to fill in (a Google Cloud provider's resource name). */
  readonly template?: boolean;
  /** What accepts a token for this audience, and what it gives in exchange. */
  readonly purpose: string;
  /** Where the value comes from. */
  readonly source: string;
  /**
   * For a cloud that trusts the cluster's issuer: the configuration on its side that the token's
   * issuer, subject and audience must match, and whether it fetches the issuer's keys itself.
   */
  readonly trust?: { readonly configuration: string; readonly fetchesKeys: 'always' | 'unless-uploaded' };
}

/**
 * The API server's own audience: kube-apiserver's --api-audiences, which defaults to its
 * --service-account-issuer (kubernetes/kubernetes pkg/kubeapiserver/options/authentication.go). The
 * value differs per cluster, so callers pass it (the cluster's issuer, or a token's own `iss`).
 */
function apiServerAudience(audience: string): WellKnownAudience {
  return {
    provider: 'kubernetes',
    name: l10n.t("the API server's own audience"),
    audience,
    get purpose() {
      return l10n.t('The Kubernetes API server accepts it. A TokenRequest without audiences, or a projected token without one, gets this audience.');
    },
    source: 'kube-apiserver --api-audiences, by default its --service-account-issuer',
  };
}

export const wellKnownAudiences: readonly WellKnownAudience[] = [
  {
    provider: 'aws',
    name: 'AWS IAM Roles for Service Accounts (IRSA)',
    audience: 'sts.amazonaws.com',
    get purpose() {
      return l10n.t('AWS STS (AssumeRoleWithWebIdentity) exchanges it for the credentials of the IAM role in AWS_ROLE_ARN; the SDKs read it from AWS_WEB_IDENTITY_TOKEN_FILE.');
    },
    // aws/amazon-eks-pod-identity-webhook main.go: --token-audience defaults to "sts.amazonaws.com",
    // --token-mount-path to "/var/run/secrets/eks.amazonaws.com/serviceaccount"; pkg/handler/handler.go
    // names the file "token" and sets AWS_ROLE_ARN and AWS_WEB_IDENTITY_TOKEN_FILE.
    source: 'aws/amazon-eks-pod-identity-webhook, main.go --token-audience default',
    trust: {
      get configuration() {
        return l10n.t("an IAM OIDC identity provider (its URL and audience) and the IAM role's trust policy (its `sub` condition)");
      },
      fetchesKeys: 'always',
    },
  },
  {
    provider: 'aws',
    name: 'Amazon EKS Pod Identity',
    audience: 'pods.eks.amazonaws.com',
    get purpose() {
      return l10n.t("The EKS Pod Identity Agent exchanges it (EKS Auth AssumeRoleForPodIdentity) for the credentials of the IAM role associated with the ServiceAccount; only the EKS cluster's own tokens are accepted.");
    },
    // aws/amazon-eks-pod-identity-webhook main.go: --container-credentials-audience defaults to
    // "pods.eks.amazonaws.com", mounted at /var/run/secrets/pods.eks.amazonaws.com/serviceaccount/eks-pod-identity-token.
    source: 'aws/amazon-eks-pod-identity-webhook, main.go --container-credentials-audience default',
  },
  {
    provider: 'azure',
    name: 'Azure Workload Identity',
    audience: 'api://AzureADTokenExchange',
    get purpose() {
      return l10n.t('Microsoft Entra ID exchanges it (a client assertion) for an access token of the app or managed identity in AZURE_CLIENT_ID; the SDKs read it from AZURE_FEDERATED_TOKEN_FILE.');
    },
    // Azure/azure-workload-identity pkg/webhook/consts.go: DefaultAudience = "api://AzureADTokenExchange";
    // up to v1.5 the webhook mounted the token at /var/run/secrets/azure/tokens/azure-identity-token
    // (TokenFileMountPath, TokenFilePathName), from v1.6.0 at /var/run/secrets/azure/wi/token/azure-identity-token.
    source: 'Azure/azure-workload-identity, pkg/webhook/consts.go DefaultAudience',
    trust: {
      get configuration() {
        return l10n.t('a federated identity credential of the app or managed identity, exactly');
      },
      fetchesKeys: 'always',
    },
  },
  {
    provider: 'gcp',
    name: 'Google Cloud Workload Identity Federation',
    audience: '//iam.googleapis.com/projects/PROJECT_NUMBER/locations/global/workloadIdentityPools/POOL_ID/providers/PROVIDER_ID',
    template: true,
    get purpose() {
      return l10n.t('Google Cloud STS exchanges it for a federated access token (or a service account\'s) through the workload identity pool provider it names.');
    },
    // google.iam.v1 WorkloadIdentityPoolProvider.Oidc.allowed_audiences: "If this list is empty, the OIDC
    // token audience must be equal to the full canonical resource name of the WorkloadIdentityPoolProvider,
    // with or without the HTTPS prefix" (https://cloud.google.com/ruby/docs/reference/google-iam-v1beta/latest/Google-Iam-V1beta-WorkloadIdentityPoolProvider-Oidc).
    // A provider may instead take an uploaded key set (jwksJson), so its issuer need not be public.
    source: 'google.iam.v1 WorkloadIdentityPoolProvider.Oidc.allowed_audiences',
    trust: {
      get configuration() {
        return l10n.t('a workload identity pool provider (its issuer and allowed audiences) and the IAM binding of the principal it maps from `sub`');
      },
      fetchesKeys: 'unless-uploaded',
    },
  },
  {
    provider: 'vault',
    name: 'HashiCorp Vault (Kubernetes auth)',
    audience: 'vault',
    get purpose() {
      return l10n.t("Vault's Kubernetes auth method accepts it for a role whose audience is this value and whose bound ServiceAccount and namespace match; Vault has no default, \"vault\" is the usual choice.");
    },
    // hashicorp/vault-plugin-auth-kubernetes path_role.go: "audience" is optional ("Optional Audience claim to
    // verify in the jwt"), and path_login.go checks it only when the role sets one.
    source: 'hashicorp/vault-plugin-auth-kubernetes, path_role.go audience (optional, no default)',
  },
];

/** `//iam.googleapis.com/projects/…/providers/…`, with or without `https:` (allowed_audiences above). */
const gcpProvider = /^(?:https:)?\/\/iam\.googleapis\.com\/projects\/[^/\s]+\/locations\/[^/\s]+\/workloadIdentityPools\/[^/\s]+\/providers\/[^/\s]+$/;

/**
 * What an audience means: a known value, a Google Cloud provider's name, or one of the API server's
 * own audiences (`apiServerAudiences`: the cluster's issuer, or a token's `iss`).
 */
export function audienceMeaning(audience: string, apiServerAudiences: readonly string[] = []): WellKnownAudience | undefined {
  if (apiServerAudiences.includes(audience)) {
    return apiServerAudience(audience);
  }
  const gcp = wellKnownAudiences.find((known) => known.provider === 'gcp');
  return wellKnownAudiences.find((known) => !known.template && known.audience === audience) ?? (gcpProvider.test(audience) ? gcp : undefined);
}

/** The well-known audiences to offer beside `shown` (the audience sets already offered): those written as they are, not templates, and not offered alone already. */
export function offeredAudiences(shown: readonly (readonly string[])[]): WellKnownAudience[] {
  return wellKnownAudiences.filter((known) => !known.template && !shown.some((audiences) => audiences.length === 1 && audiences[0] === known.audience));
}
