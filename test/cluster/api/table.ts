import type { Resource, StoredObject } from '../store';

function ageOf(timestamp: string): string {
  const seconds = Math.max(0, Math.floor((Date.now() - Date.parse(timestamp)) / 1000));
  for (const [size, suffix] of [[86400, 'd'], [3600, 'h'], [60, 'm']] as const) {
    if (seconds >= size) {
      return `${Math.floor(seconds / size)}${suffix}`;
    }
  }
  return `${seconds}s`;
}

const extraColumns: Partial<Record<Resource, { name: string; cell: (object: StoredObject) => unknown }[]>> = {
  namespaces: [{ name: 'Status', cell: (object) => (object.status as { phase?: string } | undefined)?.phase ?? 'Active' }],
  serviceaccounts: [{ name: 'Secrets', cell: () => 0 }],
  pods: [{ name: 'Status', cell: (object) => (object.status as { phase?: string } | undefined)?.phase ?? '' }],
  secrets: [{ name: 'Type', cell: (object) => object.type ?? '' }],
};

/** Server-side printing for `kubectl get`, with the columns the real server sends. */
export function table(resource: Resource, items: StoredObject[], metadata: Record<string, unknown>): unknown {
  const columns = extraColumns[resource] ?? [];
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata,
    columnDefinitions: [{ name: 'Name', type: 'string', format: 'name', description: 'Name of the object', priority: 0 }, ...columns.map((column) => ({ name: column.name, type: 'string', format: '', description: column.name, priority: 0 })), { name: 'Age', type: 'string', format: '', description: 'Age', priority: 0 }],
    rows: items.map((object) => ({
      cells: [object.metadata.name, ...columns.map((column) => column.cell(object)), ageOf(object.metadata.creationTimestamp)],
      object: { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: object.metadata },
    })),
  };
}
