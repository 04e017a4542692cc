/** What a cluster's version allows, so the extension offers only what its API server accepts. */
import type { ServerVersion } from '../cluster/types';
import * as l10n from '../text/l10n';

/** Binding a token to a Node: beta and on by default from 1.31 (gate ServiceAccountTokenNodeBinding), GA in 1.33. */
const nodeBindingMinor = 31;

/**
 * Why Node binding cannot work on this server, or undefined when it can or the version is not
 * known (then the server decides, and says so: "cannot bind token to object of type /v1, Kind=Node").
 */
export function nodeBindingUnavailable(version: ServerVersion | undefined): string | undefined {
  if (version?.major === undefined || version.minor === undefined) {
    return undefined;
  }
  const older = version.major < 1 || (version.major === 1 && version.minor < nodeBindingMinor);
  return older ? l10n.t('Node binding needs Kubernetes 1.{0} or later; this cluster runs {1}', nodeBindingMinor, version.gitVersion) : undefined;
}
