// The dryRun parameter of a write: handlers/create.go validates CreateOptions before reading the body
// (apimachinery pkg/apis/meta/v1/validation ValidateDryRun: "All" is the only value), and a dry run
// answers with the object it would have stored, uid and creationTimestamp set, no resourceVersion.
import { newObject, type NewObjectMeta, type StoredObject, type StoredResource } from '../store';
import { goQuote } from './decode/goJson';
import type { Reply } from './reply';
import { invalid } from './status';

/** true for dryRun=All, false without dryRun, else the refusal. */
export function dryRunOf(query: URLSearchParams): boolean | Reply {
  const values = query.getAll('dryRun');
  if (values.every((value) => value === 'All')) {
    return values.length > 0;
  }
  const sent = `[]string{${values.map(goQuote).join(', ')}}`;
  return invalid('CreateOptions', 'meta.k8s.io', '', [{ reason: 'FieldValueNotSupported', message: `Unsupported value: ${sent}: supported values: "All"`, field: 'dryRun' }]);
}

export const dryRunObject = (resource: StoredResource, metadata: NewObjectMeta, fields: Record<string, unknown>): StoredObject => newObject(resource, metadata, fields);
