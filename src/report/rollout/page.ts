/**
 * The frame of every roll-out page (settlement notes, steering-group reports): one
 * self-contained HTML file with inline CSS and inline SVG charts, no scripts but the one line
 * that tells the PDF printer the page is ready, and a Content-Security-Policy that forbids
 * everything else (no remote loads, no event handlers).
 */
import type { Lang } from '../../analysis/results/types.ts';
import { esc } from '../html/escape.ts';
import { colours } from '../charts/theme.ts';

export const rolloutCss = `
:root { --ink: #222; --muted: #5a5a5a; --rule: #d9d9d9; --int: ${colours.intervention}; --ctl: ${colours.control}; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #fff; font: 14px/1.45 "DejaVu Sans", Helvetica, Arial, sans-serif; }
main { max-width: 980px; margin: 0 auto; padding: 28px 24px 56px; }
h1 { font-size: 23px; margin: 8px 0 4px; }
h2 { font-size: 18px; margin: 32px 0 8px; padding-top: 6px; border-top: 2px solid var(--ink); }
h3 { font-size: 15px; margin: 18px 0 6px; }
.lead { font-size: 16px; margin: 2px 0 6px; }
.meta, .muted { color: var(--muted); font-size: 12.5px; }
.small { font-size: 11.5px; color: var(--muted); }
.banner { font-weight: bold; border: 2px solid #b9463f; color: #b9463f; padding: 4px 10px; display: inline-block; margin: 0 8px 4px 0; }
.banner.synthetic { border-color: var(--ctl); color: var(--ctl); }
table { border-collapse: collapse; width: 100%; margin: 8px 0 16px; font-size: 12.5px; }
caption { text-align: left; color: var(--muted); font-size: 12px; caption-side: bottom; padding-top: 4px; }
th, td { padding: 3px 7px; border-bottom: 1px solid var(--rule); text-align: left; vertical-align: top; }
thead th { border-bottom: 2px solid var(--ink); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.hash { font-family: "DejaVu Sans Mono", monospace; font-size: 11px; word-break: break-all; }
.figures { display: grid; grid-template-columns: repeat(4, 1fr); gap: 8px; margin: 10px 0; }
.figure-box { border: 1px solid var(--rule); border-radius: 6px; padding: 6px 9px; }
.figure-box .k { font-size: 11.5px; color: var(--muted); }
.figure-box .v { font-size: 18px; font-weight: bold; }
figure { margin: 12px 0 18px; break-inside: avoid; }
figure svg { max-width: 100%; height: auto; }
figcaption { font-size: 12px; color: var(--muted); }
footer { margin-top: 32px; font-size: 11px; color: var(--muted); border-top: 1px solid var(--rule); padding-top: 6px; }
@page { size: A4; margin: 14mm 12mm 16mm; }
@media print {
  body { font-size: 9.5pt; }
  main { max-width: none; padding: 0; }
  section.municipality { break-before: page; page-break-before: always; }
  table, figure, tr { break-inside: avoid; page-break-inside: avoid; }
}
`;

export interface RolloutPage {
  readonly lang: Lang;
  readonly title: string;
  readonly generator: string;
  readonly css: string;
  readonly footer: string;
  /** Already-escaped HTML. */
  readonly body: string;
}

const CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

export function rolloutPage(p: RolloutPage): string {
  return `<!doctype html>
<html lang="${p.lang}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="${esc(p.generator)}">
<title>${esc(p.title)}</title>
<style>${p.css}</style>
</head>
<body>
<main>
${p.body}
<footer>${esc(p.footer)}</footer>
</main>
<script>window.__reportReady = true;</script>
</body>
</html>
`;
}
