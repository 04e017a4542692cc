import { decodeJwt } from '../jwt/decode';
import { describeJwt } from '../jwt/describe';
import { code, describeMarkdown } from '../jwt/markdown';

/** Claim values up to this length are shown whole in the decoded view (hovers cut them shorter). */
const viewValueLimit = 2000;

/** The token with its middle hidden: its header's first characters, never the signature. */
export function maskToken(token: string): string {
  return token.length <= 16 ? '•'.repeat(token.length) : `${token.slice(0, 8)}… (${token.length} characters, masked)`;
}

function jsonBlock(value: unknown): string[] {
  const json = JSON.stringify(value, null, 2);
  const fence = '`'.repeat(Math.max(3, ...(json.match(/`+/g) ?? []).map((run) => run.length + 1)));
  return [`${fence}json`, json, fence];
}

/** A read-only Markdown view of a token: the hover's description, the header and payload as JSON, the raw token masked unless revealed. */
export function decodedDocument(token: string, revealed: boolean, now: number): string {
  const decoded = decodeJwt(token);
  const lines = ['# Decoded token', '', describeMarkdown(describeJwt(decoded, now, viewValueLimit)), ''];
  lines.push('## Token', '', revealed ? code(token) : `${maskToken(token)}: reveal it with the eye button in the title bar`, '');
  if (decoded.form !== 'malformed') {
    lines.push('## Header', '', ...jsonBlock(decoded.header), '');
  }
  if (decoded.form === 'jws') {
    lines.push('## Payload', '', ...jsonBlock(decoded.payload), '');
  }
  return lines.join('\n');
}
