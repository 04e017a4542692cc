// Warning headers as kube-apiserver's warning recorder writes them (apiserver pkg/endpoints/filters/
// warning.go AddWarning, apimachinery util/net NewWarningHeader): one header per distinct text,
// `299 - "text"` with only `"` and `\` escaped, texts with control characters dropped, and once 4096
// runes have been written, every text cut to 256 runes and the rest dropped. Go sends the header as
// UTF-8 bytes; Node writes a header string as Latin-1, so the bytes are handed over one character each.

const totalRunes = 4 * 1024;
const itemRunes = 256;

const runes = (text: string) => [...text];
const hasControl = (text: string) => /\p{Cc}/u.test(text);
const header = (text: string) => Buffer.from(`299 - "${text.replace(/["\\]/g, '\\$&')}"`, 'utf8').toString('latin1');

export function warningHeaders(texts: readonly string[]): Record<string, string[]> {
  let headers: string[] = [];
  const recorded: string[] = [];
  let written = 0;
  let truncating = false;
  const cut = (text: string) => (truncating ? runes(text).slice(0, itemRunes).join('') : text);
  for (const text of texts) {
    if (text === '' || (written >= totalRunes && truncating) || recorded.includes(text)) {
      continue;
    }
    recorded.push(text);
    const shown = cut(text);
    if (hasControl(shown)) {
      continue;
    }
    if (written + runes(shown).length <= totalRunes || truncating) {
      written += runes(shown).length;
      headers.push(header(shown));
      continue;
    }
    truncating = true;
    written = 0;
    headers = [];
    for (const earlier of recorded.map(cut).filter((item) => !hasControl(item))) {
      written += runes(earlier).length;
      headers.push(header(earlier));
    }
  }
  return headers.length > 0 ? { Warning: headers } : {};
}
