// Runs last: reads the log the whole integration run wrote (cluster calls, key fetches, errors,
// provider failures) and looks for every secret the run handled.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { activateExtension, eventually, runSecrets } from './helpers';

suite('The log', () => {
  test('records cluster calls and errors, and holds no token, key or credential of the whole run', async () => {
    const api = await activateExtension();
    const log = await eventually(() => {
      try {
        const text = readFileSync(api.logFile.fsPath, 'utf8');
        return text.includes(' GET /api/v1/') ? text : undefined;
      } catch {
        return undefined;
      }
    }, `the log file ${api.logFile.fsPath} with cluster calls`);
    assert.match(log, /\[info\] GET \/version 200 \d+ ms/);
    assert.match(log, /\[info\] POST \/api\/v1\/namespaces\/demo\/serviceaccounts\/vault-auth\/token 201 \d+ ms/);
    assert.match(log, /\[warning\] /, 'errors are logged too');
    const jwtShaped = log.match(/eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/g) ?? [];
    assert.deepEqual(jwtShaped, [], 'no JWT (any token the run issued, reviewed, verified or hovered)');
    assert.doesNotMatch(log, /PRIVATE KEY|BEGIN CERTIFICATE/);
    const secrets = [...runSecrets()];
    assert.ok(secrets.length > 0, 'the run handed out kubeconfig credentials');
    for (const secret of secrets) {
      assert.ok(!log.includes(secret), 'a kubeconfig credential is in the log');
    }
  });
});
