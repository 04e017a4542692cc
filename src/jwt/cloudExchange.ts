/**
 * The exchange a cloud makes for a Kubernetes token issued for its audience: the issuer, subject and
 * audience its trust configuration must name, and whether it can read the issuer's keys. Values from
 * the token are held in phrases, so they show only as code.
 */
import { issuerReach } from '../audiences/issuerReach';
import { audienceMeaning, type WellKnownAudience } from '../audiences/wellKnownAudiences';
import type { JsonObject } from './decode';
import type { ServiceAccountClaims } from './kubernetes';
import { ours, phrase, type Phrase } from './phrase';
import * as l10n from '../text/l10n';

const providerNames: Readonly<Record<WellKnownAudience['provider'], string>> = { aws: 'AWS', azure: 'Microsoft Entra ID', gcp: 'Google Cloud', kubernetes: 'Kubernetes', vault: 'Vault' };

/** Whether the cloud can fetch the issuer's keys itself, and what follows when it cannot. */
function reachPhrase(issuer: string, provider: WellKnownAudience['provider'], fetchesKeys: NonNullable<WellKnownAudience['trust']>['fetchesKeys']): Phrase {
  const reach = issuerReach(issuer);
  const cloud = providerNames[provider];
  if (reach.publicName) {
    return ours(l10n.t('{0} reads the issuer\'s keys from its /.well-known/openid-configuration, which must be served on the internet.', cloud));
  }
  return fetchesKeys === 'always'
    ? ours(l10n.t('The issuer is not publicly discoverable ({0}), so {1} cannot read its keys: this exchange fails.', reach.why, cloud))
    : ours(l10n.t('The issuer is not publicly discoverable ({0}): give the provider the cluster\'s key set (JWKS), as {1} cannot fetch it.', reach.why, cloud));
}

/** One sentence on the exchange a cloud audience of the token is for, or undefined when it has none. */
export function cloudExchange(payload: JsonObject, account: ServiceAccountClaims): Phrase | undefined {
  const audiences = (Array.isArray(payload.aud) ? payload.aud : [payload.aud]).filter((audience): audience is string => typeof audience === 'string');
  const issuer = typeof payload.iss === 'string' ? payload.iss : undefined;
  for (const audience of audiences) {
    const known = audienceMeaning(audience);
    const trust = known?.trust;
    if (!known || !trust || issuer === undefined) {
      continue;
    }
    const subject = typeof payload.sub === 'string' ? phrase`subject ${payload.sub}` : ours(l10n.t('no subject'));
    return phrase`${ours(known.name)}: issuer ${issuer}, ${subject} (ServiceAccount ${account.name} in namespace ${account.namespace}) and audience ${audience} must match ${ours(trust.configuration)}. ${reachPhrase(issuer, known.provider, trust.fetchesKeys)}`;
  }
  return undefined;
}
