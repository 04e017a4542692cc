/**
 * Markdown for token descriptions. Text from a token reaches Markdown only as a code span
 * (descriptions hold it in phrases, which render values no other way): a hostile token must not
 * be able to add links, commands, images, HTML or formatting to a hover.
 */
import * as l10n from '../text/l10n';
import { escapedText } from '../text/visibleText';
import type { TokenDescription } from './describe';

/** Counted in a loop: spreading every run into Math.max overflows the stack on long texts. */
export function longestBacktickRun(text: string): number {
  let longest = 0;
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    run = text.charCodeAt(i) === 0x60 ? run + 1 : 0;
    longest = Math.max(longest, run);
  }
  return longest;
}

/**
 * `text` as an inline code span on one line, which no backtick inside it can close early and in
 * which no character is invisible. An empty text has no span (two backticks would open one).
 */
export function code(text: string): string {
  const oneLine = escapedText(text, Number.POSITIVE_INFINITY);
  if (oneLine === '') {
    return '(empty)';
  }
  const fence = '`'.repeat(longestBacktickRun(oneLine) + 1);
  // CommonMark strips one space at each end when both ends have one, unless the span is all spaces.
  const stripped = oneLine.startsWith(' ') && oneLine.endsWith(' ') && oneLine.trim() !== '';
  const pad = oneLine.startsWith('`') || oneLine.endsWith('`') || stripped ? ' ' : '';
  return `${fence}${pad}${oneLine}${pad}${fence}`;
}

export interface MarkdownLink {
  readonly title: string;
  readonly target: string;
}

/** The hover and decoded-view body: summary first, then warnings, header, times and claims. */
export function describeMarkdown(description: TokenDescription, links: readonly MarkdownLink[] = []): string {
  const lines = [`**${description.title}**: ${description.summary.markdown()}`, ''];
  for (const warning of description.warnings) {
    lines.push(`⚠️ ${warning.markdown()}`, '');
  }
  if (description.exchange) {
    lines.push(`☁️ ${description.exchange.markdown()}`, '');
  }
  if (description.header.length > 0) {
    lines.push(l10n.t('Header: {0}', description.header.map((entry) => `${entry.name.markdown()} ${entry.value.markdown()}`).join(' · ')), '');
  }
  if (description.times.length > 0) {
    lines.push(...description.times.map((time) => `- ${time.markdown()}`), '');
  }
  if (description.claims.length > 0) {
    lines.push(...description.claims.map((claim) => `- ${claim.name.markdown()} ${claim.value.markdown()}${claim.meaning ? `: ${claim.meaning}` : ''}`), '');
  }
  if (links.length > 0) {
    lines.push(links.map((link) => `[${link.title}](${link.target})`).join(' · '));
  }
  return lines.join('\n');
}

/** A hover taller than this pushes its links and the end of its text below the hover box's fold. */
export const maxHoverLines = 15;

/**
 * The hover: the summary and the links first, then warnings, header, times and as many claims as
 * fit in `maxHoverLines` lines; when claims are left out, a last link (`showAll`) opens them all.
 */
export function hoverMarkdown(description: TokenDescription, links: readonly MarkdownLink[], showAll: MarkdownLink | undefined): string {
  const lines = [`**${description.title}**: ${description.summary.markdown()}`];
  if (links.length > 0) {
    lines.push(links.map((link) => `[${link.title}](${link.target})`).join(' · '));
  }
  lines.push(...description.warnings.slice(0, 3).map((warning) => `⚠️ ${warning.markdown()}`));
  if (description.exchange) {
    lines.push(`☁️ ${description.exchange.markdown()}`);
  }
  if (description.header.length > 0) {
    lines.push(l10n.t('Header: {0}', description.header.map((entry) => `${entry.name.markdown()} ${entry.value.markdown()}`).join(' · ')));
  }
  lines.push(...description.times.map((time) => `- ${time.markdown()}`));
  const room = Math.max(0, maxHoverLines - lines.length - (showAll ? 1 : 0));
  const claims = description.claims.length <= room + (showAll ? 1 : 0) ? description.claims : description.claims.slice(0, room);
  lines.push(...claims.map((claim) => `- ${claim.name.markdown()} ${claim.value.markdown()}${claim.meaning ? `: ${claim.meaning}` : ''}`));
  if (showAll && claims.length < description.claims.length) {
    lines.push(`[${showAll.title}](${showAll.target})`);
  }
  // Paragraphs, but consecutive list items stay one list.
  return lines.map((line, index) => (index > 0 && !(line.startsWith('- ') && lines[index - 1].startsWith('- ')) ? `\n${line}` : line)).join('\n');
}