// How kubectl reads a scalar. kubectl converts each document to JSON with sigs.k8s.io/yaml, which
// decodes with go-yaml v2: YAML 1.1 rules (resolve.go), so `yes` is true, `0777` is 511 and `1_000`
// is 1000, where YAML 1.2 tools (and the yaml package) read "yes", 777 and "1_000". What kubectl
// reads is what the API server receives, so the validator checks that reading.
import { excerpt } from './quote';

export type ScalarValue = string | number | boolean | null;

/**
 * A value as kubectl reads it. Its JSON is written out when first asked for: a file of thousands of
 * documents reads every scalar, and only the few a message names need it.
 */
export class Reading {
  private written: string | undefined;

  /** `integerText`: the digits of a value read as an integer, which its JSON writes exactly. */
  constructor(
    readonly value: ScalarValue,
    private readonly integerText?: string,
  ) {}

  /** The JSON kubectl sends for it: how the server's messages quote it. */
  get json(): string {
    this.written ??= jsonOf(this.value, this.integerText === undefined ? undefined : parseInteger(this.integerText));
    return this.written;
  }
}

/** Read as kubectl would, or kubectl's words for why it stops. */
export type KubectlReading = Reading | { readonly error: string };

type Resolved = { tag: 'str' | 'bool' | 'null' | 'int' | 'float' | 'timestamp'; value: ScalarValue };

const yamlTag = 'tag:yaml.org,2002:';

const fixed = new Map<string, Resolved>();
for (const [words, resolved] of [
  ['y Y yes Yes YES true True TRUE on On ON', { tag: 'bool', value: true }],
  ['n N no No NO false False FALSE off Off OFF', { tag: 'bool', value: false }],
  ['~ null Null NULL', { tag: 'null', value: null }],
  ['.nan .NaN .NAN', { tag: 'float', value: Number.NaN }],
  ['.inf .Inf .INF +.inf +.Inf +.INF', { tag: 'float', value: Number.POSITIVE_INFINITY }],
  ['-.inf -.Inf -.INF', { tag: 'float', value: Number.NEGATIVE_INFINITY }],
] as const) {
  for (const word of words.split(' ')) {
    fixed.set(word, resolved);
  }
}
fixed.set('', { tag: 'null', value: null });

const int64Max = 2n ** 63n - 1n;
const uint64Max = 2n ** 64n - 1n;
const digits: Record<number, RegExp> = { 2: /^[01]*$/, 8: /^[0-7]*$/, 10: /^[0-9]+$/, 16: /^[0-9a-fA-F]*$/ };
const prefixes: Record<number, string> = { 2: '0b', 8: '0o', 10: '', 16: '0x' };
const yamlStyleFloat = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const dotFloat = /^\.[0-9]+([eE][-+]?[0-9]+)?$/;
// go-yaml's four timestamp layouts (2006-1-2T15:4:5.999999999Z07:00, with t, with a space and no zone, date only).
const timestamp = /^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:(?:[Tt][0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}(?:\.[0-9]+)?(?:Z|[-+][0-9]{1,2}:[0-9]{2}))|(?: [0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}(?:\.[0-9]+)?))?$/;

/** Go's strconv.ParseUint(s, 0, 64) (prefixes 0b, 0o, 0x and a bare leading 0 for octal), undefined where Go fails. */
function parseUnsigned(text: string): bigint | undefined {
  let base = 10;
  let rest = text;
  if (text.startsWith('0')) {
    const prefix = text[1]?.toLowerCase();
    base = text.length >= 3 && prefix === 'b' ? 2 : text.length >= 3 && prefix === 'o' ? 8 : text.length >= 3 && prefix === 'x' ? 16 : 8;
    rest = base === 8 && prefix !== 'o' ? text.slice(1) : text.slice(2);
  }
  if (!digits[base].test(rest)) {
    return undefined;
  }
  const value = rest === '' ? 0n : BigInt(prefixes[base] + rest);
  return value <= uint64Max ? value : undefined;
}

/** Go's strconv.ParseInt(s, 0, 64), then ParseUint(s, 0, 64) as go-yaml tries them. */
function parseInteger(text: string): bigint | undefined {
  const sign = text[0] === '-' || text[0] === '+' ? text[0] : '';
  const magnitude = parseUnsigned(text.slice(sign.length));
  if (magnitude === undefined) {
    return undefined;
  }
  if (sign === '-') {
    return magnitude <= int64Max + 1n ? -magnitude : undefined;
  }
  // ParseUint takes no sign, so "+" numbers must fit int64.
  return magnitude <= int64Max || sign === '' ? magnitude : undefined;
}

/**
 * Whether kubectl reads this plain, untagged text as this very string, known without resolving it:
 * text that starts with a letter and is none of YAML 1.1's words (`yes`, `off`, `null`…). Most keys are.
 */
export function readsAsItself(text: string): boolean {
  const first = text.charCodeAt(0);
  return ((first >= 65 && first <= 90) || (first >= 97 && first <= 122)) && !fixed.has(text);
}

/** go-yaml v2's resolve() for a plain scalar, or one tagged `wanted`: the tag it picks and the value it decodes. */
function resolvePlain(text: string, wanted?: string): Resolved {
  const known = fixed.get(text);
  if (known) {
    return known;
  }
  const first = text[0];
  if (first === '.') {
    const value = dotFloat.test(text) ? Number(text) : Number.NaN;
    return Number.isFinite(value) ? { tag: 'float', value } : { tag: 'str', value: text };
  }
  if (!(first === '+' || first === '-' || (first >= '0' && first <= '9'))) {
    return { tag: 'str', value: text };
  }
  if ((wanted === undefined || wanted === 'timestamp') && timestamp.test(text)) {
    return { tag: 'timestamp', value: text };
  }
  const plain = text.replaceAll('_', '');
  const integer = parseInteger(plain);
  if (integer !== undefined) {
    return { tag: 'int', value: Number(integer) };
  }
  if (yamlStyleFloat.test(plain)) {
    const value = Number(plain);
    // strconv.ParseFloat fails on overflow; go-yaml then keeps the text.
    if (Number.isFinite(value)) {
      return { tag: 'float', value };
    }
  }
  return { tag: 'str', value: text };
}

/**
 * encoding/json's text for a value after kubectl's round trip through unstructured objects: whole
 * numbers that fit int64 are written exactly, others as float64 (Go and JavaScript print those alike).
 */
function jsonOf(value: ScalarValue, integer?: bigint): string {
  if (typeof value !== 'number') {
    return JSON.stringify(value);
  }
  const exact = integer ?? (Number.isInteger(value) && Math.abs(value) < 2 ** 63 ? BigInt(value) : undefined);
  return exact !== undefined && exact <= int64Max && exact >= -int64Max - 1n ? String(exact) : String(value);
}

function reading(resolved: Resolved, source: string): KubectlReading {
  const { value } = resolved;
  if (typeof value === 'number' && !Number.isFinite(value)) {
    return { error: `json: unsupported value: ${Number.isNaN(value) ? 'NaN' : value > 0 ? '+Inf' : '-Inf'}` };
  }
  // A timestamp reaches JSON as the text it was written as (decode.go keeps it a string for interface{}).
  const shown = resolved.tag === 'timestamp' ? source : value;
  return new Reading(shown, resolved.tag === 'int' ? source.replaceAll('_', '') : undefined);
}

/** base64.StdEncoding.DecodeString after go-yaml drops line breaks, as UTF-8 text. */
function decodeBinary(text: string): string | undefined {
  const compact = text.replace(/[\r\n]/g, '');
  if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(compact)) {
    return undefined;
  }
  const bytes = Uint8Array.from(atob(compact), (char) => char.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}

/**
 * kubectl's reading of a scalar: `text` is its value as written (unquoted, unescaped, folded),
 * `plain` whether it was written without quotes or block indicator, `tag` its explicit tag if any.
 */
export function kubectlReading(text: string, plain: boolean, tag?: string): KubectlReading {
  const short = tag?.startsWith(yamlTag) ? tag.slice(yamlTag.length) : undefined;
  if (tag === undefined) {
    return plain && !readsAsItself(text) ? reading(resolvePlain(text), text) : new Reading(text);
  }
  if (short === 'binary') {
    const decoded = decodeBinary(text);
    return decoded === undefined ? { error: 'yaml: !!binary value contains invalid base64 data' } : new Reading(decoded);
  }
  // Any other tag (local ones, !!set, !!merge on a value…) leaves the text as a string.
  if (short === 'str' || !['bool', 'null', 'int', 'float', 'timestamp'].includes(short ?? '')) {
    return new Reading(text);
  }
  const resolved = resolvePlain(text, short);
  if (resolved.tag === short) {
    return reading(resolved, text);
  }
  if (short === 'float' && resolved.tag === 'int') {
    return reading({ tag: 'float', value: resolved.value }, text);
  }
  return { error: `yaml: cannot decode !!${resolved.tag} \`${excerpt(text)}\` as a !!${short}` };
}

/** Whether a key is go-yaml's merge key `<<`: plain, or tagged !!merge. */
export function isMergeKey(text: string, plain: boolean, tag?: string): boolean {
  return text === '<<' && ((plain && tag === undefined) || tag === `${yamlTag}merge`);
}

/** The notation a number is written in, for a message about a YAML 1.1 number that YAML 1.2 reads otherwise. */
export function notation(text: string): 'hexadecimal' | 'binary' | 'octal' | 'decimal' {
  const unsigned = text.replace(/^[-+]/, '').toLowerCase();
  if (unsigned.startsWith('0x')) {
    return 'hexadecimal';
  }
  if (unsigned.startsWith('0b')) {
    return 'binary';
  }
  if (unsigned.startsWith('0o') || /^0[0-7_]+$/.test(unsigned)) {
    return 'octal';
  }
  return 'decimal';
}
