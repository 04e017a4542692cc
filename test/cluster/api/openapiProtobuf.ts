// The Swagger 2.0 document in the protobuf form kubectl asks for: client-go's OpenAPISchema() accepts
// only application/com.github.proto-openapi.spec.v2@v1.0+protobuf and reads it as a gnostic
// openapi_v2.Document. Field numbers from google/gnostic-models openapiv2/OpenAPIv2.proto; only the
// parts of the schema language the local document uses are written.

type Json = Record<string, unknown>;

function varint(value: number): Buffer {
  const bytes: number[] = [];
  let rest = value;
  while (rest > 0x7f) {
    bytes.push((rest & 0x7f) | 0x80);
    rest = Math.floor(rest / 128);
  }
  bytes.push(rest);
  return Buffer.from(bytes);
}

const bytesField = (number: number, payload: Buffer) => Buffer.concat([varint((number << 3) | 2), varint(payload.length), payload]);
const text = (number: number, value: unknown) => (typeof value === 'string' ? bytesField(number, Buffer.from(value)) : Buffer.alloc(0));
const texts = (number: number, values: unknown) => Buffer.concat(((values as string[] | undefined) ?? []).map((value) => text(number, value)));
const flag = (number: number, value: unknown) => (value === true ? Buffer.concat([varint(number << 3), varint(1)]) : Buffer.alloc(0));
const message = (number: number, payload: Buffer | undefined) => (payload ? bytesField(number, payload) : Buffer.alloc(0));
const named = (number: number, entries: Json | undefined, value: (item: Json) => Buffer) =>
  Buffer.concat(Object.entries(entries ?? {}).map(([name, item]) => bytesField(number, Buffer.concat([text(1, name), bytesField(2, value(item as Json))]))));

/** Vendor extensions (x-…) as NamedAny, each value as YAML text; JSON is YAML. */
const extensions = (number: number, object: Json) =>
  Buffer.concat(Object.entries(object).filter(([key]) => key.startsWith('x-')).map(([key, value]) => bytesField(number, Buffer.concat([text(1, key), bytesField(2, text(2, `${JSON.stringify(value)}\n`))]))));

function schema(value: Json): Buffer {
  return Buffer.concat([
    text(1, value.$ref),
    text(2, value.format),
    texts(19, value.required),
    message(21, value.additionalProperties ? bytesField(1, schema(value.additionalProperties as Json)) : undefined),
    message(22, value.type ? text(1, value.type) : undefined),
    message(23, value.items ? bytesField(1, schema(value.items as Json)) : undefined),
    message(25, value.properties ? named(1, value.properties as Json, schema) : undefined),
    extensions(31, value),
  ]);
}

function parameter(value: Json): Buffer {
  const inner =
    value.in === 'body'
      ? bytesField(1, Buffer.concat([text(2, value.name), text(3, value.in), flag(4, value.required), message(5, schema(value.schema as Json))]))
      : bytesField(2, bytesField(3, Buffer.concat([text(2, value.in), text(4, value.name), text(6, value.type), flag(20, value.uniqueItems)])));
  return bytesField(1, inner);
}

function operation(value: Json): Buffer {
  const response = (item: Json) => bytesField(1, Buffer.concat([text(1, item.description), message(2, item.schema ? bytesField(1, schema(item.schema as Json)) : undefined)]));
  return Buffer.concat([
    text(5, value.operationId),
    texts(6, value.produces),
    texts(7, value.consumes),
    Buffer.concat(((value.parameters as Json[] | undefined) ?? []).map((item) => bytesField(8, parameter(item)))),
    message(9, named(1, value.responses as Json, response)),
    extensions(13, value),
  ]);
}

export function swaggerProtobuf(document: Json): Buffer {
  const info = document.info as Json;
  return Buffer.concat([
    text(1, document.swagger),
    message(2, Buffer.concat([text(1, info.title), text(2, info.version)])),
    message(8, named(2, document.paths as Json, (item) => message(4, operation(item.post as Json)))),
    message(9, named(1, document.definitions as Json, schema)),
  ]);
}
