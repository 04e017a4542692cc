import assert from 'node:assert/strict';

/**
 * JSONC split into its JSON and its comments, reading strings the way JSON does (`//` inside one
 * is text). A block comment or an unterminated string throws: the decoded view writes neither.
 */
export function splitJsonc(text: string): { json: string; comments: string[] } {
  const string = /"(?:[^"\\\n\r]|\\.)*"/y;
  const comments: string[] = [];
  let json = '';
  let i = 0;
  while (i < text.length) {
    if (text[i] === '"') {
      string.lastIndex = i;
      const match = string.exec(text);
      assert.ok(match, `a string that does not end on its line, at ${i}`);
      json += match[0];
      i += match[0].length;
    } else if (text.startsWith('//', i)) {
      const end = text.indexOf('\n', i) === -1 ? text.length : text.indexOf('\n', i);
      comments.push(text.slice(i, end));
      i = end;
    } else {
      assert.ok(!text.startsWith('/*', i), 'no block comment');
      json += text[i++];
    }
  }
  return { json, comments };
}
