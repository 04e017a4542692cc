import { documentStarts } from './documents';
import { shiftFinding, type Finding, type ValidationOptions } from './findings';
import { analyse, type DocumentAnalysis, type TokenManifest } from './validate';

/** Each part of the text between `---` lines with its offset. */
function parts(text: string): { start: number; text: string }[] {
  const starts = documentStarts(text);
  return starts.map((start, index) => ({ start, text: text.slice(start, starts[index + 1] ?? text.length) }));
}

/**
 * Validates a whole file, reusing the results of every document whose text has not changed since the
 * previous call: after a one-character edit only the edited document is parsed and checked again.
 */
export class IncrementalValidator {
  /** Per document text: its analysis, and its findings placed at the offset where it was last seen. */
  private cache = new Map<string, { analysis: DocumentAnalysis; start: number; placed: Finding[] }>();

  constructor(private readonly options: ValidationOptions) {}

  validate(text: string): Finding[] {
    const next = new Map<string, { analysis: DocumentAnalysis; start: number; placed: Finding[] }>();
    const findings: Finding[] = [];
    for (const part of parts(text)) {
      let entry = next.get(part.text) ?? this.cache.get(part.text);
      if (entry?.start !== part.start) {
        const analysis = entry?.analysis ?? analyse(part.text, this.options);
        entry = { analysis, start: part.start, placed: analysis.findings.map((finding) => shiftFinding(finding, part.start)) };
      }
      next.set(part.text, entry);
      findings.push(...entry.placed);
    }
    // Only the current documents stay cached, so memory follows the file, not its history.
    this.cache = next;
    return findings;
  }
}

export function validateManifests(text: string, options: ValidationOptions): Finding[] {
  return new IncrementalValidator(options).validate(text);
}

/** The authentication.k8s.io/v1 TokenRequest and TokenReview objects of a file, for code lenses. */
export function tokenManifests(text: string): TokenManifest[] {
  // Only error findings are kept, and none of them depends on the options.
  const options = { defaultAudiences: [], now: Date.now() };
  return parts(text).flatMap((part) =>
    analyse(part.text, options).manifests.map((manifest) => ({
      ...manifest,
      start: manifest.start + part.start,
      end: manifest.end + part.start,
      errors: manifest.errors.map((finding) => shiftFinding(finding, part.start)),
    })),
  );
}
