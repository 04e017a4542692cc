/**
 * Checks that Markdown built from a token holds nothing the token chose: every code span is taken
 * out the way CommonMark pairs backtick runs, and what is left must be our own words, with no link,
 * image, HTML, heading, emphasis, entity, escape or autolink, and no character left invisible.
 */
import assert from 'node:assert/strict';

const invisible = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}\u115F\u1160\u3164\uFFA0]/u;

/** The line with its code spans replaced by `⟦⟧`; an unmatched backtick run stays as text. */
export function outsideCodeSpans(line: string): string {
  let out = '';
  let i = 0;
  while (i < line.length) {
    if (line[i] !== '`') {
      out += line[i++];
      continue;
    }
    let runEnd = i;
    while (line[runEnd] === '`') {
      runEnd++;
    }
    const run = runEnd - i;
    let close = -1;
    for (let j = runEnd; j < line.length; ) {
      if (line[j] !== '`') {
        j++;
        continue;
      }
      let k = j;
      while (line[k] === '`') {
        k++;
      }
      if (k - j === run) {
        close = j;
        break;
      }
      j = k;
    }
    if (close < 0) {
      out += line.slice(i, runEnd);
      i = runEnd;
    } else {
      out += '⟦⟧';
      i = close + run;
    }
  }
  return out;
}

/** Characters that start Markdown constructs other than code spans; our own words never use them. */
const constructs = /[[\]<>*_~`&\\|!]|https?:|www\./;

/**
 * Asserts `markdown` is inert: only the title's bold and the given link titles are Markdown of ours,
 * and `marker` (text only the token holds) never shows outside a code span.
 */
export function assertInertMarkdown(markdown: string, context: string, options: { title?: string; linkTitles?: readonly string[]; marker?: string } = {}): void {
  const raw = invisible.exec(markdown.replace(/\n/g, ''));
  assert.equal(raw, null, `${context}: a raw U+${raw?.[0].codePointAt(0)?.toString(16).toUpperCase()} in\n${markdown}`);
  markdown.split('\n').forEach((line, index) => {
    let text = outsideCodeSpans(line);
    if (index === 0 && options.title !== undefined) {
      assert.ok(text.startsWith(`**${options.title}**: `), `${context}: first line ${line}`);
      text = text.slice(options.title.length + 6);
    }
    for (const title of options.linkTitles ?? []) {
      text = text.replace(new RegExp(`\\[${title}\\]\\(command:[^)]*\\)`), '');
    }
    assert.doesNotMatch(text, constructs, `${context}: Markdown outside code spans in line ${index + 1}: ${line}`);
    assert.doesNotMatch(text, /^ {0,3}(#|=+\s*$|-{3,}\s*$|\d+[.)]\s)/, `${context}: a block construct in line ${index + 1}: ${line}`);
    if (options.marker) {
      assert.ok(!text.includes(options.marker), `${context}: token text outside code spans in line ${index + 1}: ${line}`);
    }
  });
}
