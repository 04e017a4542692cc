import { decodeJwt, decodeProtectedHeader } from 'jose';

/** The token with its middle hidden: its header's first characters, never the signature. */
export function maskToken(token: string): string {
  return token.length <= 16 ? '•'.repeat(token.length) : `${token.slice(0, 8)}… (${token.length} characters, masked)`;
}

/** A read-only Markdown view of a token: header and claims decoded, the raw token masked unless revealed. */
export function decodedDocument(token: string, revealed: boolean): string {
  const lines = ['# Decoded token', ''];
  try {
    lines.push('## Header', '', '```json', JSON.stringify(decodeProtectedHeader(token), null, 2), '```', '');
    lines.push('## Claims', '', '```json', JSON.stringify(decodeJwt(token), null, 2), '```', '');
  } catch (error) {
    lines.push(`This is not a decodable JWT: ${error instanceof Error ? error.message : String(error)}`, '');
  }
  lines.push('## Token', '', revealed ? token : maskToken(token), '');
  return lines.join('\n');
}
