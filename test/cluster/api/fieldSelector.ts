// Field selectors as kube-apiserver reads them: apimachinery pkg/fields/selector.go parses the terms
// (sorted), then each kind's field label conversion (pkg/apis/core/v1/conversion.go) refuses the
// fields it does not index.
import type { Resource } from '../store';

const supportedLabels: Record<Resource, readonly string[]> = {
  namespaces: ['metadata.name', 'status.phase'],
  nodes: ['metadata.name', 'spec.unschedulable'],
  pods: ['metadata.name', 'metadata.namespace', 'spec.nodeName', 'spec.restartPolicy', 'spec.schedulerName', 'spec.serviceAccountName', 'spec.hostNetwork', 'status.phase', 'status.podIP', 'status.podIPs', 'status.nominatedNodeName'],
  secrets: ['metadata.name', 'metadata.namespace', 'type'],
  serviceaccounts: ['metadata.name', 'metadata.namespace'],
};

/** Why the server refuses this selector for this resource, in its words, or nothing. */
export function fieldSelectorError(resource: Resource, selector: string): string | undefined {
  const terms = selector.split(',').filter((term) => term !== '').sort();
  for (const term of terms) {
    if (!/!=|==|=/.test(term)) {
      return `invalid selector: '${selector}'; can't understand '${term}'`;
    }
  }
  const unsupported = terms.map((term) => term.split(/!=|==|=/)[0]).find((label) => !supportedLabels[resource].includes(label));
  return unsupported === undefined ? undefined : `field label not supported: ${unsupported}`;
}
