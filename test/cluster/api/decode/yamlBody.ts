// application/yaml request bodies, read as kube-apiserver reads them: sigs.k8s.io/yaml turns the YAML
// into JSON (YAMLToJSON, go-yaml v2, so YAML 1.1: yes/no/on/off are booleans, 0777 is octal, and
// timestamps stay strings), and the JSON then goes through the same decoding as a JSON body.
import { isScalar, parseDocument, visit, type Document } from 'yaml';
import { goQuote } from './goJson';

export type YamlConversion = { readonly json: Buffer; readonly duplicates: readonly string[] } | { readonly error: string };

const lineAt = (text: string, offset: number) => text.slice(0, offset).split('\n').length;

/** go-yaml v2 strict mode's text for repeated keys, which YAMLToJSONStrict reports and YAMLToJSON ignores (the last one wins). */
function duplicateKeys(document: Document, text: string): string[] {
  const lines: string[] = [];
  visit(document, {
    Map(_, map) {
      const seen = new Set<unknown>();
      for (const { key } of map.items) {
        const value = isScalar(key) ? key.value : key;
        if (seen.has(value) && isScalar(key) && key.range) {
          lines.push(`  line ${lineAt(text, key.range[0])}: key ${typeof value === 'string' ? goQuote(value) : String(value)} already set in map`);
        }
        seen.add(value);
      }
    },
  });
  return lines.length > 0 ? [`yaml: unmarshal errors:\n${lines.join('\n')}`] : [];
}

export function yamlToJson(body: Buffer): YamlConversion {
  const text = body.toString('utf8');
  const document = parseDocument(text, {
    version: '1.1',
    uniqueKeys: false,
    // go-yaml v2 leaves timestamp-looking scalars as strings when decoding into interface{}.
    customTags: (tags) => tags.filter((tag) => typeof tag !== 'object' || tag.tag !== 'tag:yaml.org,2002:timestamp'),
  });
  const [first] = document.errors;
  if (first) {
    // go-yaml's own wording cannot be had from another parser: the line is this parser's, and so are the words.
    return { error: `yaml: line ${first.linePos?.[0].line ?? 1}: ${first.message.split(' at line')[0]}` };
  }
  return { json: Buffer.from(JSON.stringify(document.toJS() ?? null)), duplicates: duplicateKeys(document, text) };
}
