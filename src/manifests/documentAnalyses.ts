/**
 * The one owner of every open document's manifest analysis: diagnostics, quick fixes, lenses and
 * sending all read the same result, computed once per version of the text.
 */
import { Emitter, type Event } from '../events';
import type { ValidationOptions } from './findings';
import { IncrementalValidator, type FileAnalysis } from './incremental';

interface Entry {
  readonly validator: IncrementalValidator;
  version: number;
  analysis: FileAnalysis;
}

export class DocumentAnalyses {
  private readonly entries = new Map<string, Entry>();
  private readonly changed = new Emitter<string>();
  /** Fires with a document's key each time its analysis changes or it is forgotten. */
  readonly onDidChange: Event<string> = this.changed.event;

  /** `options` of a document: read when it is first analysed, and again after `reset`. */
  constructor(private readonly optionsFor: (key: string) => ValidationOptions) {}

  /**
   * The analysis of version `version` of the document `key`, reusing the work of every `---`
   * document in it that did not change. The same version twice is analysed (and its text read) once.
   */
  update(key: string, version: number, readText: () => string): FileAnalysis {
    const known = this.entries.get(key);
    if (known?.version === version) {
      return known.analysis;
    }
    const validator = known?.validator ?? new IncrementalValidator(this.optionsFor(key));
    const analysis = validator.analyse(readText());
    this.entries.set(key, { validator, version, analysis });
    this.changed.fire(key);
    return analysis;
  }

  /** The latest analysis of a document, if it was analysed. */
  get(key: string): FileAnalysis | undefined {
    return this.entries.get(key)?.analysis;
  }

  forget(key: string): void {
    if (this.entries.delete(key)) {
      this.changed.fire(key);
    }
  }

  /** Drops every analysis (the options changed); documents are analysed afresh on their next update. */
  reset(): void {
    const keys = [...this.entries.keys()];
    this.entries.clear();
    keys.forEach((key) => this.changed.fire(key));
  }

  dispose(): void {
    this.entries.clear();
    this.changed.dispose();
  }
}
