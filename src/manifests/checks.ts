// What the rules for one object share: where it is, how to report, and edits that respect
// the YAML around them (tags that would keep a value's old type, anchors that aliases still name).
import { isAlias, type Document, type Node, type YAMLSeq } from 'yaml';
import { isNull, type DecodedEntry, type DecodedMap, type DecodedScalar, type DocumentDecoder, type Range } from './decode';
import type { KindedObject, TokenObject } from './documents';
import { indentStep, lineStart, removeItem, removePair, replaceNode, replaceScalar } from './edits';
import type { Finding, Fix, Severity, TextEdit, ValidationOptions } from './findings';
import { nearMiss } from './nearMiss';
import { excerpt, quoted } from './quote';
import * as l10n from '../text/l10n';

/** The title of a fix that writes a value out where an alias stood, saying so. */
export function writtenOut(title: string, written: Node | null): string {
  return isAlias(written) ? l10n.t('{0}, written out in place of *{1}', title, excerpt(written.source)) : title;
}

export class ObjectChecks<O extends KindedObject = TokenObject> {
  readonly findings: Finding[] = [];
  private indentation: number | undefined;
  /** Warnings that kubectl reads a value otherwise than YAML 1.2 tools, held until the rules have run. */
  private readonly readings = new Map<DecodedScalar, Finding>();

  constructor(
    readonly text: string,
    readonly options: ValidationOptions,
    readonly document: Document.Parsed,
    private readonly decoder: DocumentDecoder,
    readonly object: O,
  ) {}

  /** Indentation unit of the object, so that added lines look like the person's: read only when a fix adds a line. */
  get step(): number {
    const node = this.object.map.node;
    this.indentation ??= indentStep(this.text.slice(lineStart(this.text, node.range![0]), node.range![1]));
    return this.indentation;
  }

  report(code: string, severity: Severity, message: string, at: Range, fixes: Fix[] = []): void {
    this.findings.push({ code, severity, message, start: at[0], end: at[1], fixes });
  }

  warnReading(value: DecodedScalar, message: string, fixes: Fix[]): void {
    this.readings.set(value, { code: 'yaml11-value', severity: 'warning', message, start: value.at[0], end: value.at[1], fixes });
  }

  /** A rule's own message said how kubectl reads the value: no separate warning then. */
  readingExplained(value: DecodedScalar): void {
    this.readings.delete(value);
  }

  /** Reports the reading warnings no rule explained. */
  finish(): void {
    this.findings.push(...this.readings.values());
  }

  /** A tag as the document resolves it (its %TAG handles). */
  tagName(source: string): string | null {
    return this.document.directives.tagName(source, () => undefined);
  }

  /**
   * A fix that changes a scalar as it is used here: an alias is replaced by the new value, leaving the
   * anchor as it is. None for a scalar that aliases share: they would change too.
   */
  change(title: string, value: DecodedScalar, newText: string): Fix[] {
    if (isAlias(value.written)) {
      return [{ title: writtenOut(title, value.written), edits: [replaceNode(value.written, newText)] }];
    }
    return this.shared(value.node) ? [] : [{ title, edits: replaceScalar(this.text, value.node, newText, (tag) => this.tagName(tag)) }];
  }

  /** The scalar's text as written, without quotes or escapes. */
  source(value: DecodedScalar): string {
    return (value.node as { source?: string }).source ?? '';
  }

  /**
   * Whether an alias names this node or one around it. No fix edits such a node: the change would
   * reach every field the alias stands in for, perhaps in another role (`metadata: &m`, `spec: *m`),
   * and text outside the object is reached only through aliases.
   */
  shared(node: Node | null): boolean {
    return node !== null && this.decoder.isShared(node);
  }

  /** A fix that removes text, unless an alias elsewhere still names an anchor in it. */
  removal(title: string, edit: TextEdit | undefined): Fix[] {
    return edit && !this.decoder.anchorNeededOutside(edit.start, edit.end) ? [{ title, edits: [edit] }] : [];
  }

  /**
   * A fix that removes entries of one mapping. The removals of neighbours in a flow mapping may
   * overlap (each takes a comma), so they are joined into one edit per stretch of text.
   */
  removePairsFix(title: string, entries: readonly DecodedEntry[]): Fix[] {
    if (entries.length === 0 || entries.some((entry) => this.shared(entry.owner))) {
      return [];
    }
    const ranges = entries.map((entry) => removePair(this.text, entry.owner, entry.index)).sort((a, b) => a.start - b.start);
    const joined: TextEdit[] = [];
    for (const range of ranges) {
      const last = joined[joined.length - 1];
      if (last && range.start <= last.end) {
        last.end = Math.max(last.end, range.end);
      } else {
        joined.push({ ...range });
      }
    }
    return joined.every((edit) => !this.decoder.anchorNeededOutside(edit.start, edit.end)) ? [{ title, edits: joined }] : [];
  }

  removeItemFix(title: string, list: YAMLSeq, index: number): Fix[] {
    return this.shared(list) ? [] : this.removal(title, removeItem(this.text, list, index, (tag) => this.tagName(tag)));
  }

  /**
   * An unknown key in `map`, with a value, that was meant to be `name` (`audience` for audiences),
   * if `name` is not written: the fix for a missing field is then renaming it, which keeps the value.
   */
  renameFor(map: DecodedMap, name: string, known: readonly string[]): Fix[] {
    const misspelt = map.entries.find((entry) => !known.includes(entry.key) && !isNull(entry.value) && nearMiss(entry.key, known) === name);
    return misspelt && !this.shared(misspelt.owner) ? [{ title: l10n.t('Rename {0} to "{1}"', quoted(misspelt.key), name), edits: [{ start: misspelt.keyNode.range![0], end: misspelt.keyNode.range![1], newText: name }] }] : [];
  }
}
