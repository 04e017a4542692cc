// Text from the file inside a message: every message that shows a value, key or kind goes through
// here, so a 100,000-character value cannot become a 100,000-character diagnostic and a bidi
// override or zero-width character cannot make a message read as something else.
import { visibleText } from '../text/visibleText';

/** How many characters of a value a message shows. */
const excerptLength = 60;

/** A message from the yaml parser may echo source text (a tag, a block header): bound it too. */
const parserMessageLength = 200;

/** At most 60 characters of `text` with invisible and reordering characters escaped (`\u202E`), and its length when cut. */
export function excerpt(text: string): string {
  return visibleText(text, excerptLength);
}

/** `text` between double quotes, as an excerpt; quotes and backslashes inside are escaped so the quoting cannot be faked. */
export function quoted(text: string): string {
  const head = text.length > excerptLength ? text.slice(0, excerptLength) : text;
  const shown = visibleText(head.replace(/["\\]/g, '\\$&'), Number.POSITIVE_INFINITY);
  return text.length > excerptLength ? `"${shown}…" (${text.length} characters)` : `"${shown}"`;
}

/** A message written by the yaml parser, bounded and with invisible characters escaped. */
export function parserMessage(message: string): string {
  return visibleText(message, parserMessageLength);
}

/** A field as a message names it: the path to it (field names of the schema, shown whole) and the key as written (an excerpt), in one pair of quotes. */
export function quotedField(path: readonly string[], key: string): string {
  return path.length === 0 ? quoted(key) : `"${path.join('.')}.${quoted(key).slice(1)}`;
}
