// The active cluster's state with real sessions against the local API server: what each status
// says, in which order the events come, and that a stale answer never overwrites a newer state.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { ClusterSession } from '../../src/cluster';
import { ClusterState, type ClusterStatus } from '../../src/explorer/clusterState';
import { startLocalCluster, type LocalCluster } from './server';

let cluster: LocalCluster;
let folder: string;

before(async () => {
  cluster = await startLocalCluster();
  folder = mkdtempSync(join(tmpdir(), 'cluster-state-'));
});

after(async () => {
  await cluster.close();
  rmSync(folder, { recursive: true, force: true });
});

function stateFor(kubeconfig: string | undefined): { state: ClusterState<ClusterSession>; statuses: ClusterStatus[] } {
  const state = new ClusterState(() => ClusterSession.open({ kubeconfigPath: kubeconfig ?? join(folder, 'missing'), timeoutMs: 5_000 }));
  const statuses: ClusterStatus[] = [];
  state.onDidChangeStatus((status) => statuses.push(status));
  return { state, statuses };
}

async function settled(state: ClusterState<ClusterSession>): Promise<ClusterStatus> {
  for (let i = 0; i < 200 && (state.status.state === 'connecting' || state.status.state === 'idle'); i++) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return state.status;
}

test('nothing is opened until something asks; then connecting, then connected with the server version', async () => {
  const path = join(folder, 'admin');
  await cluster.writeKubeconfig(path, 'admin');
  const { state, statuses } = stateFor(path);
  assert.deepEqual(state.status, { state: 'idle' });
  cluster.clearRequests();
  const session = state.session();
  assert.equal(state.session(), session, 'one session until a reset');
  const status = await settled(state);
  assert.equal(status.state, 'connected');
  assert.deepEqual(status.state === 'connected' && status.version, { gitVersion: 'v1.33.0-local', major: 1, minor: 33 });
  assert.deepEqual(statuses.map((s) => s.state), ['connecting', 'connected']);
  assert.deepEqual(cluster.requests.map((r) => r.path), ['/version'], 'one cheap request');
});

test('a reset closes the session it forgets: its kept-alive connection does not outlive it', async () => {
  const path = join(folder, 'reset');
  await cluster.writeKubeconfig(path, 'admin');
  const { state } = stateFor(path);
  const open = async (count: number) => {
    for (let i = 0; i < 100 && cluster.openTlsConnections !== count; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return cluster.openTlsConnections;
  };
  const baseline = await open(cluster.openTlsConnections);
  state.session();
  assert.equal((await settled(state)).state, 'connected');
  assert.equal(cluster.openTlsConnections, baseline + 1, 'the version check left its connection open for the next call');
  state.reset();
  assert.equal(await open(baseline), baseline);
});

test('no kubeconfig: no-session with the config problem, and session() throws it', () => {
  const { state, statuses } = stateFor(undefined);
  assert.throws(() => state.session(), { name: 'ClusterError', kind: 'config' });
  assert.equal(state.status.state, 'no-session');
  assert.equal(statuses.length, 1);
});

test('a server that refuses connections is unreachable, with the message the person sees', async () => {
  const path = join(folder, 'refused');
  writeFileSync(path, cluster.kubeconfigYaml('admin').replace(cluster.url, 'https://127.0.0.1:1'));
  const { state } = stateFor(path);
  state.session();
  const status = await settled(state);
  assert.equal(status.state, 'unreachable');
  assert.match(status.state === 'unreachable' ? status.problem.message : '', /^Connection refused by https:\/\/127\.0\.0\.1:1/);
});

test('a reset while the version is asked drops the answer: the stale check never overwrites idle', async () => {
  const path = join(folder, 'slow');
  await cluster.writeKubeconfig(path, 'admin');
  cluster.setLatency(300);
  try {
    const { state, statuses } = stateFor(path);
    state.session();
    state.reset();
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.deepEqual(statuses.map((s) => s.state), ['connecting', 'idle']);
    assert.deepEqual(state.status, { state: 'idle' });
  } finally {
    cluster.setLatency(0);
  }
});

test('a network failure reported by a feature makes the cluster unreachable; a refusal or a 500 does not; a success clears it', async () => {
  const path = join(folder, 'reports');
  await cluster.writeKubeconfig(path, 'admin');
  const { state } = stateFor(path);
  const session = state.session();
  // Read afresh each time: the assertions would otherwise narrow the status to one state.
  const stateOf = (): string => state.status.state;
  await settled(state);
  state.report(session, Object.assign(new Error('Forbidden: …'), { name: 'ClusterError', kind: 'forbidden' }));
  assert.equal(stateOf(), 'connected');
  state.report(session, Object.assign(new Error('The API server failed (HTTP 500)…'), { name: 'ClusterError', kind: 'server' }));
  assert.equal(stateOf(), 'connected', 'a failing server still answers: the next call may work');
  state.report(session, Object.assign(new Error('The connection to the server was dropped (ECONNRESET).'), { name: 'ClusterError', kind: 'network' }));
  assert.equal(stateOf(), 'unreachable');
  state.reportSuccess(session);
  assert.equal(stateOf(), 'connected');
  const other = stateFor(path).state.session();
  state.report(other, Object.assign(new Error('x'), { name: 'ClusterError', kind: 'network' }));
  assert.equal(stateOf(), 'connected', 'a report about another session is ignored');
});
