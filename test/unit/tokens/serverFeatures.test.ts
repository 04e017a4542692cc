import assert from 'node:assert/strict';
import { test } from 'node:test';
import { nodeBindingUnavailable } from '../../../src/tokens/serverFeatures';

test('Node binding is offered from 1.31 on, and when the version is not known', () => {
  assert.equal(nodeBindingUnavailable({ gitVersion: 'v1.24.0', major: 1, minor: 24 }), 'Node binding needs Kubernetes 1.31 or later; this cluster runs v1.24.0');
  assert.match(nodeBindingUnavailable({ gitVersion: 'v1.30.5-eks', major: 1, minor: 30 }) ?? '', /1\.31 or later; this cluster runs v1\.30\.5-eks/);
  assert.equal(nodeBindingUnavailable({ gitVersion: 'v1.31.0', major: 1, minor: 31 }), undefined);
  assert.equal(nodeBindingUnavailable({ gitVersion: 'v2.0.0', major: 2, minor: 0 }), undefined);
  assert.equal(nodeBindingUnavailable({ gitVersion: 'custom', major: undefined, minor: undefined }), undefined);
  assert.equal(nodeBindingUnavailable(undefined), undefined);
});
