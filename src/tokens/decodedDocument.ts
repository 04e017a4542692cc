import { decodeJwt } from '../jwt/decode';
import { describeJwt } from '../jwt/describe';
import { code, describeMarkdown, longestBacktickRun } from '../jwt/markdown';
import { maxTokenLength } from '../jwt/scan';
import { escapedText, revealInvisible, visibleText } from '../text/visibleText';

/** Claim values up to this length are shown whole in the decoded view (hovers cut them shorter). */
const viewValueLimit = 2000;

/** The token with its middle hidden: its header's first characters, never the signature. */
export function maskToken(token: string): string {
  return token.length <= 16 ? '•'.repeat(token.length) : `${visibleText(token.slice(0, 8), 48)}… (${token.length} characters, masked)`;
}

/**
 * A JSON code block: a fence longer than any backtick run inside, and invisible characters
 * escaped the way JSON escapes them, so the block reads as what the token holds and is still JSON.
 */
function jsonBlock(value: unknown): string[] {
  const json = revealInvisible(JSON.stringify(value, null, 2));
  const fence = '`'.repeat(Math.max(3, longestBacktickRun(json) + 1));
  return [`${fence}json`, json, fence];
}

/**
 * A read-only Markdown view of a token: the hover's description, the header and payload as JSON,
 * the raw token masked unless revealed. Never throws: decoding bounds the token's size and depth.
 */
export function decodedDocument(token: string, revealed: boolean, now: number): string {
  const decoded = decodeJwt(token);
  const lines = ['# Decoded token', '', describeMarkdown(describeJwt(decoded, now, viewValueLimit)), ''];
  lines.push('## Token', '', revealed ? code(escapedText(token, maxTokenLength)) : `${code(maskToken(token))}: reveal it with the eye button in the title bar`, '');
  if (decoded.form !== 'malformed') {
    lines.push('## Header', '', ...jsonBlock(decoded.header), '');
  }
  if (decoded.form === 'jws') {
    lines.push('## Payload', '', ...jsonBlock(decoded.payload), '');
  }
  return lines.join('\n');
}
