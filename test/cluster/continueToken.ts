// List continue tokens as kube-apiserver makes and reads them: base64url JSON {v, rv, start}, and
// decodeContinue's errors word for word (apiserver pkg/storage/etcd3/store.go in 1.24,
// pkg/storage/continue.go from 1.25, where only the unknown-version text changed).
import { goQuote, GoSyntaxError, parseGoJson } from './api/decode/goJson';
import { unmarshal } from './api/decode/unmarshal';

export interface ContinueToken {
  readonly rv: number;
  readonly start: string;
}

export function encodeContinue(token: ContinueToken): string {
  return Buffer.from(JSON.stringify({ v: 'meta.k8s.io/v1', rv: token.rv, start: token.start })).toString('base64url');
}

/** Go's base64.RawURLEncoding.DecodeString: the index of the first byte it refuses, if any. */
function base64Error(text: string): string | undefined {
  const bad = [...text].findIndex((char) => !/[A-Za-z0-9_\-\r\n]/.test(char));
  if (bad >= 0) {
    return `illegal base64 data at input byte ${bad}`;
  }
  return text.replace(/[\r\n]/g, '').length % 4 === 1 ? `illegal base64 data at input byte ${text.length - 1}` : undefined;
}

/** The reason a continue token is refused, as the text after "invalid continue token: ", or the token. */
export function decodeContinue(text: string, quotesVersion: boolean): ContinueToken | { readonly error: string } {
  const invalid = (reason: string) => ({ error: `continue key is not valid: ${reason}` });
  const encoding = base64Error(text);
  if (encoding) {
    return invalid(encoding);
  }
  const goPackage = quotesVersion ? 'etcd3' : 'storage';
  let decoded;
  try {
    decoded = unmarshal(parseGoJson(Buffer.from(text, 'base64url')), { kind: 'struct', name: `${goPackage}.continueToken`, fields: { v: { kind: 'string', name: 'string' }, rv: { kind: 'int64' }, start: { kind: 'string', name: 'string' } } });
  } catch (error) {
    if (error instanceof GoSyntaxError) {
      return invalid(error.message);
    }
    throw error;
  }
  if (decoded.error) {
    return invalid(decoded.error);
  }
  const { v = '', rv = 0, start = '' } = decoded.value as { v?: string; rv?: number; start?: string };
  if (v !== 'meta.k8s.io/v1') {
    return invalid(`server does not recognize this encoded version ${quotesVersion ? goQuote(v) : v}`);
  }
  if (rv === 0) {
    return invalid('incorrect encoded start resourceVersion (version meta.k8s.io/v1)');
  }
  if (!start) {
    return invalid('encoded start key empty (version meta.k8s.io/v1)');
  }
  return { rv, start };
}
