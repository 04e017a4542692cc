import * as l10n from '../text/l10n';
/**
 * Whether a cloud could read a cluster's ServiceAccount issuer. AWS IAM and Microsoft Entra ID fetch
 * `<issuer>/.well-known/openid-configuration` and the keys it names over the internet, so they can
 * trust only an https issuer they can reach. Only what the URL itself shows is judged: a public name
 * still has to serve the discovery document.
 */

export type IssuerReach = { readonly publicName: true } | { readonly publicName: false; readonly why: string };

/** Names that resolve only inside a cluster or a private network. */
const privateSuffixes = ['.svc', '.cluster.local', '.local', '.internal', '.lan', '.home.arpa', '.localhost'];

function privateIPv4(host: string): boolean {
  const parts = host.split('.').map(Number);
  if (parts.length !== 4 || parts.some((part) => !Number.isInteger(part) || part < 0 || part > 255)) {
    return false;
  }
  const [a, b] = parts;
  // RFC 1918, loopback, link-local, shared address space (RFC 6598) and "this network".
  return a === 10 || a === 127 || a === 0 || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127);
}

function privateIPv6(host: string): boolean {
  const address = host.replace(/^\[|\]$/g, '').toLowerCase();
  return address === '::1' || address === '::' || /^f[cd][0-9a-f]{0,2}:/.test(address) || /^fe[89ab][0-9a-f]?:/.test(address);
}

/** Whether `issuer` (a token's `iss`, or the cluster's) is an https URL on a name the internet can resolve. */
export function issuerReach(issuer: string): IssuerReach {
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    return { publicName: false, why: l10n.t('it is not a URL') };
  }
  if (url.protocol !== 'https:') {
    return { publicName: false, why: l10n.t('it is not an https URL') };
  }
  const host = url.hostname.toLowerCase();
  if (host.startsWith('[')) {
    return privateIPv6(host) ? { publicName: false, why: l10n.t('its host is a private IP address') } : { publicName: true };
  }
  if (privateIPv4(host)) {
    return { publicName: false, why: l10n.t('its host is a private IP address') };
  }
  if (host === 'localhost' || !host.includes('.') || privateSuffixes.some((suffix) => host.endsWith(suffix))) {
    return { publicName: false, why: l10n.t('its host is a name only the cluster or a private network resolves') };
  }
  return { publicName: true };
}
