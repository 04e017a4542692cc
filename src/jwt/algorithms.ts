/**
 * JWS algorithm names. They are case-sensitive (RFC 7515, section 4.1.1): `"None"` or `"rs256"`
 * names no algorithm, and a correct library rejects a token that carries it, however close the
 * name is to a real one. Lenient libraries once accepted such names, which is why they are called out.
 */

/** Registered with IANA: RFC 7518, RFC 8037, RFC 8812, RFC 9864, and the ML-DSA names. */
const registered = [
  'none',
  'HS256', 'HS384', 'HS512',
  'RS256', 'RS384', 'RS512',
  'PS256', 'PS384', 'PS512',
  'ES256', 'ES384', 'ES512', 'ES256K',
  'EdDSA', 'Ed25519', 'Ed448',
  'ML-DSA-44', 'ML-DSA-65', 'ML-DSA-87',
];

const byLowerCase = new Map(registered.map((name) => [name.toLowerCase(), name]));

/** The registered name that `alg` matches only when case is ignored (`"NONE"` → `"none"`); undefined when `alg` is exact or like no name. */
export function caseVariantOf(alg: string): string | undefined {
  const name = byLowerCase.get(alg.toLowerCase());
  return name !== undefined && name !== alg ? name : undefined;
}
