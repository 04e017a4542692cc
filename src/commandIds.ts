/** Every command the extension contributes, defined once; a test compares them with package.json. */
export const CommandIds = {
  refresh: 'kubeSaTokens.refresh',
  switchContext: 'kubeSaTokens.switchContext',
  filter: 'kubeSaTokens.filter',
  clearFilter: 'kubeSaTokens.clearFilter',
  showServiceAccount: 'kubeSaTokens.showServiceAccount',
  showPermissions: 'kubeSaTokens.showPermissions',
  chooseKubeconfig: 'kubeSaTokens.chooseKubeconfig',
  openSettings: 'kubeSaTokens.openSettings',
  showLog: 'kubeSaTokens.showLog',
  requestToken: 'kubeSaTokens.requestToken',
  reviewToken: 'kubeSaTokens.reviewToken',
  handOffIssuedToken: 'kubeSaTokens.handOffIssuedToken',
  reviewIssuedToken: 'kubeSaTokens.reviewIssuedToken',
  revokeToken: 'kubeSaTokens.revokeToken',
  renewIssuedToken: 'kubeSaTokens.renewIssuedToken',
  canI: 'kubeSaTokens.canI',
  revealDecodedToken: 'kubeSaTokens.revealDecodedToken',
  maskDecodedToken: 'kubeSaTokens.maskDecodedToken',
  decodeJwt: 'kubeSaTokens.decodeJwt',
  verifyJwt: 'kubeSaTokens.verifyJwt',
  copyJwtClaims: 'kubeSaTokens.copyJwtClaims',
  showTokenPermissions: 'kubeSaTokens.showTokenPermissions',
  sendManifest: 'kubeSaTokens.sendManifest',
  scanWorkspace: 'kubeSaTokens.scanWorkspace',
  checkTokensWithCluster: 'kubeSaTokens.checkTokensWithCluster',
  /** On a ServiceAccount of the Kubernetes extension's Clusters view. */
  requestTokenInClusters: 'kubeSaTokens.clusters.requestToken',
  showPermissionsInClusters: 'kubeSaTokens.clusters.showPermissions',
} as const;

export type CommandId = (typeof CommandIds)[keyof typeof CommandIds];
