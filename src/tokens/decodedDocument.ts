import { decodeJwt, decodeProtectedHeader, type JWTPayload } from 'jose';
import { formatSeconds } from './duration';

/** The token with its middle hidden: its header's first characters, never the signature. */
export function maskToken(token: string): string {
  return token.length <= 16 ? '•'.repeat(token.length) : `${token.slice(0, 8)}… (${token.length} characters, masked)`;
}

/** The token's time claims as absolute times and relative to `now`, e.g. "expires in 14m". */
export function timeLines(claims: JWTPayload, now: number): string[] {
  const relative = (seconds: number, future: string, past: string) => (seconds >= 0 ? `${future} ${formatSeconds(seconds)}` : `${past} ${formatSeconds(-seconds)} ago`);
  const at = (seconds: number) => new Date(seconds * 1000).toISOString();
  const lines: string[] = [];
  if (typeof claims.iat === 'number') {
    lines.push(`- Issued: ${at(claims.iat)} (${relative(claims.iat - now / 1000, 'issued in the future by', 'issued')})`);
  }
  if (typeof claims.nbf === 'number' && claims.nbf > now / 1000) {
    lines.push(`- Not valid for another ${formatSeconds(claims.nbf - now / 1000)} (from ${at(claims.nbf)})`);
  }
  lines.push(typeof claims.exp === 'number' ? `- Expires: ${at(claims.exp)} (${relative(claims.exp - now / 1000, 'expires in', 'expired')})` : '- Never expires: the token has no exp claim.');
  return lines;
}

/** A read-only Markdown view of a token: header, times and claims decoded, the raw token masked unless revealed. */
export function decodedDocument(token: string, revealed: boolean, now: number): string {
  const lines = ['# Decoded token', ''];
  try {
    const claims = decodeJwt(token);
    lines.push('## Header', '', '```json', JSON.stringify(decodeProtectedHeader(token), null, 2), '```', '');
    lines.push('## Time', '', ...timeLines(claims, now), '');
    lines.push('## Claims', '', '```json', JSON.stringify(claims, null, 2), '```', '');
  } catch (error) {
    lines.push(`This is not a decodable JWT: ${error instanceof Error ? error.message : String(error)}`, '');
  }
  lines.push('## Token', '', revealed ? token : maskToken(token), '');
  return lines.join('\n');
}
