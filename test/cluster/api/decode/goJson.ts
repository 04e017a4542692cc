// JSON as Go's encoding/json reads it (scanner.go): the same syntax errors, word for word, and
// numbers kept as the literal text, since Go's type errors quote it ("cannot unmarshal number 3600.5").
// Objects keep every member in order, duplicates included, for the strict decoder to report.

export type JsonValue =
  | { readonly type: 'null' }
  | { readonly type: 'bool'; readonly value: boolean }
  | { readonly type: 'number'; readonly literal: string }
  | { readonly type: 'string'; readonly value: string }
  | { readonly type: 'array'; readonly items: readonly JsonValue[] }
  | { readonly type: 'object'; readonly members: readonly (readonly [string, JsonValue])[] };

/** A syntax error with Go's text, such as `invalid character '}' looking for beginning of value`. */
export class GoSyntaxError extends Error {}

const printable = (code: number) => code >= 0x20 && code !== 0x7f && !(code >= 0x80 && code <= 0xa0) && code !== 0xad;

/** Go's strconv.Quote for one rune, without the quotes. */
function escapeRune(code: number): string {
  const named: Record<number, string> = { 7: '\\a', 8: '\\b', 9: '\\t', 10: '\\n', 11: '\\v', 12: '\\f', 13: '\\r', 0x22: '\\"', 0x5c: '\\\\' };
  if (named[code]) {
    return named[code];
  }
  if (printable(code)) {
    return String.fromCodePoint(code);
  }
  return code < 0x80 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** Go's %q of a string (strconv.Quote). */
export function goQuote(text: string): string {
  return `"${[...text].map((char) => escapeRune(char.codePointAt(0)!)).join('')}"`;
}

/** Go's %q of a []string: `["a" "b"]`. */
export const goQuoteList = (items: readonly string[]): string => `[${items.map(goQuote).join(' ')}]`;

/** scanner.go quoteChar: the offending byte as Go prints it in a syntax error. */
function quoteChar(byte: number): string {
  if (byte === 0x27) {
    return `'\\''`;
  }
  if (byte === 0x22) {
    return `'"'`;
  }
  return `'${escapeRune(byte)}'`;
}

const isSpace = (byte: number | undefined) => byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d;
const isDigit = (byte: number | undefined) => byte !== undefined && byte >= 0x30 && byte <= 0x39;
const isHex = (byte: number | undefined) => isDigit(byte) || (byte !== undefined && ((byte >= 0x41 && byte <= 0x46) || (byte >= 0x61 && byte <= 0x66)));

class Reader {
  private offset = 0;

  constructor(private readonly data: Buffer) {}

  private fail(context: string): never {
    const byte = this.data[this.offset];
    throw new GoSyntaxError(byte === undefined ? 'unexpected end of JSON input' : `invalid character ${quoteChar(byte)} ${context}`);
  }

  private peek(): number | undefined {
    return this.data[this.offset];
  }

  private skipSpace(): void {
    while (isSpace(this.peek())) {
      this.offset += 1;
    }
  }

  document(): JsonValue {
    const value = this.value();
    this.skipSpace();
    if (this.offset < this.data.length) {
      this.fail('after top-level value');
    }
    return value;
  }

  private value(): JsonValue {
    this.skipSpace();
    switch (this.peek()) {
      case 0x7b:
        return this.object();
      case 0x5b:
        return this.array();
      case 0x22:
        return { type: 'string', value: this.string() };
      case 0x74:
        return this.literal('true', { type: 'bool', value: true });
      case 0x66:
        return this.literal('false', { type: 'bool', value: false });
      case 0x6e:
        return this.literal('null', { type: 'null' });
      default:
        if (this.peek() === 0x2d || isDigit(this.peek())) {
          return this.number();
        }
        return this.fail('looking for beginning of value');
    }
  }

  private object(): JsonValue {
    this.offset += 1;
    const members: [string, JsonValue][] = [];
    this.skipSpace();
    if (this.peek() === 0x7d) {
      this.offset += 1;
      return { type: 'object', members };
    }
    for (;;) {
      this.skipSpace();
      if (this.peek() !== 0x22) {
        this.fail('looking for beginning of object key string');
      }
      const key = this.string();
      this.skipSpace();
      if (this.peek() !== 0x3a) {
        this.fail('after object key');
      }
      this.offset += 1;
      members.push([key, this.value()]);
      this.skipSpace();
      if (this.peek() === 0x7d) {
        this.offset += 1;
        return { type: 'object', members };
      }
      if (this.peek() !== 0x2c) {
        this.fail('after object key:value pair');
      }
      this.offset += 1;
    }
  }

  private array(): JsonValue {
    this.offset += 1;
    const items: JsonValue[] = [];
    this.skipSpace();
    if (this.peek() === 0x5d) {
      this.offset += 1;
      return { type: 'array', items };
    }
    for (;;) {
      items.push(this.value());
      this.skipSpace();
      if (this.peek() === 0x5d) {
        this.offset += 1;
        return { type: 'array', items };
      }
      if (this.peek() !== 0x2c) {
        this.fail('after array element');
      }
      this.offset += 1;
    }
  }

  private string(): string {
    const start = (this.offset += 1);
    for (;;) {
      const byte = this.peek();
      if (byte === undefined) {
        this.fail('');
      }
      if (byte === 0x22) {
        break;
      }
      if (byte < 0x20) {
        this.fail('in string literal');
      }
      this.offset += 1;
      if (byte === 0x5c) {
        if (!'"\\/bfnrtu'.includes(String.fromCharCode(this.peek() ?? 0))) {
          this.fail('in string escape code');
        }
        if (this.data[this.offset] === 0x75) {
          for (let digit = 0; digit < 4; digit += 1) {
            this.offset += 1;
            if (!isHex(this.peek())) {
              this.fail('in \\u hexadecimal character escape');
            }
          }
        }
        this.offset += 1;
      }
    }
    const raw = this.data.subarray(start, this.offset).toString('utf8');
    this.offset += 1;
    // The escapes are JSON's own and control characters were refused above; invalid UTF-8 became U+FFFD, as in Go.
    return JSON.parse(`"${raw}"`) as string;
  }

  private number(): JsonValue {
    const start = this.offset;
    if (this.peek() === 0x2d) {
      this.offset += 1;
      if (!isDigit(this.peek())) {
        this.fail('in numeric literal');
      }
    }
    if (this.peek() === 0x30) {
      this.offset += 1;
    } else {
      this.digits();
    }
    if (this.peek() === 0x2e) {
      this.offset += 1;
      if (!isDigit(this.peek())) {
        this.fail('after decimal point in numeric literal');
      }
      this.digits();
    }
    if (this.peek() === 0x65 || this.peek() === 0x45) {
      this.offset += 1;
      if (this.peek() === 0x2b || this.peek() === 0x2d) {
        this.offset += 1;
      }
      if (!isDigit(this.peek())) {
        this.fail('in exponent of numeric literal');
      }
      this.digits();
    }
    return { type: 'number', literal: this.data.subarray(start, this.offset).toString('latin1') };
  }

  private digits(): void {
    while (isDigit(this.peek())) {
      this.offset += 1;
    }
  }

  private literal(word: string, value: JsonValue): JsonValue {
    for (const char of word) {
      if (this.peek() !== char.charCodeAt(0)) {
        this.fail(`in literal ${word} (expecting ${quoteChar(char.charCodeAt(0))})`);
      }
      this.offset += 1;
    }
    return value;
  }
}

/** Parses JSON bytes, or throws GoSyntaxError with the text encoding/json gives. */
export function parseGoJson(data: Buffer): JsonValue {
  return new Reader(data).document();
}

/** The plain JavaScript value, numbers as numbers. */
export function toPlain(value: JsonValue): unknown {
  switch (value.type) {
    case 'null':
      return null;
    case 'bool':
    case 'string':
      return value.value;
    case 'number':
      return Number(value.literal);
    case 'array':
      return value.items.map(toPlain);
    case 'object':
      return Object.fromEntries(value.members.map(([key, member]) => [key, toPlain(member)]));
  }
}
