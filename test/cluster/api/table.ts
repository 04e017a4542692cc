// Server-side printing for `kubectl get`: the columns of kubernetes pkg/printers/internalversion
// printers.go for these kinds, wide columns included (the server always prints wide; priority 1
// columns are the ones kubectl shows with -o wide), and the descriptions they carry in v1.24.
import type { StoredObject, StoredResource } from '../store';
import { humanDuration } from './humanDuration';

interface Column {
  readonly name: string;
  readonly type?: string;
  readonly format?: string;
  readonly priority?: number;
  readonly description: string;
  readonly cell: (object: StoredObject) => unknown;
}

/** metav1.ObjectMeta{}.SwaggerDoc() for name and creationTimestamp, which every table's Name and Age columns use. */
const nameDoc =
  'Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: http://kubernetes.io/docs/user-guide/identifiers#names';
const ageDoc =
  'CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata';

/** NodeStatus{}.SwaggerDoc()["addresses"], which both address columns use. */
const addressesDoc =
  'List of addresses reachable to the node. Queried from cloud provider, if available. More info: https://kubernetes.io/docs/concepts/nodes/node/#addresses Note: This field is declared as mergeable, but the merge key is not sufficiently unique, which can cause data corruption when it is merged. Callers should instead use a full-replacement patch. See http://pr.k8s.io/79391 for an example.';

const field = <T>(object: StoredObject, path: string): T | undefined => path.split('.').reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], object) as T | undefined;
const orNone = (value: unknown, none = '<none>') => (value === undefined || value === '' ? none : value);

const name: Column = { name: 'Name', format: 'name', description: nameDoc, cell: (object) => object.metadata.name };
/** The table's clock is the caller's, so ages agree with the server's own time. */
const age = (now: number): Column => ({ name: 'Age', description: ageDoc, cell: (object) => humanDuration(now - Date.parse(object.metadata.creationTimestamp)) });

/** The RBAC bindings' columns (printers.go printRoleBinding, printClusterRoleBinding; rbac.SubjectsStrings), described with rbac/v1beta1's roleRef doc. */
function bindingColumns(now: number, kind: 'roleBinding' | 'clusterRoleBinding'): Column[] {
  const subjects = (object: StoredObject, subjectKind: string) =>
    ((object.subjects as { kind: string; name: string; namespace?: string }[] | undefined) ?? [])
      .filter((subject) => subject.kind === subjectKind)
      .map((subject) => (subjectKind === 'ServiceAccount' ? `${subject.namespace ?? ''}/${subject.name}` : subject.name))
      .join(', ');
  const roleRefDoc =
    kind === 'roleBinding'
      ? 'RoleRef can reference a Role in the current namespace or a ClusterRole in the global namespace. If the RoleRef cannot be resolved, the Authorizer must return an error.'
      : 'RoleRef can only reference a ClusterRole in the global namespace. If the RoleRef cannot be resolved, the Authorizer must return an error.';
  return [
    name,
    { name: 'Role', description: roleRefDoc, cell: (object) => `${field(object, 'roleRef.kind') ?? ''}/${field(object, 'roleRef.name') ?? ''}` },
    age(now),
    { name: 'Users', priority: 1, description: `Users in the ${kind}`, cell: (object) => subjects(object, 'User') },
    { name: 'Groups', priority: 1, description: `Groups in the ${kind}`, cell: (object) => subjects(object, 'Group') },
    { name: 'ServiceAccounts', priority: 1, description: `ServiceAccounts in the ${kind}`, cell: (object) => subjects(object, 'ServiceAccount') },
  ];
}

function columnsOf(resource: StoredResource, now: number): Column[] {
  switch (resource) {
    // Roles have no printer: apiserver registry/rest/table.go's default table, whose date column is RFC 3339.
    case 'roles':
    case 'clusterroles':
    // Nor do the controllers here (a real server prints their replicas): they are never listed as a Table.
    case 'deployments':
    case 'statefulsets':
    case 'daemonsets':
    case 'replicasets':
    case 'jobs':
    case 'cronjobs':
      return [name, { name: 'Created At', type: 'date', description: ageDoc, cell: (object) => object.metadata.creationTimestamp }];
    case 'rolebindings':
      return bindingColumns(now, 'roleBinding');
    case 'clusterrolebindings':
      return bindingColumns(now, 'clusterRoleBinding');
    case 'namespaces':
      return [name, { name: 'Status', description: 'The status of the namespace', cell: (object) => field(object, 'status.phase') ?? '' }, age(now)];
    case 'serviceaccounts':
      return [
        name,
        {
          name: 'Secrets',
          description:
            'Secrets is a list of the secrets in the same namespace that pods running using this ServiceAccount are allowed to use. Pods are only limited to this list if this service account has a "kubernetes.io/enforce-mountable-secrets" annotation set to "true". This field should not be used to find auto-generated service account token secrets for use outside of pods. Instead, tokens can be requested directly using the TokenRequest API, or service account token secrets can be manually created. More info: https://kubernetes.io/docs/concepts/configuration/secret',
          cell: (object) => field<unknown[]>(object, 'secrets')?.length ?? 0,
        },
        age(now),
      ];
    case 'secrets':
      return [
        name,
        { name: 'Type', description: 'Used to facilitate programmatic handling of secret data. More info: https://kubernetes.io/docs/concepts/configuration/secret/#secret-types', cell: (object) => field(object, 'type') ?? '' },
        {
          name: 'Data',
          description:
            "Data contains the secret data. Each key must consist of alphanumeric characters, '-', '_' or '.'. The serialized form of the secret data is a base64 encoded string, representing the arbitrary (possibly non-string) data value here. Described in https://tools.ietf.org/html/rfc4648#section-4",
          cell: (object) => Object.keys(field<object>(object, 'data') ?? {}).length },
        age(now),
      ];
    case 'pods':
      return [
        name,
        { name: 'Ready', description: 'The aggregate readiness state of this pod for accepting traffic.', cell: () => '0/0' },
        { name: 'Status', description: 'The aggregate status of the containers in this pod.', cell: (object) => field(object, 'status.phase') ?? '' },
        { name: 'Restarts', description: 'The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.', cell: () => '0' },
        age(now),
        { name: 'IP', priority: 1, description: 'IP address allocated to the pod. Routable at least within the cluster. Empty if not yet allocated.', cell: (object) => orNone(field(object, 'status.podIP')) },
        { name: 'Node', priority: 1, description: 'NodeName is a request to schedule this pod onto a specific node. If it is non-empty, the scheduler simply schedules this pod onto that node, assuming that it fits resource requirements.', cell: (object) => orNone(field(object, 'spec.nodeName')) },
        {
          name: 'Nominated Node',
          priority: 1,
          description:
            'nominatedNodeName is set only when this pod preempts other pods on the node, but it cannot be scheduled right away as preemption victims receive their graceful termination periods. This field does not guarantee that the pod will be scheduled on this node. Scheduler may decide to place the pod elsewhere if other nodes become available sooner. Scheduler may also decide to give the resources on this node to a higher priority pod that is created after preemption. As a result, this field may be different than PodSpec.nodeName when the pod is scheduled.',
          cell: () => '<none>',
        },
        {
          name: 'Readiness Gates',
          priority: 1,
          description:
            'If specified, all readiness gates will be evaluated for pod readiness. A pod is ready when all its containers are ready AND all conditions specified in the readiness gates have status equal to "True" More info: https://git.k8s.io/enhancements/keps/sig-network/580-pod-readiness-gates',
          cell: () => '<none>',
        },
      ];
    case 'nodes':
      return [
        name,
        { name: 'Status', description: 'The status of the node', cell: () => 'Unknown' },
        { name: 'Roles', description: 'The roles of the node', cell: () => '<none>' },
        age(now),
        { name: 'Version', description: 'Kubelet Version reported by the node.', cell: (object) => field(object, 'status.nodeInfo.kubeletVersion') ?? '' },
        { name: 'Internal-IP', priority: 1, description: addressesDoc, cell: () => '<none>' },
        { name: 'External-IP', priority: 1, description: addressesDoc, cell: () => '<none>' },
        { name: 'OS-Image', priority: 1, description: 'OS Image reported by the node from /etc/os-release (e.g. Debian GNU/Linux 7 (wheezy)).', cell: () => '<unknown>' },
        { name: 'Kernel-Version', priority: 1, description: "Kernel Version reported by the node from 'uname -r' (e.g. 3.16.0-0.bpo.4-amd64).", cell: () => '<unknown>' },
        { name: 'Container-Runtime', priority: 1, description: 'ContainerRuntime Version reported by the node through runtime remote API (e.g. containerd://1.4.2).', cell: () => '<unknown>' },
      ];
  }
}

/** A Table of the items, rows carrying their objects' metadata (includeObject=Metadata, the default). */
export function table(resource: StoredResource, items: StoredObject[], metadata: Record<string, unknown>, now: number): unknown {
  const columns = columnsOf(resource, now);
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata,
    columnDefinitions: columns.map((column) => ({ name: column.name, type: column.type ?? 'string', format: column.format ?? '', description: column.description, priority: column.priority ?? 0 })),
    rows: items.map((object) => ({
      cells: columns.map((column) => column.cell(object)),
      object: { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: object.metadata },
    })),
  };
}
