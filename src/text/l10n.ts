/**
 * Translation for the code that cannot import `vscode` (the pure core, the cluster bundle, the CLI):
 * `t('Expires {0}', when)` looks the message up in the bundle VS Code loaded for the display
 * language (handed over by `configureLocalisation` at activation) and puts the values in its `{0}`
 * placeholders; with no bundle it is the English message. The same call shape as `@vscode/l10n`'s
 * `t`, written here because that library's lookup and format took 30 % of describing a token for
 * the hover (`npm run bench -- 4`, profiled): this one splits each message once and keeps the parts.
 */
type Bundle = Readonly<Record<string, string | { readonly message: string }>>;

let bundle: Bundle | undefined;
/** Counts configurations, so a table made with `localised` is made again after the language changes. */
let generation = 0;
/** Each message's translation split at its placeholders: `['Expires ', '0', '']`. Our messages only, so bounded. */
const split = new Map<string, readonly string[]>();

/** Uses `contents` (VS Code's `vscode.l10n.bundle`) from now on; undefined goes back to English. */
export function configureLocalisation({ contents }: { readonly contents: Bundle | undefined }): void {
  bundle = contents;
  split.clear();
  generation += 1;
}

/** A table of translated texts, made on first use and again only after `configureLocalisation`: hot paths read it per token. */
export function localised<T>(make: () => T): () => T {
  let made: { readonly value: T; readonly generation: number } | undefined;
  return () => {
    if (made?.generation !== generation) {
      made = { value: make(), generation };
    }
    return made.value;
  };
}

/** The message's translation, split at its `{N}` placeholders: text at even indexes, placeholder numbers at odd ones. */
export function translatedParts(message: string): readonly string[] {
  let parts = split.get(message);
  if (parts === undefined) {
    const entry = bundle?.[message];
    const translated = typeof entry === 'string' && entry ? entry : typeof entry === 'object' && entry.message ? entry.message : message;
    parts = translated.split(/\{(\d+)\}/);
    split.set(message, parts);
  }
  return parts;
}

/** The message translated, each `{N}` replaced by the Nth value (a placeholder without a value is left as written). */
export function t(message: string, ...values: readonly (string | number | boolean)[]): string {
  const parts = translatedParts(message);
  if (parts.length === 1) {
    return parts[0];
  }
  let text = parts[0];
  for (let i = 1; i < parts.length; i += 2) {
    const index = Number(parts[i]);
    text += (index < values.length ? String(values[index]) : `{${parts[i]}}`) + parts[i + 1];
  }
  return text;
}
