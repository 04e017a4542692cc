// Field selectors as kube-apiserver reads them: apimachinery pkg/fields/selector.go parses the terms
// (sorted), then each kind's field label conversion (pkg/apis/core/v1/conversion.go) refuses the
// fields it does not index; kinds without a conversion of their own take apimachinery runtime
// DefaultMetaV1FieldSelectorConversion (metadata.name and metadata.namespace).
import type { StoredResource } from '../store';

const supportedLabels: Partial<Record<StoredResource, readonly string[]>> = {
  namespaces: ['metadata.name', 'status.phase'],
  nodes: ['metadata.name', 'spec.unschedulable'],
  pods: ['metadata.name', 'metadata.namespace', 'spec.nodeName', 'spec.restartPolicy', 'spec.schedulerName', 'spec.serviceAccountName', 'spec.hostNetwork', 'status.phase', 'status.podIP', 'status.podIPs', 'status.nominatedNodeName'],
  secrets: ['metadata.name', 'metadata.namespace', 'type'],
  serviceaccounts: ['metadata.name', 'metadata.namespace'],
};

/** Why the server refuses this selector for this resource, in its words, or nothing. */
export function fieldSelectorError(resource: StoredResource, selector: string): string | undefined {
  const terms = selector.split(',').filter((term) => term !== '').sort();
  for (const term of terms) {
    if (!/!=|==|=/.test(term)) {
      return `invalid selector: '${selector}'; can't understand '${term}'`;
    }
  }
  const supported = supportedLabels[resource];
  const unsupported = terms.map((term) => term.split(/!=|==|=/)[0]).find((label) => !(supported ?? ['metadata.name', 'metadata.namespace']).includes(label));
  if (unsupported === undefined) {
    return undefined;
  }
  return supported ? `field label not supported: ${unsupported}` : `${JSON.stringify(unsupported)} is not a known field selector: only "metadata.name", "metadata.namespace"`;
}
