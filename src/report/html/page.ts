/**
 * Page assembly: one self-contained HTML file. The Vega-Lite specs sit in the page as JSON (a
 * wide and a narrow one per chart; the page draws the one that fits its space) and vega,
 * vega-lite and vega-embed are inlined from node_modules, so it opens offline from disk and makes
 * no network request. `window.__reportReady` turns true when every chart has rendered (the PDF
 * step and the browser test wait for it). Print: A4 with a running header (the synthetic-data
 * warning when there is one) and page numbers, from CSS page margin boxes.
 */
import type { ChartDef } from '../charts/types.ts';
import type { VendorScript } from '../render/vendor.ts';
import type { PageModel, Section } from './model.ts';
import { esc, jsonForScript, scriptSafe } from './escape.ts';
import { assertNoInjectedMarkup, cspMeta } from './csp.ts';
import { css, printCss } from './css.ts';
import { summarySection } from './summary.ts';
import { aboutSection, baselineSection, consortSection, trialSection } from './sections-trial.ts';
import { methodsSection } from './sections-methods.ts';
import { changeSection, forestSection, primarySection, respondersSection, sensitivitySection } from './sections-outcomes.ts';
import { discussionSection, safetySection, subgroupSection } from './sections-other.ts';
import { economicsSection } from './sections-economics.ts';
import { checklistSection } from './checklist.ts';
import { abbreviationsSection } from './abbreviations.ts';
import { timeToEventSection } from './sections-time-to-event.ts';

/**
 * CONSORT 2025 order: summary; the trial and its methods before any result; participant flow,
 * baseline, outcomes and estimation, harms, ancillary analyses; economics; interpretation and
 * limitations; then the checklist, abbreviations and the data behind the report.
 */
export function sections(m: PageModel): Section[] {
  const body: Array<Section | null> = [
    summarySection(m),
    trialSection(m),
    methodsSection(m),
    consortSection(m),
    baselineSection(m),
    primarySection(m),
    forestSection(m),
    changeSection(m),
    respondersSection(m),
    sensitivitySection(m),
    timeToEventSection(m),
    safetySection(m),
    subgroupSection(m),
    economicsSection(m),
    discussionSection(m),
  ];
  const present = body.filter((s): s is Section => s !== null);
  // The checklist links to the sections after it too; they are built after it so figures and tables stay numbered in page order.
  const { t } = m.ctx;
  const checklist = checklistSection(m, [...present, { id: 'abbreviations', title: t.msg.abbreviationsTitle }, { id: 'about', title: t.msg.aboutTitle }]);
  return [...present, checklist, abbreviationsSection(m), aboutSection(m)];
}

const boot = `(function () {
  var nodes = Array.prototype.slice.call(document.querySelectorAll('[data-chart]'));
  var jobs = nodes.map(function (el) {
    var id = el.getAttribute('data-chart');
    // A phone gets the narrow spec (fewer columns, wrapped labels); print and desktops the wide one.
    var narrow = el.clientWidth > 0 && el.clientWidth < 600 && document.getElementById('spec-' + id + '-narrow');
    var spec = JSON.parse(document.getElementById('spec-' + id + (narrow ? '-narrow' : '')).textContent);
    // Compiler notes were collected when the report was built; the reader's console stays quiet.
    // ast: expressions are interpreted, not compiled with Function(), so the page's CSP needs no 'unsafe-eval'.
    return vegaEmbed(el, spec, { actions: false, renderer: 'svg', logLevel: vega.Error, ast: true });
  });
  Promise.all(jobs).then(function () { window.__reportReady = true; }, function (err) { console.error(err); window.__reportReady = true; });
})();`;

/**
 * The parts of a report's page that both of its forms share, built once (building the sections
 * numbers the figures and tables): the interactive page (renderPage) and the page Chromium prints
 * (renderPrintPage).
 */
export interface PageParts {
  readonly m: PageModel;
  readonly title: string;
  readonly head: string;
  readonly header: string;
  readonly body: string;
}

export function pageParts(m: PageModel): PageParts {
  const { t, results } = m.ctx;
  const secs = sections(m);
  const toc = `<nav aria-label="${esc(t.msg.tocTitle)}"><strong>${esc(t.msg.tocTitle)}</strong><ol>${secs.map((s) => `<li><a href="#${esc(s.id)}">${esc(s.title)}</a></li>`).join('')}</ol></nav>`;
  const body = secs.map((s, i) => `<section id="${esc(s.id)}">\n<h2><span class="secno">${i + 1}</span> ${esc(s.title)}</h2>\n${s.html}\n</section>`).join('\n');
  const title = t.loc(results.trial.title);
  const runningHeader = m.ctx.synthetic ? `${t.msg.syntheticRunningHeader} · ${title}` : title;
  const head = `<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="${esc(`${results.software.name} ${results.software.version}`)}">
<title>${esc(`${t.msg.reportTitle}: ${title}${m.ctx.synthetic ? ` [${t.msg.syntheticShort.toUpperCase()}]` : ''}`)}</title>
<style>${css}${printCss(runningHeader, t.msg.pageOf, m.ctx.synthetic)}</style>`;
  const header = `<header>
<p class="meta">${esc(t.msg.reportTitle)}</p>
<h1>${esc(title)}</h1>
<p class="meta">${esc(m.date ? t.msg.reportDate(m.date) : t.msg.noDate)} · ${esc(`${results.input.dataFile.split(/[\\/]/).pop() ?? ''} · SHA-256 ${results.input.dataSha256.slice(0, 12)}…`)}</p>
${toc}
</header>`;
  return { m, title, head, header, body };
}

export function renderPage(m: PageModel | PageParts, vendor: readonly VendorScript[]): string {
  const p = 'body' in m ? m : pageParts(m);
  const specs = [...p.m.charts.values()].map((c: ChartDef) => `<script type="application/json" id="spec-${esc(c.id)}">${jsonForScript(c.spec)}</script>`);
  const narrow = [...p.m.narrow.values()].map((c: ChartDef) => `<script type="application/json" id="spec-${esc(c.id)}-narrow">${jsonForScript(c.spec)}</script>`);
  // Executed inline scripts, exactly as they sit between their tags: the CSP allows these hashes only.
  const libSources = vendor.map((v) => `\n${scriptSafe(v.source)}\n`);
  const bootSource = `\n${boot}\n`;
  const libs = vendor.map((v, i) => `<script data-lib="${esc(v.name)}@${esc(v.version)}">${libSources[i]}</script>`).join('\n');
  const page = `<!doctype html>
<html lang="${esc(p.m.ctx.t.msg.htmlLang)}">
<head>
<meta charset="utf-8">
${cspMeta([...libSources, bootSource])}
${p.head}
</head>
<body>
<main>
${p.header}
${p.body}
</main>
${specs.join('\n')}
${narrow.join('\n')}
${libs}
<script>${bootSource}</script>
</body>
</html>
`;
  assertNoInjectedMarkup(page, specs.length + narrow.length + vendor.length + 1);
  return page;
}

/**
 * The page Chromium prints to report.pdf: the same head, header and sections, with each chart's
 * container holding the SVG effekt drew in Node (the wide spec, as the printed page draws it;
 * `svgs` by chart id) and no script at all (CSP script-src 'none'). Chromium then only lays out
 * and prints — it no longer loads 1 MB of vega and draws every chart a second time. Chart text
 * is placed by vega's text-width estimate in Node rather than measured by the browser, exactly
 * as in the SVG and PNG files. Never written to the output folder.
 */
/**
 * The print page is only ever printed, so on screen it shows nothing: Chromium otherwise lays
 * out (and paints) the whole report once for the tab's screen after the page is written and
 * then again for the paper. Measured on the twin: ≈ 0.2 s less of Chromium's CPU per print, the
 * same PDF bytes.
 */
const PRINT_ONLY = '<style>@media screen { body { display: none; } }</style>';

export function renderPrintPage(p: PageParts, svgs: ReadonlyMap<string, string>): string {
  const byId = new Map([...svgs].map(([id, svg]) => [esc(id), svg]));
  const drawn = new Set<string>();
  // figure() (model.ts) leaves the PNG inside <noscript> in each chart's container; the SVG takes its place.
  const body = p.body.replace(/<noscript><img src="charts\/([^"/]+)\.png" alt="[^"]*" width="100%"><\/noscript>/g, (whole: string, id: string) => {
    const svg = byId.get(id);
    if (svg === undefined) throw new Error(`the print page has no SVG for chart ${id}`);
    drawn.add(id);
    return svg;
  });
  const containers = [...p.body.matchAll(/ data-chart="([^"]*)"/g)].map((x) => x[1]);
  const empty = containers.filter((id) => !drawn.has(id));
  if (empty.length) throw new Error(`the print page has no drawing for chart ${empty.join(', ')}`);
  const page = `<!doctype html>
<html lang="${esc(p.m.ctx.t.msg.htmlLang)}">
<head>
<meta charset="utf-8">
${cspMeta([])}
${p.head}
${PRINT_ONLY}
</head>
<body>
<main>
${p.header}
${body}
</main>
</body>
</html>
`;
  assertNoInjectedMarkup(page, 0);
  return page;
}
