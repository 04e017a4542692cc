/**
 * Markdown for token descriptions. Everything taken from a token goes through `code()`: a hostile
 * token must not be able to add links, commands or formatting to a hover.
 */
import type { TokenDescription } from './describe';

/** `text` as an inline code span that no backtick inside it can close early. */
export function code(text: string): string {
  const oneLine = text.replace(/[\r\n]+/g, ' ');
  const longestRun = Math.max(0, ...(oneLine.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  const pad = oneLine.startsWith('`') || oneLine.endsWith('`') || oneLine.startsWith(' ') ? ' ' : '';
  return `${fence}${pad}${oneLine}${pad}${fence}`;
}

export interface MarkdownLink {
  readonly title: string;
  readonly target: string;
}

/** The hover and decoded-view body: summary first, then warnings, header, times and claims. */
export function describeMarkdown(description: TokenDescription, links: readonly MarkdownLink[] = []): string {
  const lines = [`**${description.title}**: ${description.summary}`, ''];
  for (const warning of description.warnings) {
    lines.push(`⚠️ ${warning}`, '');
  }
  if (description.header.length > 0) {
    lines.push(`Header: ${description.header.map((entry) => `${entry.name} ${code(entry.value)}`).join(' · ')}`, '');
  }
  if (description.times.length > 0) {
    lines.push(...description.times.map((time) => `- ${time}`), '');
  }
  if (description.claims.length > 0) {
    lines.push(...description.claims.map((claim) => `- ${code(claim.name)} ${code(claim.value)}${claim.meaning ? `: ${claim.meaning}` : ''}`), '');
  }
  if (links.length > 0) {
    lines.push(links.map((link) => `[${link.title}](${link.target})`).join(' · '));
  }
  return lines.join('\n');
}
