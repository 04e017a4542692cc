/**
 * Sentences about a token that keep our words and the token's values apart. A value can only be
 * rendered quoted: as a Markdown code span, or as visible plain text. So no field of a
 * description can put text from a token into a hover as Markdown, whoever adds the field.
 */
import * as l10n from '../text/l10n';
import { defusedText, escapedText } from '../text/visibleText';
import { code } from './markdown';

type Piece = { readonly ours: string } | { readonly value: string };

/** Values quoted in a sentence are cut at this length unless the caller asks otherwise. */
export const phraseValueLimit = 80;

/** Held by this module only: no other code can build a phrase, or say which of its pieces are ours. */
const builder = Symbol('phrase builder');

export class Phrase {
  readonly #pieces: readonly Piece[];

  /** `key` is this module's own symbol: only code here can call it. */
  constructor(_key: typeof builder, pieces: readonly Piece[]) {
    this.#pieces = pieces;
  }

  /** Our words as Markdown, every value as a code span. */
  markdown(): string {
    return this.#pieces.map((piece) => ('ours' in piece ? piece.ours : code(piece.value))).join('');
  }

  /** For messages and diagnostics, which are plain text: values are visible and bounded, their links and icons literal. */
  plain(): string {
    return this.#pieces.map((piece) => ('ours' in piece ? piece.ours : defusedText(piece.value))).join('');
  }

  /** Splices this phrase into another one being built; the key keeps the pieces inside this module. */
  piecesFor(_key: typeof builder): readonly Piece[] {
    return this.#pieces;
  }
}

const build = (pieces: readonly Piece[]) => new Phrase(builder, pieces);
const piecesOf = (item: Phrase) => item.piecesFor(builder);

/** A JSON value as one line of text, whatever it holds; JSON would write a number too large for a double (1e400) as `null`. */
function jsonText(value: unknown): string {
  if (typeof value === 'string' || typeof value === 'number') {
    return String(value);
  }
  return JSON.stringify(value) ?? 'undefined';
}

const valuePiece = (value: unknown, limit: number): Piece => ({ value: escapedText(jsonText(value), limit) });

/** One value from a token, shown visibly and cut at `limit` characters. */
export function quoted(value: unknown, limit = phraseValueLimit): Phrase {
  return build([valuePiece(value, limit)]);
}

/**
 * Words this code wrote itself: fixed text, or text it composed from numbers (times, counts).
 * Never a string read from a token: interpolate those into `phrase` instead, which quotes them.
 */
export function ours(words: string): Phrase {
  return build([{ ours: words }]);
}

/** The template's literal text as one message for translators, each value a `{0}`-style placeholder (scripts/l10n.ts exports the same). */
export const phraseFormat = (strings: readonly string[]) => strings.map((text, i) => (i === 0 ? text : `{${i - 1}}${text}`)).join('');

/** Each template's message, made once: a tagged template's strings array is the same object on every call. */
const formats = new WeakMap<TemplateStringsArray, string>();

/**
 * A sentence: the template's literal text is ours, translated as one message whose `{0}`
 * placeholders say where the values go (a translation may reorder them); an interpolated string is
 * a token value and is quoted; a number is written as digits; an interpolated phrase keeps its own
 * pieces. Values are placed by index after translating, never formatted into the text, so a value
 * can never be read as a placeholder or as our words.
 */
export function phrase(strings: TemplateStringsArray, ...values: readonly (string | number | Phrase)[]): Phrase {
  const pieces: Piece[] = [];
  let message = formats.get(strings);
  if (message === undefined) {
    message = phraseFormat(strings);
    formats.set(strings, message);
  }
  const parts = l10n.translatedParts(message);
  parts.forEach((part, i) => {
    if (i % 2 === 0) {
      if (part) {
        pieces.push({ ours: part });
      }
      return;
    }
    const index = Number(part);
    const value = values[index];
    if (value instanceof Phrase) {
      pieces.push(...piecesOf(value));
    } else if (typeof value === 'number') {
      pieces.push({ ours: String(value) });
    } else if (index < values.length) {
      pieces.push(valuePiece(value, phraseValueLimit));
    } else {
      pieces.push({ ours: `{${part}}` });
    }
  });
  return build(pieces);
}

/** Phrases one after another, with our separator between them. */
export function joined(phrases: readonly Phrase[], separator: string): Phrase {
  const pieces: Piece[] = [];
  phrases.forEach((item, i) => {
    if (i > 0) {
      pieces.push({ ours: separator });
    }
    pieces.push(...piecesOf(item));
  });
  return build(pieces);
}
