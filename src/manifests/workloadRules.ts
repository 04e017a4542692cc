// Every rule for a workload whose Pods get projected tokens, or a legacy token Secret.
import type { ObjectChecks } from './checks';
import { entryOf } from './decode';
import { checkLegacyTokenSecret } from './legacyTokenSecret';
import { checkTokenSources } from './projectedToken';
import { checkMounts } from './volumeMounts';
import { podSpecOf, type HolderObject, type PodSpec } from './workloads';
import * as l10n from '../text/l10n';

/**
 * `automountServiceAccountToken: false` beside a projected token: it turns off only the token volume
 * the ServiceAccount admission plugin adds (kube-api-access-…), which is what the projected one is for.
 */
function automountOff(checks: ObjectChecks<HolderObject>, pod: PodSpec): void {
  const value = entryOf(pod.map, 'automountServiceAccountToken')?.value;
  if (value?.kind !== 'scalar' || value.value !== false || !pod.volumes.some((volume) => volume.tokenSources.length > 0)) {
    return;
  }
  checks.report(
    'automount-off-with-projected-token',
    'information',
    l10n.t('automountServiceAccountToken: false drops only the default token volume (kube-api-access-…), a token for the API server that every container would get; the projected serviceAccountToken volume is still written. That is the recommended pattern: each container holds only the token it needs, for the one service that accepts it, and no API server credential it does not use.'),
    value.at,
  );
}

/** What the API server validates in a Pod spec; a StatefulSet's are checked only when its controller creates the Pods. */
const podValidation = new Set(['expiration-too-short', 'expiration-too-long', 'projected-path-missing', 'projected-path-not-local', 'volume-mount-unknown']);

/** A finding about a StatefulSet's Pod template, with when the server reports it. */
const withStatefulSetNote = (message: string) =>
  l10n.t('{0} The API server accepts the StatefulSet without checking its Pod template (pkg/apis/apps/validation ValidatePodTemplateSpecForStatefulSet); its controller then fails to create each Pod, with this error in the StatefulSet\'s events.', message.replace(/\.?$/, '.'));

/** Findings kept per object: a Pod spec of thousands of volumes would otherwise make thousands. */
const maxFindings = 100;

/** The first `maxFindings` findings of the object, and one that counts the rest. */
function bounded(checks: ObjectChecks<HolderObject>): void {
  const { findings } = checks;
  if (findings.length <= maxFindings) {
    return;
  }
  findings.sort((a, b) => a.start - b.start);
  const rest = findings.length - maxFindings;
  findings.splice(maxFindings);
  const [start, end] = checks.object.kindEntry.value!.at;
  checks.report('more-findings', 'information', l10n.t('This {0} has {1} more findings than the {2} shown: fix these and the rest appear.', checks.object.kind, rest, maxFindings), [start, end]);
}

export function checkHolder(checks: ObjectChecks<HolderObject>): void {
  if (checks.object.kind === 'Secret') {
    checkLegacyTokenSecret(checks);
  } else {
    const pod = podSpecOf(checks.object)!;
    pod.volumes.forEach((volume) => checkTokenSources(checks, pod, volume));
    checkMounts(checks, pod);
    automountOff(checks, pod);
    if (checks.object.kind === 'StatefulSet') {
      checks.findings.filter((finding) => podValidation.has(finding.code)).forEach((finding) => (finding.message = withStatefulSetNote(finding.message)));
    }
  }
  checks.finish();
  bounded(checks);
}
