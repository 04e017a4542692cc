// The JSON kubectl sends for a decoded document: what tests post to the local API server and compare
// with what kubectl itself sent.
import type { Decoded } from '../../../src/manifests/decode';

export function sentJson(value: Decoded | undefined): unknown {
  if (!value) {
    return null;
  }
  if (value.kind === 'scalar') {
    return JSON.parse(value.reading.json) as unknown;
  }
  if (value.kind === 'seq') {
    return value.items.map(sentJson);
  }
  return Object.fromEntries(value.entries.map((entry) => [entry.key, sentJson(entry.value)]));
}
