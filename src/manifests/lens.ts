// What the lens above a TokenRequest or TokenReview says. A lens is one short line above the object:
// its title says what it does or what stops it in a few words, its tooltip says why in full.
import { defusedText, escapedText, visibleText } from '../text/visibleText';
import type { TokenManifest } from './manifest';
import * as l10n from '../text/l10n';

/** Why nothing can be sent: no context to use, or a cluster that cannot be reached. */
export interface ClusterProblem {
  readonly state: 'no-session' | 'unreachable';
  readonly message: string;
}

export interface LensText {
  readonly title: string;
  readonly tooltip: string;
  /** Whether the lens cannot send now: its title says why. */
  readonly blocked: boolean;
}

/** How much of `namespace/name` a title shows; the tooltip shows it all. */
const targetLength = 22;
/** Errors the tooltip lists, each cut to `reasonLength`: the diagnostics hold the rest. */
const listedErrors = 3;
const reasonLength = 300;

/** At most `limit` characters of text from a file, made literal (a title renders `$(icon)`), ending in … when cut. */
function shortText(text: string, limit: number): string {
  // A cut text ends in `… (N characters)` and defusing adds spaces: either makes it longer than `limit`.
  const shown = defusedText(escapedText(text, limit));
  if (shown.length <= limit) {
    return shown;
  }
  const head = shown.slice(0, limit - 1);
  // Not half of a character outside the BMP.
  return `${/[\uD800-\uDBFF]$/.test(head) ? head.slice(0, -1) : head}…`;
}

function blockedByErrors(action: string, errors: TokenManifest['errors']): LensText {
  const count = errors.length;
  const listed = errors.slice(0, listedErrors).map((error) => visibleText(error.message, reasonLength));
  const more = count > listedErrors ? [l10n.t('…and {0} more.', count - listedErrors)] : [];
  return { title: count === 1 ? l10n.t('{0}: fix 1 problem first', action) : l10n.t('{0}: fix {1} problems first', action, count), tooltip: [...listed, ...more].join('\n'), blocked: true };
}

/**
 * The lens of one manifest: blocked by its errors first (those are the person's to fix), then by
 * the cluster; else what it sends, and where.
 */
export function lensText(manifest: Pick<TokenManifest, 'kind' | 'name' | 'namespace' | 'errors'>, cluster: ClusterProblem | undefined): LensText {
  const action = manifest.kind === 'TokenRequest' ? l10n.t('Request token') : l10n.t('Review token');
  if (manifest.errors.length > 0) {
    return blockedByErrors(action, manifest.errors);
  }
  if (cluster) {
    return { title: cluster.state === 'no-session' ? l10n.t('{0}: no cluster', action) : l10n.t('{0}: cluster unreachable', action), tooltip: visibleText(cluster.message, 1000), blocked: true };
  }
  if (manifest.kind === 'TokenReview') {
    return { title: l10n.t('{0} with the cluster', action), tooltip: l10n.t('Send this TokenReview to the current cluster and show its answer.'), blocked: false };
  }
  const name = manifest.name ?? '?';
  const target = manifest.namespace === undefined ? name : `${manifest.namespace}/${name}`;
  const where = manifest.namespace === undefined ? l10n.t('the context\'s namespace') : l10n.t('namespace {0}', visibleText(manifest.namespace, 100));
  return { title: l10n.t('{0} for {1}', action, shortText(target, targetLength)), tooltip: l10n.t('Request a token for ServiceAccount {0} in {1}.', visibleText(name, 300), where), blocked: false };
}
