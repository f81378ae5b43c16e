/**
 * Screen and print (A4) styles. Arm colours match the charts (charts/theme.ts). Tables wrap
 * their headers and keep numbers whole; on a phone a table scrolls inside its own box, never the
 * page. Print: every page carries a running header (the synthetic-data warning when the data are
 * simulated) and "page n of N", through CSS page margin boxes (Chromium ≥ 131).
 */
import { documentText } from '../../data/io/visible.ts';
import { colours } from '../charts/theme.ts';

export const css = `
:root { --ink: #222; --muted: #5a5a5a; --rule: #d9d9d9; --int: ${colours.intervention}; --ctl: ${colours.control}; --tint: #eef3f7; --warn: ${colours.warning}; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; color: var(--ink); background: #fff; font: 15px/1.5 "DejaVu Sans", "Segoe UI", Helvetica, Arial, sans-serif; overflow-wrap: break-word; }
main { max-width: 900px; margin: 0 auto; padding: 32px 28px 64px; }
h1 { font-size: 26px; line-height: 1.25; margin: 0 0 4px; }
h2 { font-size: 20px; margin: 40px 0 8px; padding-top: 8px; border-top: 2px solid var(--ink); }
h2 .secno { color: var(--muted); margin-right: 4px; }
h3 { font-size: 16px; margin: 22px 0 6px; }
p { margin: 6px 0 10px; }
ul { margin: 6px 0 12px; padding-left: 22px; }
li { margin: 3px 0; }
.muted, .meta { color: var(--muted); font-size: 13px; }
.lead { font-size: 17px; }
.answer { font-size: 19px; font-weight: bold; margin: 4px 0 6px; }
.answer.benefit { color: var(--int); }
.block { background: var(--tint); border-radius: 6px; padding: 12px 16px; margin: 12px 0; }
.plain { border: 2px solid var(--int); border-radius: 6px; padding: 10px 16px; margin: 12px 0; }
.plain h3 { margin-top: 4px; }
.synthetic { border: 2px solid var(--warn); background: #fbeeee; color: #4a1010; border-radius: 6px; padding: 10px 14px; margin: 12px 0; }
.synthetic strong, strong.warn { color: var(--warn); }
.figures { display: grid; grid-template-columns: repeat(auto-fit, minmax(150px, 1fr)); gap: 10px; margin: 14px 0; }
.figure-box { border: 1px solid var(--rule); border-radius: 6px; padding: 8px 10px; min-width: 0; }
.figure-box .k { font-size: 12px; color: var(--muted); }
.figure-box .v { font-size: 20px; font-weight: bold; white-space: nowrap; }
.figure-box .s { font-size: 12px; color: var(--muted); }
nav ol { columns: 2; margin: 6px 0 0; padding-left: 24px; font-size: 14px; }
nav li { break-inside: avoid; }
nav a { color: var(--ink); }
.table-wrap { max-width: 100%; overflow-x: auto; margin: 10px 0 18px; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
caption { text-align: left; font-weight: normal; color: var(--ink); font-size: 13px; padding: 4px 0 6px; caption-side: top; }
th, td { padding: 4px 6px; border-bottom: 1px solid var(--rule); text-align: left; vertical-align: top; }
thead th { border-bottom: 2px solid var(--ink); font-weight: bold; hyphens: auto; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.num { white-space: nowrap; }
td.num.wrap { white-space: normal; min-width: 7em; }
.ci, .sub { display: block; font-size: 0.86em; color: var(--muted); }
.sub-inline { color: var(--muted); }
tr.group th { background: #f5f5f5; font-weight: bold; }
td.indent { padding-left: 22px; }
td.abbr { font-weight: bold; white-space: nowrap; }
table.facts th { width: 30%; font-weight: normal; color: var(--muted); }
table.facts td { overflow-wrap: anywhere; }
.missing { color: var(--muted); font-style: italic; }
.status { white-space: nowrap; font-weight: bold; }
.status.reported { color: var(--int); }
.status.partly { color: var(--ctl); }
.status.absent { color: var(--muted); }
code { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 12px; overflow-wrap: anywhere; }
.hash { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 12px; word-break: break-all; }
figure { margin: 14px 0 22px; }
figure .chart { min-height: 60px; max-width: 100%; overflow: hidden; }
figcaption { font-size: 13px; color: var(--ink); margin-top: 4px; }
figcaption .finding { color: var(--muted); }
.chart svg { max-width: 100%; height: auto; }
.notice { border-left: 4px solid var(--ctl); padding: 6px 12px; background: #fbf6ef; margin: 10px 0; }
@media (max-width: 600px) {
  main { padding: 16px 12px 40px; }
  h1 { font-size: 22px; }
  h2 { font-size: 18px; }
  nav ol { columns: 1; }
  table { font-size: 12px; }
  th, td { padding: 3px 4px; }
  table.facts th { width: 36%; }
  .answer { font-size: 17px; }
  table { font-size: 11.5px; }
  /* Text tables (estimands, assumptions, checklist …) become one card per row: each cell under its column's name. */
  table.text thead { display: none; }
  table.text, table.text tbody, table.text tr, table.text td { display: block; width: 100%; }
  table.text tr { border-bottom: 1px solid var(--rule); padding: 4px 0; }
  table.text td { border: none; padding: 2px 4px; }
  table.text td[data-label]:not(:first-child)::before { content: attr(data-label) ": "; color: var(--muted); font-size: 11px; }
  table.text td:first-child { font-weight: bold; }
}
`;

/**
 * A string for a CSS `content` value: control and bidi characters shown as the page shows them
 * (documentText), quotes, backslashes and line breaks (a lone CR too: CSS reads it as one)
 * escaped, and "<" so no text can close the style element.
 */
export function cssString(s: string): string {
  return `"${documentText(s).replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\r\n|[\r\n]/g, '\\A ').replace(/</g, '\\3C ')}"`;
}

/** Print styles: A4, the running header and "page n of N" (pageOf: the words before, between and after the two numbers). */
export function printCss(runningHeader: string, pageOf: readonly [string, string, string], synthetic: boolean): string {
  const header = cssString(runningHeader.length > 110 ? `${runningHeader.slice(0, 108)}…` : runningHeader);
  const [a, b, c] = pageOf.map(cssString);
  return `
@page { size: A4; margin: 18mm 14mm 18mm;
  @top-left { content: ${header}; font: ${synthetic ? 'bold ' : ''}8pt "DejaVu Sans", sans-serif; color: ${synthetic ? colours.warning : '#5a5a5a'}; vertical-align: bottom; padding-bottom: 3mm; }
  @bottom-right { content: ${a} counter(page) ${b} counter(pages) ${c}; font: 8pt "DejaVu Sans", sans-serif; color: #5a5a5a; vertical-align: top; padding-top: 3mm; }
}
@media print {
  body { font-size: 10pt; }
  main { max-width: none; padding: 0; }
  h2 { break-before: page; page-break-before: always; border-top: none; margin-top: 0; }
  #summary h2 { break-before: avoid; }
  nav { display: block; }
  a { color: inherit; text-decoration: none; }
  .table-wrap { overflow: visible; }
  table { font-size: 8.4pt; }
  th, td { padding: 2px 4px; }
  figure, .plain, .synthetic, .figure-box, .figures { break-inside: avoid; page-break-inside: avoid; }
  .block p { break-inside: avoid; }
  caption { break-after: avoid; }
  h3 { break-after: avoid; }
  tr { break-inside: avoid; }
  thead { display: table-header-group; }
}
`;
}
