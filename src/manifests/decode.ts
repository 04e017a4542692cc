// A document as kubectl decodes it before sending: aliases followed, merge keys (`<<`) applied the
// way go-yaml v2 applies them, scalars read with YAML 1.1 rules, keys turned into JSON's strings.
// Every value keeps the node it was written as, so findings and fixes still point into the text.
import { isAlias, isMap, isScalar, isSeq, type Alias, type Document, type Node, type Pair, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import type { Finding, Fix } from './findings';
import { excerpt, quoted } from './quote';
import { isMergeKey, kubectlReading, readsAsItself, type Reading, type ScalarValue } from './yaml11';
import * as l10n from '../text/l10n';

export type Range = readonly [number, number];

/** Values an alias may expand to in one document; an alias bomb reaches it in a few lines. */
const aliasBudget = 10_000;

/** Nesting the validator follows; kubectl itself stops at 10,000 ("exceeded max depth of 10000"). */
export const maxDepth = 100;

/** Problems reported per document: kubectl stops at the first, a person fixes them one by one. */
const maxProblems = 10;

/** Problems that concern the whole document: reported once. */
const oncePerDocument = new Set(['alias-budget', 'too-deep']);

interface DecodedBase {
  /** Where the value is used as written: an alias, or the node itself. */
  written: Node;
  /** Where findings about the value go: the first alias on the way from the document root, else the node. */
  at: Range;
}

export interface DecodedScalar extends DecodedBase {
  kind: 'scalar';
  /** The scalar the text is in (for an alias, the anchored one). */
  node: Scalar;
  value: ScalarValue;
  /** kubectl's reading of it, with the JSON kubectl sends for it. */
  reading: Reading;
  /** How the yaml package (and YAML 1.2 tools) read the same text, when that differs from kubectl's reading. */
  otherReading?: { value: ScalarValue };
}

export interface DecodedSeq extends DecodedBase {
  kind: 'seq';
  node: YAMLSeq;
  /** undefined where a problem stopped decoding. */
  items: (Decoded | undefined)[];
}

export interface DecodedEntry {
  /** The key as JSON has it: `yes` becomes "true", `0777` becomes "511". */
  key: string;
  keyNode: Node;
  keyAt: Range;
  /** The pair as written, and the mapping that holds it (for a merged entry, the merged mapping). */
  pair: Pair<Node, Node | null>;
  owner: YAMLMap;
  index: number;
  /** Brought in by a merge key. */
  merged: boolean;
  /** undefined when the pair has no value node, or a problem stopped decoding it. */
  value: Decoded | undefined;
}

export interface DecodedMap extends DecodedBase {
  kind: 'map';
  node: YAMLMap;
  /** The entries kubectl sends: the last of duplicate keys, merged ones unless overridden. */
  entries: DecodedEntry[];
  /** Keys written more than once in the same mapping: the last entry, which kubectl sends, and those before it. */
  duplicates: { entry: DecodedEntry; earlier: DecodedEntry[] }[];
  /** Keys written before a merge key that the merge then replaced (go-yaml v2 merges in place). */
  overridden: { entry: DecodedEntry; by: DecodedEntry }[];
}

export type Decoded = DecodedScalar | DecodedSeq | DecodedMap;

/** Decodes one parsed document, collecting the problems that make kubectl stop instead of sending it. */
export class DocumentDecoder {
  readonly problems: Finding[] = [];
  private expanded = 0;
  /**
   * The anchors seen so far, by name: nodes are decoded in the order they are written, so this is
   * what go-yaml's parser knows when it meets an alias (a later anchor of the same name wins from there on).
   */
  private readonly anchors = new Map<string, Node>();
  /** The aliases written in the document, with the node each names. */
  private readonly aliases: { alias: Alias; target: Node }[] = [];
  /** The named nodes, by start, with the furthest end of any up to each: built once decoding is done. */
  private named: { targets: Set<Node>; starts: number[]; furthestEnds: number[]; targetStarts: number[]; aliasStarts: number[] } | undefined;
  private readonly pendingFixes: [Finding, () => Fix[]][] = [];
  /** Anchored nodes being decoded: an alias to one of them is a cycle. */
  private readonly active = new Set<Node>();

  constructor(
    private readonly document: Document.Parsed,
    /** The fix that quotes a scalar as written (`written` is the alias, if one names it). */
    private readonly quoteFix: (written: Node, node: Scalar) => Fix[],
  ) {}

  /**
   * The document's value. Past a problem decoding goes on around it, so a document with an alias
   * bomb is still recognised by its kind; past the alias budget no alias is expanded any more.
   */
  decode(): Decoded | undefined {
    const value = this.value(this.document.contents, undefined, 0);
    // A fix depends on the aliases after the node too, which are known only now.
    for (const [problem, fixes] of this.pendingFixes) {
      problem.fixes = fixes();
    }
    return value;
  }

  private problem(code: string, message: string, at: Range, fixes?: () => Fix[]): undefined {
    const repeated = this.problems.some((problem) => problem.code === code && (problem.start === at[0] || oncePerDocument.has(code)));
    if (!repeated && this.problems.length < maxProblems) {
      const problem: Finding = { code, severity: 'error', message, start: at[0], end: at[1], fixes: [] };
      this.problems.push(problem);
      if (fixes) {
        this.pendingFixes.push([problem, fixes]);
      }
    }
    return undefined;
  }

  /** The named nodes in the forms the questions below need, so that each answers in logarithmic time. */
  private namedNodes(): NonNullable<DocumentDecoder['named']> {
    if (!this.named) {
      const spans = this.aliases.map(({ target }) => target.range!).filter((range) => range[1] > range[0]).sort((a, b) => a[0] - b[0]);
      let furthest = -1;
      const byTarget = this.aliases.map(({ alias, target }) => ({ target: target.range![0], alias: alias.range![0] })).sort((a, b) => a.target - b.target);
      this.named = {
        targets: new Set(this.aliases.map(({ target }) => target)),
        starts: spans.map((range) => range[0]),
        furthestEnds: spans.map((range) => (furthest = Math.max(furthest, range[1]))),
        targetStarts: byTarget.map(({ target }) => target),
        aliasStarts: byTarget.map(({ alias }) => alias),
      };
    }
    return this.named;
  }

  /** Whether an alias names this node or one around it: a change to it changes what the alias stands for too. */
  isShared(node: Node): boolean {
    const { targets, starts, furthestEnds } = this.namedNodes();
    // Of the named nodes starting at or before this one, one reaching past its end holds it.
    const last = lastAtOrBefore(starts, node.range![0]);
    return targets.has(node) || (last >= 0 && furthestEnds[last] >= node.range![1]);
  }

  /** Whether an alias outside [start, end) names an anchor inside it: removing that text would break the alias. */
  anchorNeededOutside(start: number, end: number): boolean {
    const { targetStarts, aliasStarts } = this.namedNodes();
    for (let index = lastAtOrBefore(targetStarts, start - 1) + 1; index < targetStarts.length && targetStarts[index] < end; index += 1) {
      if (aliasStarts[index] < start || aliasStarts[index] >= end) {
        return true;
      }
    }
    return false;
  }

  private value(written: Node | null, outer: Alias | undefined, depth: number): Decoded | undefined {
    if (!written?.range) {
      return undefined;
    }
    const at = (outer ?? written).range!;
    const range: Range = [at[0], at[1]];
    if (depth > maxDepth) {
      return this.problem('too-deep', l10n.t('This document nests more than {0} levels deep: the validator stops there and does not send it (kubectl stops at 10,000, "exceeded max depth of 10000").', maxDepth), range);
    }
    if (outer) {
      this.expanded += 1;
      if (this.expanded > aliasBudget) {
        return this.problem('alias-budget', l10n.t('The aliases of this document expand to more than {0} values: the validator stops there and the lens does not send it. Write the values out instead of nesting aliases.', aliasBudget.toLocaleString('en')), range);
      }
    }
    if (!isAlias(written)) {
      if (written.anchor !== undefined && !outer) {
        this.anchors.set(written.anchor, written);
      }
      return this.node(written, written, outer, range, depth);
    }
    const target = this.anchors.get(written.source);
    if (target && !outer) {
      this.aliases.push({ alias: written, target });
    }
    const name = excerpt(written.source);
    if (!target) {
      return this.problem(
        'alias-unknown',
        l10n.t('The alias *{0} names no anchor defined before it in this document: kubectl stops with "yaml: unknown anchor \'{1}\' referenced". An anchor in another --- document is not visible here: define it in this document, or write the value out.', name, name),
        [written.range![0], written.range![1]],
      );
    }
    if (this.active.has(target)) {
      return this.problem('alias-cycle', l10n.t('The alias *{0} is inside the value it names: kubectl stops with "yaml: anchor \'{1}\' value contains itself".', name, name), [written.range![0], written.range![1]]);
    }
    return this.node(target, written, outer ?? written, range, depth);
  }

  private node(node: Node, written: Node, outer: Alias | undefined, at: Range, depth: number): Decoded | undefined {
    const anchored = node.anchor !== undefined;
    if (anchored) {
      this.active.add(node);
    }
    try {
      if (isScalar(node)) {
        return this.scalar(node, written, at);
      }
      if (isSeq(node)) {
        return { kind: 'seq', node, written, at, items: (node.items as (Node | null)[]).map((item) => this.value(item, outer, depth + 1)) };
      }
      if (isMap(node)) {
        return this.map(node, written, outer, at, depth);
      }
      return undefined;
    } finally {
      if (anchored) {
        this.active.delete(node);
      }
    }
  }

  private scalar(node: Scalar, written: Node, at: Range): DecodedScalar | undefined {
    const source = (node as Scalar.Parsed).source ?? '';
    const reading = kubectlReading(source, node.type === 'PLAIN', node.tag);
    if ('error' in reading) {
      const code = reading.error.startsWith('json:') ? 'non-finite-number' : 'tag-value';
      const message =
        code === 'non-finite-number'
          ? l10n.t('kubectl reads {0} as a number JSON cannot carry (YAML 1.1): it stops with "{1}". Quote it if you meant text.', quoted(source), reading.error)
          : l10n.t('kubectl stops with "{0}": remove the tag, or write a value of that type.', reading.error);
      const quote = () => (isAlias(written) || !this.isShared(node) ? this.quoteFix(written, node) : []);
      return this.problem(code, message, at, code === 'non-finite-number' ? quote : undefined);
    }
    const own = typeof node.value === 'bigint' ? Number(node.value) : node.value;
    const type = typeof own;
    const decoded: DecodedScalar = { kind: 'scalar', node, written, at, value: reading.value, reading };
    if ((type === 'string' || type === 'number' || type === 'boolean' || own === null) && own !== reading.value) {
      decoded.otherReading = { value: own as ScalarValue };
    }
    return decoded;
  }

  /** A key as JSON has it, or undefined when kubectl cannot use it as one. */
  private key(keyNode: Node | null, outer: Alias | undefined, at: Range, depth: number): string | undefined {
    // Most keys are plain words, which decoding them as values would read as themselves: a file of
    // thousands of documents is spared a decoded value for each of its keys.
    if (!outer && depth < maxDepth && isScalar(keyNode) && keyNode.type === 'PLAIN' && keyNode.tag === undefined && keyNode.anchor === undefined && keyNode.range) {
      const source = (keyNode as Scalar.Parsed).source ?? '';
      if (readsAsItself(source)) {
        return source;
      }
    }
    const decoded = keyNode ? this.value(keyNode, outer, depth + 1) : undefined;
    if (keyNode && !decoded) {
      return undefined;
    }
    if (decoded && decoded.kind !== 'scalar') {
      return this.problem('map-key', l10n.t('A key must be a string, not a list or a mapping: kubectl stops with "yaml: invalid map key".'), at);
    }
    if (decoded?.value === null || decoded?.value === undefined) {
      return this.problem('map-key', l10n.t('A key must be a string, not null: kubectl stops with "unsupported map key of type: %!s(<nil>)".'), at);
    }
    return String(decoded.value);
  }

  private map(node: YAMLMap, written: Node, outer: Alias | undefined, at: Range, depth: number): DecodedMap {
    const map: DecodedMap = { kind: 'map', node, written, at, entries: [], duplicates: [], overridden: [] };
    const byKey = new Map<string, DecodedEntry>();
    // The entries written (not merged) for each key: indexed only once some key comes again, which most mappings never do.
    const writtenEntries: DecodedEntry[] = [];
    let explicit: Map<string, DecodedEntry[]> | undefined;
    (node.items as Pair<Node, Node | null>[]).forEach((pair, index) => {
      const keyRange = (outer ?? pair.key)?.range;
      const keyAt: Range = keyRange ? [keyRange[0], keyRange[1]] : at;
      if (isScalar(pair.key) && isMergeKey((pair.key as Scalar.Parsed).source ?? '', pair.key.type === 'PLAIN', pair.key.tag)) {
        for (const entry of this.merged(pair.value, outer, keyAt, depth)) {
          const previous = byKey.get(entry.key);
          if (previous && !previous.merged) {
            map.overridden.push({ entry: previous, by: entry });
          }
          byKey.set(entry.key, { ...entry, merged: true });
        }
        return;
      }
      const key = this.key(pair.key, outer, keyAt, depth);
      if (key === undefined) {
        return;
      }
      const entry: DecodedEntry = { key, keyNode: pair.key, keyAt, pair, owner: node, index, merged: false, value: this.value(pair.value, outer, depth + 1) };
      if (!explicit && byKey.has(key)) {
        explicit = new Map();
        writtenEntries.forEach((earlier) => appendEntry(explicit!, earlier));
      }
      if (explicit) {
        appendEntry(explicit, entry);
      }
      writtenEntries.push(entry);
      byKey.set(key, entry);
    });
    map.entries = [...byKey.values()];
    for (const written of explicit?.values() ?? []) {
      if (written.length > 1) {
        map.duplicates.push({ entry: written[written.length - 1], earlier: written.slice(0, -1) });
      }
    }
    return map;
  }

  /** The entries a merge key brings in, later ones first overridden by earlier ones, as go-yaml v2 applies a list. */
  private merged(value: Node | null, outer: Alias | undefined, keyAt: Range, depth: number): DecodedEntry[] {
    const wrongValue = () => this.problem('merge-value', l10n.t('The value of << must be a mapping or a list of mappings: kubectl stops with "yaml: map merge requires map or sequence of maps as the value".'), value?.range ? [value.range[0], value.range[1]] : keyAt);
    if (!value) {
      return wrongValue() ?? [];
    }
    // A list must be written out: an alias may name a mapping only.
    const sources = isSeq(value) ? (value.items as Node[]) : [value];
    const maps: DecodedMap[] = [];
    for (const source of sources) {
      const decoded = this.value(source, outer, depth + 1);
      if (decoded && decoded.kind !== 'map') {
        return wrongValue() ?? [];
      }
      if (decoded) {
        maps.push(decoded);
      }
    }
    return maps.reverse().flatMap((map) => map.entries);
  }
}

function appendEntry(byKey: Map<string, DecodedEntry[]>, entry: DecodedEntry): void {
  const entries = byKey.get(entry.key);
  if (entries) {
    entries.push(entry);
  } else {
    byKey.set(entry.key, [entry]);
  }
}

/** The index of the last of ascending numbers that is at most `value`, or -1. */
function lastAtOrBefore(sorted: readonly number[], value: number): number {
  let [low, high] = [0, sorted.length];
  while (low < high) {
    const middle = (low + high) >> 1;
    if (sorted[middle] <= value) {
      low = middle + 1;
    } else {
      high = middle;
    }
  }
  return low - 1;
}

/** Whether a decoded value is absent or null, as the server treats both. */
export function isNull(value: Decoded | undefined): boolean {
  return !value || (value.kind === 'scalar' && value.value === null);
}

/** The effective entry for a key. */
export function entryOf(map: DecodedMap | undefined, key: string): DecodedEntry | undefined {
  return map?.entries.find((entry) => entry.key === key);
}

/** A decoded string, or undefined for anything else. */
export function stringOf(value: Decoded | undefined): string | undefined {
  return value?.kind === 'scalar' && typeof value.value === 'string' ? value.value : undefined;
}

export function mapOf(value: Decoded | undefined): DecodedMap | undefined {
  return value?.kind === 'map' ? value : undefined;
}
