// `npm run bench [-- 6 7]`: runs the rows of issue 16's table found in bench/rows/*.ts one after
// another (or only the numbered ones), prints one Markdown table with the details beneath, writes it
// with the machine it ran on to bench/results.md, and exits non-zero when any figure misses its budget.
import { readdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BenchFigure, BenchRow, BenchRowResult } from './row';

const rowsFolder = join(__dirname, 'rows');
const resultsFile = join(__dirname, 'results.md');

/** The rows present in bench/rows (others may still be writing theirs); modules that fail to load are reported. */
async function discoverRows(): Promise<{ rows: BenchRow[]; problems: string[] }> {
  const rows: BenchRow[] = [];
  const problems: string[] = [];
  for (const file of readdirSync(rowsFolder).filter((name) => name.endsWith('.ts')).sort()) {
    try {
      const loaded = (await import(pathToFileURL(join(rowsFolder, file)).href)) as { row?: BenchRow };
      if (loaded.row) {
        rows.push(loaded.row);
      } else {
        console.error(`bench/rows/${file} exports no \`row\`: skipped.`);
      }
    } catch (error) {
      problems.push(`bench/rows/${file} did not load: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return { rows: rows.sort((left, right) => left.id - right.id), problems };
}

/** Table cells hold our own text, but a `|` or a line break would still break the row. */
const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');

function tableOf(results: readonly { row: BenchRow; result: BenchRowResult }[]): string {
  const lines = ['| # | what | against | figure | budget | |', '| --- | --- | --- | --- | --- | --- |'];
  for (const { row, result } of results) {
    result.figures.forEach((figure, index) => {
      const first = index === 0;
      lines.push(`| ${first ? row.id : ''} | ${first ? cell(row.what) : ''} | ${first ? cell(row.against) : ''} | ${cell(figure.label)} | ${cell(figure.budget)} | ${figure.pass ? 'PASS' : 'FAIL'} |`);
    });
  }
  return lines.join('\n');
}

function machine(): string {
  const processors = cpus();
  return `${processors.length} cores (${processors[0]?.model.trim() ?? 'unknown model'}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Node ${process.version}, ${process.platform}/${process.arch}, load average ${loadavg()[0].toFixed(1)} at the end`;
}

async function runRow(row: BenchRow): Promise<BenchRowResult> {
  const started = performance.now();
  try {
    const result = await row.run();
    return { figures: result.figures, details: [...result.details, `row ${row.id}: ran in ${((performance.now() - started) / 1000).toFixed(1)} s`] };
  } catch (error) {
    const failed: BenchFigure = { label: 'the row did not finish', value: Number.NaN, budget: 'finishes', pass: false };
    return { figures: [failed], details: [`row ${row.id}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`] };
  }
}

async function main(): Promise<number> {
  const chosen = process.argv.slice(2).map(Number);
  if (chosen.some((id) => !Number.isInteger(id))) {
    console.error('Usage: npm run bench [-- ROW_NUMBER...]');
    return 2;
  }
  const discovered = await discoverRows();
  discovered.problems.forEach((problem) => console.error(problem));
  const rows = discovered.rows.filter((row) => chosen.length === 0 || chosen.includes(row.id));
  const missing = chosen.filter((id) => !rows.some((row) => row.id === id));
  if (missing.length > 0) {
    console.error(`No row ${missing.join(', ')} in bench/rows.`);
    return 2;
  }
  const results: { row: BenchRow; result: BenchRowResult }[] = [];
  for (const row of rows) {
    console.error(`Row ${row.id}: ${row.what}…`);
    results.push({ row, result: await runRow(row) });
  }
  const table = tableOf(results);
  const details = [...discovered.problems, ...results.flatMap(({ result }) => result.details)].map((line) => `- ${line}`).join('\n');
  const command = `npm run bench${chosen.length > 0 ? ` -- ${chosen.join(' ')}` : ''}`;
  console.log(`${table}\n\n${details}`);
  writeFileSync(
    resultsFile,
    [
      '# Benchmarks (issue 16)',
      '',
      `Measured ${new Date().toISOString()} on ${machine()}, with \`${command}\`. Budgets are ratios taken inside one run (median, with min–max over repeated runs), since the machine is shared.`,
      '',
      table,
      '',
      details,
      '',
    ].join('\n'),
  );
  console.error(`Written to bench/results.md.`);
  return discovered.problems.length === 0 && results.every(({ result }) => result.figures.every((figure) => figure.pass)) ? 0 : 1;
}

void main().then((code) => {
  process.exitCode = code;
});
