/**
 * Finds the ServiceAccount tokens in one file's text, with their places as an editor counts them
 * (zero-based line and UTF-16 character; `\n`, `\r\n` and a lone `\r` each end a line), and counts
 * the other JWTs. One pass over the text: lines are counted forward from one token to the next.
 */
import { createHash } from 'node:crypto';
import { mayBeServiceAccountToken } from '../jwt/credentials';
import { scanTokens } from '../jwt/scan';
import { classifyToken } from './classify';
import type { TokenFinding } from './types';

export interface TextScan {
  readonly findings: readonly TokenFinding[];
  /** Token-like strings that are not ServiceAccount tokens (other JWTs, malformed ones, look-alikes). */
  readonly otherJwts: number;
}

/** First 16 hex digits of the token's SHA-256: tells findings of one token apart without holding it. */
export function tokenFingerprint(token: string): string {
  return createHash('sha256').update(token).digest('hex').slice(0, 16);
}

/** Counts line breaks forward only, so the positions of increasing offsets cost one pass over the text in all. */
class LineCounter {
  private line = 0;
  private lineStart = 0;
  private at = 0;

  constructor(private readonly text: string) {}

  /** Zero-based line and character of `offset`; offsets must not go backwards. */
  positionOf(offset: number): { line: number; character: number } {
    for (; this.at < offset; this.at++) {
      const code = this.text.charCodeAt(this.at);
      if (code === 0x0a || (code === 0x0d && this.text.charCodeAt(this.at + 1) !== 0x0a)) {
        this.line++;
        this.lineStart = this.at + 1;
      }
    }
    return { line: this.line, character: offset - this.lineStart };
  }
}

/** Never throws; linear in the text. `file` is written into each finding as it is. */
export function scanText(text: string, file: string): TextScan {
  const findings: TokenFinding[] = [];
  const lines = new LineCounter(text);
  let otherJwts = 0;
  for (const found of scanTokens(text)) {
    // Most JWTs cannot name `kubernetes.io`: they are counted without being decoded.
    const classified = mayBeServiceAccountToken(found.text) ? classifyToken(found.text) : undefined;
    if (!classified?.serviceAccount) {
      otherJwts++;
      continue;
    }
    findings.push({ file, ...lines.positionOf(found.start), length: found.end - found.start, ...classified.claims, fingerprint: tokenFingerprint(found.text) });
  }
  return { findings, otherJwts };
}
