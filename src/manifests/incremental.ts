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

/** A document's findings and manifests, placed where the document was last seen. */
interface CachedDocument {
  readonly start: number;
  readonly findings: Finding[];
  readonly manifests: TokenManifest[];
}

/**
 * The same results `delta` characters further on. Only the placed copy is kept, not the analysis it
 * came from as well: a file of thousands of documents keeps half as much, which the garbage
 * collector then does not have to walk.
 */
function placed(analysis: DocumentAnalysis | CachedDocument, start: number, delta: number): CachedDocument {
  if (delta === 0) {
    return { start, findings: analysis.findings, manifests: analysis.manifests };
  }
  return {
    start,
    findings: analysis.findings.map((finding) => shiftFinding(finding, delta)),
    manifests: analysis.manifests.map((manifest) => ({
      ...manifest,
      start: manifest.start + delta,
      end: manifest.end + delta,
      errors: manifest.errors.map((finding) => shiftFinding(finding, delta)),
    })),
  };
}

/** A part of the file as last seen, with its results. */
interface SeenPart {
  readonly text: string;
  readonly entry: CachedDocument;
}

/**
 * Validates a whole file, reusing the results of every document whose text has not changed since the
 * previous call: after a one-character edit only the edited document is parsed and checked again.
 */
export class IncrementalValidator {
  /** The parts of the file at the previous call, in order, with their findings and manifests placed where they were. */
  private seen: SeenPart[] = [];

  constructor(private readonly options: ValidationOptions) {}

  /** Every finding of the file, and every token object in it as it would be sent. */
  analyse(text: string): FileAnalysis {
    const current = parts(text);
    const previous = this.seen;
    // An edit changes the file somewhere in the middle: the parts before and after it are matched by
    // position, and only those between are looked up by their text. Hashing every part's text on each
    // keystroke would cost more than the edited document's analysis.
    let front = 0;
    while (front < current.length && front < previous.length && current[front].text === previous[front].text) {
      front += 1;
    }
    let back = 0;
    while (back < current.length - front && back < previous.length - front && current[current.length - 1 - back].text === previous[previous.length - 1 - back].text) {
      back += 1;
    }
    const moved = new Map<string, CachedDocument>();
    for (const part of previous.slice(front, previous.length - back)) {
      moved.set(part.text, part.entry);
    }
    const findings: Finding[] = [];
    const manifests: TokenManifest[] = [];
    const seen: SeenPart[] = [];
    current.forEach((part, index) => {
      const matched = index < front ? previous[index] : index >= current.length - back ? previous[index - current.length + previous.length] : undefined;
      let entry = matched?.entry ?? moved.get(part.text);
      if (!entry) {
        entry = placed(analyse(part.text, this.options), part.start, part.start);
        // A document written twice in the file is analysed once.
        moved.set(part.text, entry);
      } else if (entry.start !== part.start) {
        entry = placed(entry, part.start, part.start - entry.start);
      }
      seen.push({ text: part.text, entry });
      findings.push(...entry.findings);
      manifests.push(...entry.manifests);
    });
    // Only the current documents stay cached, so memory follows the file, not its history.
    this.seen = seen;
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
