/**
 * Display helpers shared by the notebooks (Deno's Jupyter kernel): Markdown tables and Vega-Lite
 * charts shown inline, plus number formatting. Presentation only — every number comes from
 * effekt's public API. Counts from 1 to 4 are shown as "<5", as in every effekt output.
 */
export type Cell = string | number | null;

/** A number with fixed decimals; "–" for missing or non-finite values. */
export const fmt = (x: number | null | undefined, digits = 2): string =>
  x === null || x === undefined || !Number.isFinite(x) ? '–' : x.toFixed(digits);

/** Kroner with thousands separators. */
export const kr = (x: number | null | undefined): string =>
  x === null || x === undefined || !Number.isFinite(x) ? '–' : `${new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 }).format(x)} kr.`;

export const pct = (x: number | null | undefined, digits = 1): string =>
  x === null || x === undefined || !Number.isFinite(x) ? '–' : `${(100 * x).toFixed(digits)} %`;

/** p-values as trials report them: "<0.001", else three decimals. */
export const pv = (p: number | null | undefined): string =>
  p === null || p === undefined || !Number.isFinite(p) ? '–' : p < 0.001 ? '<0.001' : p.toFixed(3);

/** Small counts are not shown (privacy): 1–4 become "<5". */
export const count = (n: number): string => (n > 0 && n < 5 ? '<5' : String(n));

/** An estimate with its interval: "5.09 (2.89 to 7.28)". */
export const ci = (x: { estimate: number | null; lower: number | null; upper: number | null }, digits = 2): string =>
  `${fmt(x.estimate, digits)} (${fmt(x.lower, digits)} to ${fmt(x.upper, digits)})`;

/** Shows a Markdown table (plain text for viewers without Markdown). */
export async function table(columns: readonly string[], rows: readonly (readonly Cell[])[]): Promise<void> {
  const line = (cells: readonly Cell[]) => `| ${cells.map((c) => (c === null ? '' : String(c).replaceAll('|', '\\|'))).join(' | ')} |`;
  const md = [line(columns), line(columns.map(() => '---')), ...rows.map(line)].join('\n');
  await Deno.jupyter.display({ 'text/markdown': md, 'text/plain': md }, { raw: true });
}

/** Shows a Vega-Lite spec inline (JupyterLab and VS Code render Vega-Lite 5 natively). */
export async function chart(spec: Record<string, unknown>): Promise<void> {
  const full = { $schema: 'https://vega.github.io/schema/vega-lite/v5.json', width: 460, ...spec };
  const title = typeof spec.title === 'string' ? spec.title : '';
  await Deno.jupyter.display({ 'application/vnd.vegalite.v5+json': full, 'text/plain': `[Vega-Lite chart: ${title}]` }, { raw: true });
}

export interface ForestRow {
  readonly label: string;
  readonly estimate: number;
  readonly lower: number;
  readonly upper: number;
  readonly group?: string;
}

/** Estimates with confidence intervals, one row each, and a dashed line at `reference` (no effect). */
export async function forest(rows: readonly ForestRow[], title: string, xTitle: string, reference = 0): Promise<void> {
  const y = { field: 'label', type: 'nominal', sort: null, title: null, axis: { labelLimit: 280 } };
  const groups = [...new Set(rows.map((r) => r.group).filter((g) => g !== undefined))];
  const colour = groups.length > 0 ? { color: { field: 'group', type: 'nominal', title: null, sort: groups } } : {};
  await chart({
    title,
    data: { values: rows },
    height: { step: 22 },
    layer: [
      { mark: { type: 'rule', strokeDash: [4, 4], color: 'grey' }, encoding: { x: { datum: reference } } },
      { mark: 'rule', encoding: { y, x: { field: 'lower', type: 'quantitative', title: xTitle }, x2: { field: 'upper' }, ...colour } },
      { mark: { type: 'point', filled: true, size: 60 }, encoding: { y, x: { field: 'estimate', type: 'quantitative' }, ...colour } },
    ],
  });
}
