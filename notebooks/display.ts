/**
 * Display helpers shared by the notebooks (Deno's Jupyter kernel): Markdown tables and Vega-Lite
 * charts shown inline, plus number formatting. Presentation only — every number comes from
 * effekt's public API. Counts from 1 to 4 are shown as "<5", as in every effekt output.
 */
export type Cell = string | number | null;

// Deno's kernel may report a cell finished a few milliseconds before its last outputs are flushed.
// JupyterLab shows such late outputs anyway, but headless runners (nbconvert, so `npm run notebooks`
// and the tests) drop them on a busy machine. Pausing briefly after each output keeps every one.
const settle = (): Promise<void> => new Promise((done) => setTimeout(done, 50));

/** console.log that keeps its line in headless runs too (use it with await). */
export async function print(...args: unknown[]): Promise<void> {
  console.log(...args);
  await settle();
}

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

/** A count from 1 to 4: too small to publish (privacy). 0 is shown as 0. */
export const isHidden = (n: number): boolean => n > 0 && n < 5;

/** Small counts are not shown (privacy): 1–4 become "<5". */
export const count = (n: number): string => (isHidden(n) ? '<5' : String(n));

/**
 * A count with its share of `of`: "12 (4.1 %)". A hidden count keeps its percentage hidden too
 * ("<5"), since the share and the denominator give the count back.
 */
export const countPct = (n: number, of: number, digits = 1): string =>
  isHidden(n) || !(of > 0) ? count(n) : `${n} (${fmt((100 * n) / of, digits)} %)`;

/** A count to chart: null when hidden (1–4), so no bar or point ever shows one; label it with `count`. */
export const chartCount = (n: number): number | null => (isHidden(n) ? null : n);

/**
 * A total over the participants who had an event (events, bed days …): "–" when 1–4 participants
 * had one, since the total then describes those few people. 0 participants give a total of 0.
 */
export const eventTotal = (total: number, participantsWithEvent: number): string =>
  isHidden(participantsWithEvent) ? '–' : String(total);

/** An estimate with its interval: "5.09 (2.89 to 7.28)". */
export const ci = (x: { estimate: number | null; lower: number | null; upper: number | null }, digits = 2): string =>
  `${fmt(x.estimate, digits)} (${fmt(x.lower, digits)} to ${fmt(x.upper, digits)})`;

/** Shows a Markdown table (plain text for viewers without Markdown). */
export async function table(columns: readonly string[], rows: readonly (readonly Cell[])[]): Promise<void> {
  const line = (cells: readonly Cell[]) => `| ${cells.map((c) => (c === null ? '' : String(c).replaceAll('|', '\\|'))).join(' | ')} |`;
  const md = [line(columns), line(columns.map(() => '---')), ...rows.map(line)].join('\n');
  await Deno.jupyter.display({ 'text/markdown': md, 'text/plain': md }, { raw: true });
  await settle();
}

// The schema is the report's (src/report/charts/theme.ts VL_SCHEMA; vega-lite 6 is installed), so a
// notebook's chart and the report's are the same spec. The MIME type stays v5: JupyterLab 4's built-in
// renderer (vega5-extension) and VS Code draw it, Deno 2.9's kernel knows v4/v5 only, and a v6 schema
// under it still draws (vega-embed only logs a version warning).
const VEGA_LITE_MIME = 'application/vnd.vegalite.v5+json';
const VEGA_LITE_SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/** Shows a Vega-Lite spec inline. */
export async function chart(spec: Record<string, unknown>): Promise<void> {
  const full = { width: 460, ...spec, $schema: VEGA_LITE_SCHEMA };
  const title = typeof spec.title === 'string' ? spec.title : '';
  await Deno.jupyter.display({ [VEGA_LITE_MIME]: full, 'text/plain': `[Vega-Lite chart: ${title}]` }, { raw: true });
  await settle();
}

/** Shows one of the committee report's charts (effekt's chart builders); null means its inputs are absent. */
export async function show(built: { readonly title: string; readonly spec: unknown } | null): Promise<void> {
  if (built === null) {
    await print('(chart left out: its inputs are not in these results)');
    return;
  }
  const spec = { ...(built.spec as Record<string, unknown>), $schema: VEGA_LITE_SCHEMA };
  await Deno.jupyter.display({ [VEGA_LITE_MIME]: spec, 'text/plain': `[Vega-Lite chart: ${built.title}]` }, { raw: true });
  await settle();
}

export interface ForestRow {
  readonly label: string;
  readonly estimate: number;
  readonly lower: number;
  readonly upper: number;
  /** Rows sharing a label are drawn side by side, one colour per group (e.g. two cohorts). */
  readonly group?: string;
}

/** Estimates with confidence intervals, one line per label (and group), and a dashed line at `reference` (no effect). */
export async function forest(rows: readonly ForestRow[], title: string, xTitle: string, reference = 0): Promise<void> {
  const labels = [...new Set(rows.map((r) => r.label))];
  const groups = [...new Set(rows.map((r) => r.group).filter((g) => g !== undefined))];
  const y = { field: 'label', type: 'nominal', sort: labels, title: null, axis: { labelLimit: 280 } };
  const byGroup = groups.length > 0 ? { yOffset: { field: 'group', sort: groups }, color: { field: 'group', type: 'nominal', title: null, sort: groups } } : {};
  await chart({
    title,
    data: { values: rows },
    height: { step: groups.length > 1 ? 14 : 22 }, // with groups the step is per group within a label
    layer: [
      { mark: { type: 'rule', strokeDash: [4, 4], color: 'grey' }, encoding: { x: { datum: reference } } },
      { mark: 'rule', encoding: { y, x: { field: 'lower', type: 'quantitative', title: xTitle }, x2: { field: 'upper' }, ...byGroup } },
      { mark: { type: 'point', filled: true, size: 50 }, encoding: { y, x: { field: 'estimate', type: 'quantitative' }, ...byGroup } },
    ],
  });
}
