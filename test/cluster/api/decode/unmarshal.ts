// Decoding JSON into a Go type as sigs.k8s.io/json does for kube-apiserver (a fork of encoding/json,
// case-sensitive, internal/golang/encoding/json/decode.go and kubernetes_patch.go): the first type error
// in UnmarshalTypeError's words, and in strict mode the unknown and duplicate fields by their path.
import { toPlain, type JsonValue } from './goJson';
import type { GoType, StructType } from './goTypes';

export interface Unmarshalled {
  /** What Go would hold, as plain JSON-able values: unknown fields dropped, mistyped ones left empty. */
  readonly value: unknown;
  /** The error Unmarshal returns, if any: the first type error, or a metav1.Time that refused its input. */
  readonly error?: string;
  /** Unknown and duplicate fields, reported by Go only when nothing else failed. */
  readonly strictErrors: readonly string[];
}

class Decoder {
  error?: string;
  /** Set by metav1.Time's own UnmarshalJSON, whose error ends the decoding at once. */
  fatal?: string;
  readonly strictErrors: string[] = [];
  /** decode.go errorContext: the innermost struct and the JSON names of the fields down to the value. */
  private structName = '';
  private fieldStack: string[] = [];
  /** kubernetes_patch.go strictFieldStack: keys and [indexes], for strict errors only. */
  private strictPath = '';

  private typeError(jsonType: string, goTypeName: string): undefined {
    if (this.error === undefined) {
      this.error =
        this.structName || this.fieldStack.length > 0
          ? `json: cannot unmarshal ${jsonType} into Go struct field ${this.structName}.${this.fieldStack.join('.')} of type ${goTypeName}`
          : `json: cannot unmarshal ${jsonType} into Go value of type ${goTypeName}`;
    }
    return undefined;
  }

  private strict(message: string, field: string): void {
    const text = `${message} "${this.strictPath ? `${this.strictPath}.${field}` : field}"`;
    if (this.strictErrors.length < 100 && !this.strictErrors.includes(text)) {
      this.strictErrors.push(text);
    }
  }

  private within<T>(strictKey: string, decode: () => T): T {
    const saved = this.strictPath;
    this.strictPath = strictKey.startsWith('[') || !saved ? `${saved}${strictKey}` : `${saved}.${strictKey}`;
    try {
      return decode();
    } finally {
      this.strictPath = saved;
    }
  }

  decode(json: JsonValue, type: GoType): unknown {
    if (this.fatal !== undefined || json.type === 'null') {
      return undefined;
    }
    switch (type.kind) {
      case 'raw':
        return toPlain(json);
      case 'time':
        if (json.type !== 'string') {
          // metav1.Time.UnmarshalJSON calls the standard library, whose error carries no field.
          this.fatal = `json: cannot unmarshal ${json.type} into Go value of type string`;
          return undefined;
        }
        return json.value;
      case 'string':
        return json.type === 'string' ? json.value : this.typeError(json.type, type.name);
      case 'bool':
        return json.type === 'bool' ? json.value : this.typeError(json.type, 'bool');
      case 'int64':
        return json.type === 'number' ? this.int64(json.literal) : this.typeError(json.type, 'int64');
      case 'slice':
        if (json.type !== 'array') {
          return this.typeError(json.type, type.name);
        }
        return json.items.map((item, index) => this.within(`[${index}]`, () => this.decode(item, type.elem)));
      case 'map':
        return json.type === 'object' ? this.map(json.members, type.elem) : this.typeError(json.type, type.name);
      case 'struct':
        return json.type === 'object' ? this.struct(json.members, type) : this.typeError(json.type, type.name);
    }
  }

  /** decode.go literalStore: an integer field takes only an integer literal within range, else names the literal. */
  private int64(literal: string): number | undefined {
    if (/^-?\d+$/.test(literal) && BigInt(literal) >= -(2n ** 63n) && BigInt(literal) < 2n ** 63n) {
      return Number(literal);
    }
    return this.typeError(`number ${literal}`, 'int64');
  }

  private map(members: readonly (readonly [string, JsonValue])[], elem: GoType): Record<string, unknown> {
    const result: Record<string, unknown> = {};
    const seen = new Set<string>();
    for (const [key, member] of members) {
      if (seen.has(key)) {
        this.strict('duplicate field', key);
      }
      seen.add(key);
      result[key] = this.within(key, () => this.decode(member, elem));
    }
    return result;
  }

  private struct(members: readonly (readonly [string, JsonValue])[], type: StructType): Record<string, unknown> {
    const result: Record<string, unknown> = {};
    const seen = new Set<string>();
    for (const [key, member] of members) {
      const field = Object.hasOwn(type.fields, key) ? type.fields[key] : undefined;
      if (!field) {
        this.strict('unknown field', key);
        continue;
      }
      if (seen.has(key)) {
        this.strict('duplicate field', key);
      }
      seen.add(key);
      const [savedStruct, savedDepth] = [this.structName, this.fieldStack.length];
      this.structName = type.name.slice(type.name.indexOf('.') + 1);
      this.fieldStack.push(key);
      const value = this.within(key, () => this.decode(member, field));
      this.structName = savedStruct;
      this.fieldStack.length = savedDepth;
      if (value !== undefined) {
        result[key] = value;
      }
    }
    // Go marshals a struct in field order, whatever order the request had.
    return Object.fromEntries(Object.keys(type.fields).filter((key) => key in result).map((key) => [key, result[key]]));
  }
}

/** Unmarshals like kube's JSON serializer, strict or not; the caller decides what strict errors mean. */
export function unmarshal(json: JsonValue, type: StructType): Unmarshalled {
  const decoder = new Decoder();
  const value = decoder.decode(json, type);
  return { value: value ?? {}, error: decoder.fatal ?? decoder.error, strictErrors: decoder.error || decoder.fatal ? [] : decoder.strictErrors };
}
