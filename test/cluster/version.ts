// The kube-apiserver releases the local server can act as, and what each one does differently.
// Each switch names the feature gate or change behind it; the release numbers of the gates come from
// the versioned gate table in kubernetes/kubernetes pkg/features/kube_features.go (KEP-4193 for the
// ServiceAccount token gates), the others from the staging repositories at the release tags.

export const kubernetesVersions = ['1.24', '1.25', '1.26', '1.27', '1.28', '1.29', '1.30', '1.31', '1.32', '1.33'] as const;

export type KubernetesVersion = (typeof kubernetesVersions)[number];

/** The default, so tests that do not choose a version get today's behaviour. */
export const newestVersion: KubernetesVersion = '1.33';

/** How a token request bound to a Node is answered. */
export type NodeBinding = 'unknown-kind' | 'gate-disabled' | 'enabled';

export interface VersionBehaviour {
  readonly minor: number;
  /** ServerSideFieldValidation: alpha and off in 1.23–1.24, beta and on from 1.25 (KEP-2885). Off: fieldValidation is ignored. */
  readonly serverSideFieldValidation: boolean;
  /** SelfSubjectReview authentication.k8s.io/v1 is served from 1.28 (KEP-3325 GA). */
  readonly selfSubjectReviewV1: boolean;
  /**
   * ServiceAccountTokenJTI, on by default from 1.30 (beta; GA 1.32): a jti claim and credential-id in TokenReview extra.
   * The reference's "GA 1.32" (for jti and the node claim) is when the gates were locked on; a default
   * 1.30 or 1.31 server already issues them.
   */
  readonly tokenJti: boolean;
  /** ServiceAccountTokenPodNodeInfo, on from 1.30 (beta; GA 1.32): Pod-bound tokens name the Pod's node, and reviews report it. */
  readonly podNodeInfo: boolean;
  /** ServiceAccountTokenNodeBinding: unknown before 1.29, alpha and off in 1.29–1.30, beta and on from 1.31 (GA 1.33). */
  readonly nodeBinding: NodeBinding;
  /**
   * The continue-token error for an unknown encoding version: 1.24 quotes the version
   * (apiserver pkg/storage/etcd3/store.go), 1.25 on wraps an error value and does not (pkg/storage/continue.go).
   */
  readonly quotesContinueVersion: boolean;
  /** ObjectMeta still has the deprecated clusterName field in 1.24; 1.25 removed it (apimachinery commit 430b9203 "Remove ClusterName"). */
  readonly objectMetaClusterName: boolean;
  /**
   * A projected token's path must stay in its volume (relative, no '..') from 1.30 (kubernetes/kubernetes#121731,
   * validation.go validateProjectionSources ValidateLocalNonReservedPath); older releases store any path.
   */
  readonly localProjectedTokenPath: boolean;
}

export function behaviourOf(version: KubernetesVersion): VersionBehaviour {
  const minor = Number(version.split('.')[1]);
  return {
    minor,
    serverSideFieldValidation: minor >= 25,
    selfSubjectReviewV1: minor >= 28,
    tokenJti: minor >= 30,
    podNodeInfo: minor >= 30,
    nodeBinding: minor >= 31 ? 'enabled' : minor >= 29 ? 'gate-disabled' : 'unknown-kind',
    quotesContinueVersion: minor <= 24,
    objectMetaClusterName: minor <= 24,
    localProjectedTokenPath: minor >= 30,
  };
}

export function isKubernetesVersion(text: string): text is KubernetesVersion {
  return (kubernetesVersions as readonly string[]).includes(text);
}
