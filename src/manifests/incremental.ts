import { documentStarts } from './documents';
import { shiftFinding, type Finding, type ValidationOptions } from './findings';
import type { TokenManifest } from './manifest';
import { analyse, type DocumentAnalysis } from './validate';

/** Only blank, comment and directive lines. */
const directivesOnly = /^\uFEFF?(?:[ \t]*(?:[%#][^\n]*)?\n)*$/;

/** Each part of the text between `---` lines with its offset. */
function parts(text: string): { start: number; text: string }[] {
  const starts = documentStarts(text);
  // Directives before the first `---` are analysed with the document they introduce, which kubectl
  // then fails to read: reported there, not in a part of their own that holds no object.
  if (starts.length > 1 && directivesOnly.test(text.slice(0, starts[1])) && /^%/m.test(text.slice(0, starts[1]))) {
    starts.splice(1, 1);
  }
  return starts.map((start, index) => ({ start, text: text.slice(start, starts[index + 1] ?? text.length) }));
}

/** One file's analysis: what diagnostics, quick fixes, lenses and sending all read. */
export interface FileAnalysis {
  readonly findings: readonly Finding[];
  readonly manifests: readonly TokenManifest[];
}

interface CachedDocument {
  readonly analysis: DocumentAnalysis;
  /** Where the document was last seen, and its findings and manifests placed there. */
  readonly start: number;
  readonly findings: Finding[];
  readonly manifests: TokenManifest[];
}

function placed(analysis: DocumentAnalysis, start: number): CachedDocument {
  return {
    analysis,
    start,
    findings: analysis.findings.map((finding) => shiftFinding(finding, start)),
    manifests: analysis.manifests.map((manifest) => ({
      ...manifest,
      start: manifest.start + start,
      end: manifest.end + start,
      errors: manifest.errors.map((finding) => shiftFinding(finding, start)),
    })),
  };
}

/**
 * Validates a whole file, reusing the results of every document whose text has not changed since the
 * previous call: after a one-character edit only the edited document is parsed and checked again.
 */
export class IncrementalValidator {
  /** Per document text: its analysis, and its findings placed at the offset where it was last seen. */
  private cache = new Map<string, CachedDocument>();

  constructor(private readonly options: ValidationOptions) {}

  /** Every finding of the file, and every token object in it as it would be sent. */
  analyse(text: string): FileAnalysis {
    const next = new Map<string, CachedDocument>();
    const findings: Finding[] = [];
    const manifests: TokenManifest[] = [];
    for (const part of parts(text)) {
      let entry = next.get(part.text) ?? this.cache.get(part.text);
      if (entry?.start !== part.start) {
        entry = placed(entry?.analysis ?? analyse(part.text, this.options), part.start);
      }
      next.set(part.text, entry);
      findings.push(...entry.findings);
      manifests.push(...entry.manifests);
    }
    // Only the current documents stay cached, so memory follows the file, not its history.
    this.cache = next;
    return { findings, manifests };
  }

  validate(text: string): Finding[] {
    return [...this.analyse(text).findings];
  }
}

export function validateManifests(text: string, options: ValidationOptions): Finding[] {
  return new IncrementalValidator(options).validate(text);
}

/** The authentication.k8s.io/v1 TokenRequest and TokenReview objects of a file, as they would be sent. */
export function tokenManifests(text: string): TokenManifest[] {
  // Only error findings are kept with them, and none of those depends on the options.
  return [...new IncrementalValidator({ defaultAudiences: [], now: Date.now() }).analyse(text).manifests];
}
