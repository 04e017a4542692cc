// The entries of spec.audiences: a token is issued for, and a review matches, exactly the text written.
import type { ObjectChecks } from './checks';
import type { DecodedEntry } from './decode';
import { scalarText } from './edits';
import { quoted } from './quote';

/** Empty audiences, which `kubectl create token` refuses, and audiences with spaces around them, which no service names. */
export function checkAudienceEntries(checks: ObjectChecks, audiences: DecodedEntry): void {
  const list = audiences.value;
  if (list?.kind !== 'seq') {
    return;
  }
  const request = checks.object.kind === 'TokenRequest';
  list.items.forEach((item, index) => {
    if (item?.kind !== 'scalar' || typeof item.value !== 'string') {
      return;
    }
    const audience = item.value;
    const remove = checks.removeItemFix('Remove this audience', list.node, index);
    if (audience === '') {
      const message = request
        ? 'spec.audiences has an empty audience: kubectl create token refuses it ("--audience must not be an empty string"), and the API server would issue a token for the audience "", which no service should accept. Remove it, or name the service that will receive the token.'
        : 'spec.audiences has an empty audience: no token carries the audience "", so it never matches. Remove it, or name the service the token was issued for.';
      checks.report('empty-audience', request ? 'error' : 'warning', message, item.at, remove);
    } else if (audience.trim() !== audience) {
      const trimmed = audience.trim();
      const fixes = trimmed === '' ? remove : checks.change(`Change to ${quoted(trimmed)}`, item, scalarText(trimmed, list.node.flow));
      const what = trimmed === '' ? 'is only white space' : 'has white space around it';
      checks.report('audience-whitespace', 'warning', `The audience ${quoted(audience)} ${what}: audiences are compared exactly, white space included, so it matches no service's name.`, item.at, fixes);
    }
  });
}
