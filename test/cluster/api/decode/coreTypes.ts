// The Go type of the one core (v1) kind the local server takes in a body, ServiceAccount, as
// k8s.io/api core/v1/types.go declares it (field order, JSON names, Go type names).
import type { VersionBehaviour } from '../../version';
import { objectMeta, type GoType, type StructType } from './goTypes';

const string: GoType = { kind: 'string', name: 'string' };

/** v1.ServiceAccount: secrets ([]ObjectReference), imagePullSecrets ([]LocalObjectReference), automountServiceAccountToken (*bool). */
export function serviceAccountType(behaviour: VersionBehaviour, goPackage = 'v1'): StructType {
  const objectReference: StructType = {
    kind: 'struct',
    name: `${goPackage}.ObjectReference`,
    fields: { kind: string, namespace: string, name: string, uid: { kind: 'string', name: 'types.UID' }, apiVersion: string, resourceVersion: string, fieldPath: string },
  };
  const localObjectReference: StructType = { kind: 'struct', name: `${goPackage}.LocalObjectReference`, fields: { name: string } };
  return {
    kind: 'struct',
    name: `${goPackage}.ServiceAccount`,
    fields: {
      apiVersion: string,
      kind: string,
      metadata: objectMeta(behaviour),
      secrets: { kind: 'slice', name: `[]${goPackage}.ObjectReference`, elem: objectReference },
      imagePullSecrets: { kind: 'slice', name: `[]${goPackage}.LocalObjectReference`, elem: localObjectReference },
      automountServiceAccountToken: { kind: 'bool' },
    },
  };
}
