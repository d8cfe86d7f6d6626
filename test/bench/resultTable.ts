/** One line of the printed table: a figure, what it is compared with, and the target it is held to. */
export interface ResultRow {
  workload: string;
  figure: string;
  value: string;
  baseline?: string;
  /** value / baseline, when both are times or sizes of the same thing. */
  ratio?: number;
  target?: string;
  /** Undefined when the figure has no target (it is reported only). */
  met?: boolean;
  /** Why a figure is missing or what explains it; printed under the table. */
  note?: string;
}

const COLUMNS = ['workload', 'figure', 'value', 'baseline', 'ratio', 'target', 'met?'] as const;

function cells(row: ResultRow): string[] {
  return [
    row.workload,
    row.figure,
    row.value,
    row.baseline ?? '-',
    row.ratio === undefined || !Number.isFinite(row.ratio) ? '-' : `${row.ratio.toFixed(2)}x`,
    row.target ?? '-',
    row.met === undefined ? '-' : row.met ? 'yes' : 'NO',
  ];
}

/** A plain-text table (Markdown-compatible, so it can be pasted into an issue or README as is). */
export function renderTable(rows: readonly ResultRow[]): string {
  const table = [[...COLUMNS], ...rows.map(cells)];
  const widths = COLUMNS.map((_, column) => Math.max(...table.map((line) => (line[column] ?? '').length)));
  const line = (values: string[]) =>
    `| ${values.map((value, column) => value.padEnd(widths[column] ?? 0)).join(' | ')} |`;
  const rule = `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`;
  const notes = rows.filter((row) => row.note).map((row) => `- ${row.workload}, ${row.figure}: ${row.note}`);
  return [line(table[0] ?? []), rule, ...table.slice(1).map(line), ...(notes.length > 0 ? ['', ...notes] : [])].join(
    '\n',
  );
}
