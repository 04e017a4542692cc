/**
 * kubectl sends built-in objects as protobuf (`application/vnd.kubernetes.protobuf`): the "k8s\0"
 * magic, then a runtime.Unknown whose `raw` holds the object. The local server reads just the
 * one object kubectl sends that way here, TokenRequest, field numbers from
 * staging/src/k8s.io/api/authentication/v1/generated.proto.
 */

type Field = { readonly number: number; readonly value: bigint | Buffer };

function readVarint(buffer: Buffer, offset: number): [bigint, number] {
  let result = 0n;
  let shift = 0n;
  for (let position = offset; position < buffer.length; position += 1) {
    const byte = buffer[position];
    result |= BigInt(byte & 0x7f) << shift;
    if ((byte & 0x80) === 0) {
      return [result, position + 1];
    }
    shift += 7n;
  }
  throw new Error('truncated protobuf varint');
}

function fields(buffer: Buffer): Field[] {
  const result: Field[] = [];
  let offset = 0;
  while (offset < buffer.length) {
    const [key, afterKey] = readVarint(buffer, offset);
    const number = Number(key >> 3n);
    switch (Number(key & 7n)) {
      case 0: {
        const [value, next] = readVarint(buffer, afterKey);
        result.push({ number, value });
        offset = next;
        break;
      }
      case 2: {
        const [length, start] = readVarint(buffer, afterKey);
        const end = start + Number(length);
        result.push({ number, value: buffer.subarray(start, end) });
        offset = end;
        break;
      }
      case 1:
        offset = afterKey + 8;
        break;
      case 5:
        offset = afterKey + 4;
        break;
      default:
        throw new Error('unsupported protobuf wire type');
    }
  }
  return result;
}

const text = (field: Field | undefined) => (field && Buffer.isBuffer(field.value) ? field.value.toString('utf8') : undefined);
const message = (field: Field | undefined) => (field && Buffer.isBuffer(field.value) ? fields(field.value) : []);
const find = (list: Field[], number: number) => list.find((field) => field.number === number);

export const protobufMediaType = 'application/vnd.kubernetes.protobuf';

/** A protobuf TokenRequest as the JSON object the handlers take. */
export function decodeTokenRequest(body: Buffer): unknown {
  if (body.subarray(0, 4).toString('latin1') !== 'k8s\0') {
    throw new Error('missing the k8s protobuf magic');
  }
  const unknown = fields(body.subarray(4));
  const request = message(find(unknown, 2));
  const metadata = message(find(request, 1));
  const spec = message(find(request, 2));
  const reference = find(spec, 3) ? message(find(spec, 3)) : undefined;
  const expiration = find(spec, 4)?.value;
  return {
    metadata: { name: text(find(metadata, 1)), namespace: text(find(metadata, 3)) },
    spec: {
      audiences: spec.filter((field) => field.number === 1).map((field) => text(field)),
      expirationSeconds: typeof expiration === 'bigint' ? Number(expiration) : undefined,
      boundObjectRef: reference && { kind: text(find(reference, 1)), apiVersion: text(find(reference, 2)), name: text(find(reference, 3)), uid: text(find(reference, 4)) },
    },
  };
}
