import { Observable, type ConfigurationOptions, type CoreV1Api, type RequestContext, type ResponseContext, type V1Pod, type V1Secret } from '@kubernetes/client-node';
import { ClusterError } from './errors';
import { metadataOnly, type RequestScope } from './requestScope';
import * as l10n from '../text/l10n';

/** One page is enough to show: a ServiceAccount used by more Pods than this is summed up as "and more". */
const maxPods = 100;
const maxTokenSecrets = 500;
/** etcd refuses objects over 1.5 MiB; anything much larger is not a ServiceAccount worth showing. */
const maxServiceAccountChars = 2_000_000;
const legacyTokenSelector = 'type=kubernetes.io/service-account-token';

/** A list that may have been refused: what it held, or why it could not be listed. */
export type Listed<T> =
  | { readonly listed: true; readonly items: readonly T[]; readonly more: boolean }
  | { readonly listed: false; readonly forbidden: boolean; readonly message: string };

/** What the details view of one ServiceAccount shows, as the server sent it. */
export interface ServiceAccountDetails {
  readonly namespace: string;
  readonly name: string;
  /** The ServiceAccount object as the API server sent it (parsed JSON), unknown fields included. */
  readonly serviceAccount: unknown;
  /** Pods of the namespace that the server says run as it (a field selector). */
  readonly pods: Listed<V1Pod>;
  /** The namespace's Secrets of the legacy token type, metadata only: the list asks for no data. */
  readonly tokenSecrets: Listed<V1Secret>;
}

/** A field selector value as apimachinery's fields.EscapeValue writes it, so a name cannot add a term. */
function selectorValue(value: string): string {
  return value.replace(/[\\,=]/g, (char) => `\\${char}`);
}

/** The ServiceAccount as sent: the client's model classes drop the fields they do not know. */
async function readServiceAccount(api: CoreV1Api, scope: RequestScope, namespace: string, name: string): Promise<unknown> {
  let sent = '';
  const keepBody = async (context: ResponseContext): Promise<ResponseContext> => {
    const text = await context.body.text();
    sent = text;
    context.body = { text: () => Promise.resolve(text), binary: () => Promise.resolve(Buffer.from(text)) };
    return context;
  };
  const scoped = scope.options();
  const options: ConfigurationOptions = { ...scoped, middleware: [...(scoped.middleware ?? []), { pre: (context: RequestContext) => new Observable(Promise.resolve(context)), post: (context: ResponseContext) => new Observable(keepBody(context)) }] };
  try {
    await scope.send(() => api.readNamespacedServiceAccount({ namespace, name }, options));
  } catch (error) {
    throw scope.failure(error, { verb: 'get', resource: 'serviceaccounts', namespace });
  }
  if (sent.length > maxServiceAccountChars) {
    throw new ClusterError(l10n.t('The server sent {0} characters for ServiceAccount {1}/{2}: too large to show.', sent.length.toLocaleString('en-US'), namespace, name), 'unknown');
  }
  return JSON.parse(sent) as unknown;
}

/** A list, or why it was refused: a Pod or Secret list the person may not read is stated, not fatal. */
async function listed<T>(list: () => Promise<{ items: T[]; metadata?: { _continue?: string } }>, scope: RequestScope, resource: string, namespace: string): Promise<Listed<T>> {
  try {
    const answer = await scope.send(list);
    return { listed: true, items: answer.items, more: !!answer.metadata?._continue };
  } catch (error) {
    const failure = scope.failure(error, { verb: 'list', resource, namespace });
    if (failure.kind === 'cancelled') {
      throw failure;
    }
    return { listed: false, forbidden: failure.kind === 'forbidden', message: failure.message };
  }
}

/** The ServiceAccount, then the Pods that run as it and its namespace's token Secrets: 3 requests. */
export async function fetchServiceAccountDetails(api: CoreV1Api, scope: RequestScope, namespace: string, name: string): Promise<ServiceAccountDetails> {
  const serviceAccount = await readServiceAccount(api, scope, namespace, name);
  const [pods, tokenSecrets] = await Promise.all([
    listed(() => api.listNamespacedPod({ namespace, fieldSelector: `spec.serviceAccountName=${selectorValue(name)}`, limit: maxPods }, scope.options()), scope, 'pods', namespace),
    listed(() => api.listNamespacedSecret({ namespace, fieldSelector: legacyTokenSelector, limit: maxTokenSecrets }, scope.options(metadataOnly)), scope, 'secrets', namespace),
  ]);
  return { namespace, name, serviceAccount, pods, tokenSecrets };
}
