/** Screen and print (A4) styles. Arm colours match the charts (charts/theme.ts). */
import { colours } from '../charts/theme.ts';

export const css = `
:root { --ink: #222; --muted: #5a5a5a; --rule: #d9d9d9; --int: ${colours.intervention}; --ctl: ${colours.control}; --tint: #eef3f7; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; color: var(--ink); background: #fff; font: 15px/1.5 "DejaVu Sans", "Segoe UI", Helvetica, Arial, sans-serif; }
main { max-width: 860px; margin: 0 auto; padding: 32px 28px 64px; }
h1 { font-size: 26px; line-height: 1.25; margin: 0 0 4px; }
h2 { font-size: 20px; margin: 40px 0 8px; padding-top: 8px; border-top: 2px solid var(--ink); }
h3 { font-size: 16px; margin: 22px 0 6px; }
p { margin: 6px 0 10px; }
.muted, .meta { color: var(--muted); font-size: 13px; }
.lead { font-size: 17px; }
.answer { font-size: 19px; font-weight: bold; margin: 4px 0 6px; }
.answer.benefit { color: var(--int); }
.summary-grid { display: grid; grid-template-columns: 1fr 1fr; gap: 10px 28px; }
.block { background: var(--tint); border-radius: 6px; padding: 12px 16px; margin: 12px 0; }
.figures { display: grid; grid-template-columns: repeat(4, 1fr); gap: 10px; margin: 14px 0; }
.figure-box { border: 1px solid var(--rule); border-radius: 6px; padding: 8px 10px; }
.figure-box .k { font-size: 12px; color: var(--muted); }
.figure-box .v { font-size: 20px; font-weight: bold; }
.arm-int { color: var(--int); font-weight: bold; }
.arm-ctl { color: var(--ctl); font-weight: bold; }
nav ol { columns: 2; margin: 6px 0 0; padding-left: 20px; font-size: 14px; }
nav a { color: var(--ink); }
table { border-collapse: collapse; width: 100%; margin: 10px 0 18px; font-size: 13px; }
caption { text-align: left; font-weight: normal; color: var(--muted); font-size: 12px; padding: 4px 0; caption-side: bottom; }
th, td { padding: 4px 8px; border-bottom: 1px solid var(--rule); text-align: left; vertical-align: top; }
thead th { border-bottom: 2px solid var(--ink); font-weight: bold; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr.group th { background: #f5f5f5; font-weight: bold; }
td.indent { padding-left: 22px; }
table.facts th { width: 32%; font-weight: normal; color: var(--muted); }
code { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 12px; overflow-wrap: anywhere; }
.hash { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 12px; word-break: break-all; }
figure { margin: 14px 0 22px; break-inside: avoid; page-break-inside: avoid; }
figure .chart { min-height: 60px; overflow-x: auto; }
figcaption { font-size: 13px; color: var(--muted); margin-top: 4px; }
.chart svg { max-width: 100%; height: auto; }
.notice { border-left: 4px solid var(--ctl); padding: 6px 12px; background: #fbf6ef; }
@page { size: A4; margin: 16mm 14mm 18mm; }
@media print {
  body { font-size: 10.5pt; }
  main { max-width: none; padding: 0; }
  h2 { break-before: page; page-break-before: always; border-top: none; margin-top: 0; }
  #summary h2 { break-before: avoid; }
  nav { display: none; }
  a { color: inherit; text-decoration: none; }
  table, figure, .block { break-inside: avoid; page-break-inside: avoid; }
  tr { break-inside: avoid; }
}
`;
