// The local server against what a real kube-apiserver answers (fidelityCases.ts), acting as each
// release it can be, one server per release.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { fidelityCases, type FidelityCase, type Memo } from './fidelityCases';
import { assertMatches, exchange } from './fidelityExchange';
import { startLocalCluster, type LocalCluster } from './server';
import { behaviourOf, kubernetesVersions } from './version';

async function run(fidelityCase: FidelityCase, cluster: LocalCluster): Promise<void> {
  const behaviour = behaviourOf(cluster.version);
  const memo: Memo = {};
  for (const [index, step] of fidelityCase.steps.entries()) {
    await step.before?.(cluster, memo);
    const request = typeof step.request === 'function' ? step.request(cluster, memo) : step.request;
    const answer = await exchange(cluster, request);
    const expected = typeof step.expect === 'function' ? step.expect(behaviour, cluster, memo) : step.expect;
    const where = `step ${index + 1} (${request.method ?? (request.body === undefined ? 'GET' : 'POST')} ${request.path})`;
    assert.equal(answer.status, expected.status, `${where}: ${answer.text.slice(0, 500)}`);
    if (expected.body !== undefined) {
      assertMatches(answer.json, expected.body, `${where} body`);
    }
    if (expected.text !== undefined) {
      assert.equal(answer.text, expected.text, `${where} text`);
    }
    for (const [name, value] of Object.entries(expected.headers ?? {})) {
      assertMatches(answer.headers[name], value, `${where} header ${name}`);
    }
    expected.check?.(answer, cluster, memo);
    step.keep?.(answer, memo);
  }
}

for (const version of kubernetesVersions) {
  describe(`acting as kube-apiserver v${version}`, () => {
    let cluster: LocalCluster;
    before(async () => {
      cluster = await startLocalCluster({ version });
    });
    after(() => cluster.close());
    for (const fidelityCase of fidelityCases) {
      test(`${fidelityCase.name} — ${fidelityCase.source}`, () => run(fidelityCase, cluster));
    }
  });
}
