import assert from 'node:assert/strict';
import { test } from 'node:test';
import { accountKey, audienceChoices, lastFor, maxRecentAudiences, maxRememberedAccounts, readLastAudiences, rememberLast, rememberRecent } from '../../../src/tokens/audienceMemory';

const vault = accountKey('https://a:6443', 'demo', 'vault-auth');
const web = accountKey('https://a:6443', 'demo', 'web');

test("each ServiceAccount keeps its own last audiences; another cluster's account of the same name is another account", () => {
  let remembered = rememberLast([], vault, ['vault']);
  remembered = rememberLast(remembered, web, ['https://api.example']);
  assert.deepEqual(lastFor(remembered, vault), ['vault']);
  assert.deepEqual(lastFor(remembered, web), ['https://api.example']);
  assert.equal(lastFor(remembered, accountKey('https://b:6443', 'demo', 'vault-auth')), undefined);
  remembered = rememberLast(remembered, vault, []);
  assert.deepEqual(lastFor(remembered, vault), [], "the API server's own audiences are a choice too");
  assert.deepEqual(remembered.map((entry) => entry.account), [vault, web], 'most recent first, once each');
});

test('past the limit the least recently used account is forgotten', () => {
  let remembered = rememberLast([], 'first', ['a']);
  for (let i = 0; i < maxRememberedAccounts; i++) {
    remembered = rememberLast(remembered, `account ${i}`, ['a']);
  }
  assert.equal(remembered.length, maxRememberedAccounts);
  assert.equal(lastFor(remembered, 'first'), undefined);
  assert.deepEqual(lastFor(remembered, `account ${maxRememberedAccounts - 1}`), ['a']);
});

test('what was stored is read leniently: malformed entries are dropped', () => {
  assert.deepEqual(readLastAudiences(undefined), []);
  assert.deepEqual(readLastAudiences({ account: 'x' }), []);
  assert.deepEqual(readLastAudiences([null, { account: 'x', audiences: 'vault' }, { account: 'y', audiences: ['vault', 1] }, { account: 'z', audiences: ['vault'] }]), [{ account: 'z', audiences: ['vault'] }]);
});

test('recent sets: most recent first, no repeats, bounded, never the empty set', () => {
  let recent = rememberRecent([], ['a']);
  recent = rememberRecent(recent, ['b', 'c']);
  recent = rememberRecent(recent, ['a']);
  recent = rememberRecent(recent, []);
  assert.deepEqual(recent, [['a'], ['b', 'c']]);
  for (let i = 0; i < 20; i++) {
    recent = rememberRecent(recent, [`x${i}`]);
  }
  assert.equal(recent.length, maxRecentAudiences);
});

test("the account's own last choice comes first, then the default, the API server's own, and the recent sets of any account", () => {
  assert.deepEqual(audienceChoices(['vault'], ['sts'], [['other'], ['vault'], ['sts']]), [
    { audiences: ['vault'], reason: 'last' },
    { audiences: ['sts'], reason: 'default' },
    { audiences: [], reason: 'server' },
    { audiences: ['other'], reason: 'recent' },
  ]);
});

test("without a last choice for this account, another account's recent audiences are never first", () => {
  assert.deepEqual(audienceChoices(undefined, [], [['other']]), [
    { audiences: [], reason: 'server' },
    { audiences: ['other'], reason: 'recent' },
  ]);
  assert.equal(audienceChoices(undefined, ['sts'], [['other']])[0].reason, 'default');
  assert.equal(audienceChoices([], ['sts'], [])[0].reason, 'last', "a last choice of the API server's own comes first too");
});
