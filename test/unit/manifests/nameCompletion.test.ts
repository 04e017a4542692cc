// Which names the cluster could complete at the cursor, and how they are written into the file.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { maxCompletedNames, nameCompletions, nameCompletionSlotAt, type NameSlot } from '../../../src/manifests/completion';

/** The slot at the cursor marker `|`, with the text it would replace. */
function slotAt(marked: string): (Omit<NameSlot, 'start' | 'end'> & { replaces: string }) | undefined {
  const text = marked.replace('|', '');
  const slot = nameCompletionSlotAt(text, marked.indexOf('|'));
  if (!slot) {
    return undefined;
  }
  const { start, end, ...rest } = slot;
  return { ...rest, replaces: text.slice(start, end) };
}

const head = 'apiVersion: authentication.k8s.io/v1\nkind: TokenRequest\n';

test('metadata.namespace completes namespaces; metadata.name ServiceAccounts of the written namespace', () => {
  assert.deepEqual(slotAt(`${head}metadata:\n  namespace: de|\n`), { kind: 'namespace', prefix: '', replaces: 'de' });
  assert.deepEqual(slotAt(`${head}metadata:\n  name: |\n  namespace: demo\n`), { kind: 'serviceAccount', namespace: 'demo', prefix: '', replaces: '' });
  assert.deepEqual(slotAt(`${head}metadata:\n  namespace: "demo" # quoted\n  name:|\n`), { kind: 'serviceAccount', namespace: 'demo', prefix: ' ', replaces: '' });
  assert.deepEqual(slotAt(`${head}metadata:\n  name: vault-a|uth # the account\n`), { kind: 'serviceAccount', prefix: '', replaces: 'vault-auth' });
});

test('boundObjectRef.name completes the kind written beside it, before or after', () => {
  const spec = (reference: string) => `${head}metadata:\n  namespace: payments\nspec:\n  boundObjectRef:\n${reference}`;
  assert.deepEqual(slotAt(spec('    kind: Pod\n    name: |\n')), { kind: 'pod', namespace: 'payments', prefix: '', replaces: '' });
  assert.deepEqual(slotAt(spec('    name: w|\n    kind: Secret\n')), { kind: 'secret', namespace: 'payments', prefix: '', replaces: 'w' });
  assert.deepEqual(slotAt(spec("    kind: 'Node'\n    name: |\n")), { kind: 'node', prefix: '', replaces: '' });
  assert.equal(slotAt(spec('    kind: Deployment\n    name: |\n')), undefined);
  assert.equal(slotAt(spec('    name: |\n')), undefined);
  assert.equal(slotAt(spec('    kind: constructor\n    name: |\n')), undefined);
});

test('inside the items of a kind: List, each item by its own metadata', () => {
  const list = `apiVersion: v1\nkind: List\nitems:\n- ${head.replace('\n', '\n  ')}  metadata:\n    namespace: demo\n    name: |\n`;
  assert.deepEqual(slotAt(list), { kind: 'serviceAccount', namespace: 'demo', prefix: '', replaces: '' });
});

test('nowhere else: keys, other fields, TokenReviews, other kinds, an invalid namespace', () => {
  assert.equal(slotAt(`${head}metadata:\n  na|me: x\n`), undefined);
  assert.equal(slotAt(`${head}metadata:\n  labels:\n    name: |\n`), undefined);
  assert.equal(slotAt(`${head}spec:\n  name: |\n`), undefined);
  assert.equal(slotAt('apiVersion: authentication.k8s.io/v1\nkind: TokenReview\nmetadata:\n  name: |\n'), undefined);
  assert.equal(slotAt('apiVersion: v1\nkind: Pod\nmetadata:\n  name: |\n'), undefined);
  assert.equal(slotAt(`${head}metadata:\n  namespace: ../../secrets\n  name: |\n`), undefined);
  assert.equal(slotAt(`${head}metadata: {name: |}\n`), undefined);
});

test('a slot in one document reads only that document', () => {
  const text = `${head}metadata:\n  namespace: demo\n---\n${head}metadata:\n  name: |\n`;
  assert.deepEqual(slotAt(text), { kind: 'serviceAccount', prefix: '', replaces: '' });
});

const slot: NameSlot = { kind: 'pod', namespace: 'demo', start: 10, end: 12, prefix: ' ' };

test('names become completions that replace the value, quoted where YAML would read them otherwise', () => {
  const completions = nameCompletions(slot, ['web-0', 'true', '0777', 'a:b', 'null'], 'demo');
  assert.deepEqual(
    completions.map((completion) => [completion.label, completion.insertText]),
    [
      ['web-0', ' web-0'],
      ['true', ' "true"'],
      ['0777', ' "0777"'],
      ['a:b', ' a:b'],
      ['null', ' "null"'],
    ],
  );
  assert.deepEqual([completions[0].start, completions[0].end, completions[0].detail, completions[0].kind], [10, 12, 'Pod in demo', 'value']);
  assert.equal(nameCompletions({ ...slot, kind: 'node', namespace: undefined }, ['node-1'])[0].detail, 'Node in the cluster');
});

test('names from a hostile cluster: at most 500, none invisible, reordering, empty or too long', () => {
  const hostile = ['', 'a\u202Eb', 'line\nbreak', 'x'.repeat(254), 'zero\u200Bwidth', '$(zap)', 'ok-1'];
  assert.deepEqual(nameCompletions(slot, hostile).map((completion) => completion.label), ['ok-1']);
  const many = Array.from({ length: 10_000 }, (_, index) => `pod-${index}`);
  assert.equal(nameCompletions(slot, many).length, maxCompletedNames);
  assert.equal(maxCompletedNames, 500);
});
