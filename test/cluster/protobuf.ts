/**
 * Typed clients (kubectl create token, kubectl auth whoami, client-go) send built-in objects as
 * protobuf (`application/vnd.kubernetes.protobuf`): the "k8s\0" magic, then a runtime.Unknown whose
 * `raw` holds the object. The local server reads the three kinds it takes in a body, field numbers
 * from staging/src/k8s.io/api/authentication/v1/generated.proto and apimachinery's meta/v1.
 */

export type Field = { readonly number: number; readonly value: bigint | Buffer };

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

export function fields(buffer: Buffer): Field[] {
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

export const text = (field: Field | undefined) => (field && Buffer.isBuffer(field.value) ? field.value.toString('utf8') : undefined);
export const message = (field: Field | undefined) => (field && Buffer.isBuffer(field.value) ? fields(field.value) : []);
export const find = (list: Field[], number: number) => list.find((field) => field.number === number);

export const protobufMediaType = 'application/vnd.kubernetes.protobuf';

export const texts = (list: Field[], number: number) => list.filter((field) => field.number === number).map((field) => text(field) ?? '');

/** ObjectMeta's name (1) and namespace (3), the fields the handlers look at. */
const objectMeta = (fields: Field[]) => ({ name: text(find(fields, 1)), namespace: text(find(fields, 3)) });

function tokenRequest(request: Field[]): unknown {
  const spec = message(find(request, 2));
  const reference = find(spec, 3) ? message(find(spec, 3)) : undefined;
  const expiration = find(spec, 4)?.value;
  return {
    metadata: objectMeta(message(find(request, 1))),
    spec: {
      audiences: texts(spec, 1),
      expirationSeconds: typeof expiration === 'bigint' ? Number(expiration) : undefined,
      boundObjectRef: reference && { kind: text(find(reference, 1)), apiVersion: text(find(reference, 2)), name: text(find(reference, 3)), uid: text(find(reference, 4)) },
    },
  };
}

function tokenReview(review: Field[]): unknown {
  const spec = message(find(review, 2));
  return { metadata: objectMeta(message(find(review, 1))), spec: { token: text(find(spec, 1)), audiences: texts(spec, 2) } };
}

/** The object's fields inside the "k8s\0" magic and the runtime.Unknown envelope (its raw, field 2). */
export function unwrapProtobuf(body: Buffer): Field[] {
  if (body.subarray(0, 4).toString('latin1') !== 'k8s\0') {
    throw new Error('missing the k8s protobuf magic');
  }
  return message(find(fields(body.subarray(4)), 2));
}

/** A protobuf body as the JSON object the handlers take; a SelfSubjectReview request carries nothing they read. */
export function decodeProtobuf(kind: 'TokenRequest' | 'TokenReview' | 'SelfSubjectReview', body: Buffer): unknown {
  const object = unwrapProtobuf(body);
  switch (kind) {
    case 'TokenRequest':
      return tokenRequest(object);
    case 'TokenReview':
      return tokenReview(object);
    case 'SelfSubjectReview':
      return { metadata: objectMeta(message(find(object, 1))) };
  }
}
