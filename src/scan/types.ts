/**
 * What a workspace scan reports. A finding never holds the token itself: only where it is and what its
 * claims say, so findings can be logged, shown, written as JSON and sent between threads. Whoever needs
 * the token (a TokenReview the person asked for) reads it again from the file at the finding's place.
 */
export type ServiceAccountTokenKind = 'bound' | 'legacy';

export interface BoundObject {
  readonly kind: 'Pod' | 'Secret' | 'Node';
  readonly name: string;
  readonly uid?: string;
}

/** What a ServiceAccount token's claims say. */
export interface ServiceAccountTokenClaims {
  readonly kind: ServiceAccountTokenKind;
  readonly namespace: string;
  readonly serviceAccount: string;
  readonly serviceAccountUid?: string;
  readonly boundObject?: BoundObject;
  readonly issuer: string;
  readonly audiences: readonly string[];
  /** Seconds since the epoch, as in the claims; a legacy token has no expiry. */
  readonly issuedAt?: number;
  readonly expiresAt?: number;
}

/** A ServiceAccount token found in a file: its claims and its place. */
export interface TokenFinding extends ServiceAccountTokenClaims {
  /** Absolute path of the file. */
  readonly file: string;
  /** Zero-based line and UTF-16 character of the token's first character, and its length in UTF-16 units. */
  readonly line: number;
  readonly character: number;
  readonly length: number;
  /** SHA-256 of the token, first 16 hex digits: tells findings of the same token apart without holding it. */
  readonly fingerprint: string;
}

export interface ScanOptions {
  /** Absolute folder (or file) paths to scan. */
  readonly roots: readonly string[];
  /** Glob patterns (VS Code's `files.exclude` / `search.exclude` keys that are on), relative to each root. */
  readonly excludeGlobs: readonly string[];
  /** Files larger than this are skipped and counted. */
  readonly maxFileBytes: number;
  /** Honour `.gitignore` files found under each root (and `.git/info/exclude`). */
  readonly useGitignore: boolean;
  /**
   * Also honour the `.gitignore` files above a root inside a repository, as git does (the CLI).
   * VS Code's search does not by default (`search.useParentIgnoreFiles`): a workspace folder inside
   * an ignored folder of another repository is still searched, and so it is scanned.
   */
  readonly useParentGitignore: boolean;
}

export interface ScanProgress {
  readonly filesScanned: number;
  readonly bytesScanned: number;
  /** Too large, binary, unreadable: counted, never silently dropped. */
  readonly filesSkipped: number;
}

/**
 * Why a file or folder could not be read, as a kind: the worker thread that walks has no language
 * bundle, so the side that shows it puts it in words (`unreadableReason`).
 */
export type UnreadableReason = { readonly kind: 'permission-denied' } | { readonly kind: 'removed' } | { readonly kind: 'other'; readonly code?: string };

/** A file or folder the scan could not read, and why. */
export interface Unreadable {
  readonly file: string;
  readonly reason: UnreadableReason;
}

/** How many unreadable files a summary lists (all are counted). */
export const maxUnreadableListed = 100;

export interface ScanSummary extends ScanProgress {
  readonly findings: readonly TokenFinding[];
  /** JWTs that are not Kubernetes ServiceAccount tokens: counted, not flagged. */
  readonly otherJwts: number;
  /** Files skipped because they could not be read, with the reason (bounded list). */
  readonly unreadable: readonly Unreadable[];
  readonly durationMs: number;
  readonly cancelled: boolean;
}
