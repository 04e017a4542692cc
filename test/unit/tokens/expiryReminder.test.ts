import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { IssuedToken } from '../../../src/cluster/types';
import { maxReminderMinutes, reminderDelayMs, reminderMessage, renewalRequest } from '../../../src/tokens/expiryReminder';

const now = 1_800_000_000_000;
const minute = 60_000;

test('a reminder is due the given minutes before expiry, at once when that moment has passed, never after expiry', () => {
  assert.equal(reminderDelayMs(now + 60 * minute, now, 5), 55 * minute);
  assert.equal(reminderDelayMs(now + 10 * minute, now, 60), 0, 'a 10 min token with a 60 min window is due at once');
  assert.equal(reminderDelayMs(now + 5 * minute, now, 5), 0);
  assert.equal(reminderDelayMs(now, now, 5), undefined, 'expired');
  assert.equal(reminderDelayMs(now - minute, now, 5), undefined);
});

test('reminders are off at 0, and a nonsense setting is no reminder', () => {
  for (const minutes of [0, -5, Number.NaN]) {
    assert.equal(reminderDelayMs(now + 60 * minute, now, minutes), undefined, String(minutes));
  }
  assert.equal(reminderDelayMs(now + 365 * 24 * 60 * minute, now, Number.POSITIVE_INFINITY), (365 * 24 * 60 - maxReminderMinutes) * minute, 'the window is at most a week');
});

const issued: IssuedToken = {
  token: 'x',
  namespace: 'demo',
  serviceAccount: 'vault-auth',
  audiences: ['vault'],
  issuedAt: new Date(now - 55 * minute),
  expiresAt: new Date(now + 5 * minute),
  requestedSeconds: 3600,
  warnings: [],
  boundObject: { kind: 'Pod', name: 'web-0', uid: 'u1' },
};

test('the reminder says whose token it is and how long it has left', () => {
  assert.equal(reminderMessage(issued, now), 'Token for demo/vault-auth (vault) expires in 5 min.');
  assert.equal(reminderMessage({ ...issued, audiences: [] }, now + 10 * minute), 'Token for demo/vault-auth has expired.');
});

test('audiences that look like links or icons stay text in the notification', () => {
  const message = reminderMessage({ ...issued, audiences: ['[open](command:workbench.action.terminal.new)', '$(alert)\u202E'] }, now);
  assert.equal(message, 'Token for demo/vault-auth ([open] (command:workbench.action.terminal.new), $ (alert)\\u202E) expires in 5 min.');
});

test('a new token is asked with the same options', () => {
  assert.deepEqual(renewalRequest(issued), { namespace: 'demo', serviceAccount: 'vault-auth', audiences: ['vault'], expirationSeconds: 3600, boundObject: { kind: 'Pod', name: 'web-0', uid: 'u1' } });
  assert.equal(renewalRequest({ ...issued, requestedSeconds: undefined }).expirationSeconds, undefined, "the server's default again");
});
