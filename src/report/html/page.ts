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

export function renderPage(m: PageModel, vendor: readonly VendorScript[]): string {
  const { t, results } = m.ctx;
  const secs = sections(m);
  const toc = `<nav aria-label="${esc(t.msg.tocTitle)}"><strong>${esc(t.msg.tocTitle)}</strong><ol>${secs.map((s) => `<li><a href="#${esc(s.id)}">${esc(s.title)}</a></li>`).join('')}</ol></nav>`;
  const body = secs.map((s, i) => `<section id="${esc(s.id)}">\n<h2><span class="secno">${i + 1}</span> ${esc(s.title)}</h2>\n${s.html}\n</section>`).join('\n');
  const specs = [...m.charts.values()].map((c: ChartDef) => `<script type="application/json" id="spec-${esc(c.id)}">${jsonForScript(c.spec)}</script>`);
  const narrow = [...m.narrow.values()].map((c: ChartDef) => `<script type="application/json" id="spec-${esc(c.id)}-narrow">${jsonForScript(c.spec)}</script>`);
  // Executed inline scripts, exactly as they sit between their tags: the CSP allows these hashes only.
  const libSources = vendor.map((v) => `\n${scriptSafe(v.source)}\n`);
  const bootSource = `\n${boot}\n`;
  const libs = vendor.map((v, i) => `<script data-lib="${esc(v.name)}@${esc(v.version)}">${libSources[i]}</script>`).join('\n');
  const title = t.loc(results.trial.title);
  const runningHeader = m.ctx.synthetic ? `${t.msg.syntheticRunningHeader} · ${title}` : title;
  const page = `<!doctype html>
<html lang="${esc(t.msg.htmlLang)}">
<head>
<meta charset="utf-8">
${cspMeta([...libSources, bootSource])}
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="${esc(`${results.software.name} ${results.software.version}`)}">
<title>${esc(`${t.msg.reportTitle}: ${title}${m.ctx.synthetic ? ` [${t.msg.syntheticShort.toUpperCase()}]` : ''}`)}</title>
<style>${css}${printCss(runningHeader, t.msg.pageOf, m.ctx.synthetic)}</style>
</head>
<body>
<main>
<header>
<p class="meta">${esc(t.msg.reportTitle)}</p>
<h1>${esc(title)}</h1>
<p class="meta">${esc(m.date ? t.msg.reportDate(m.date) : t.msg.noDate)} · ${esc(`${results.input.dataFile.split(/[\\/]/).pop() ?? ''} · SHA-256 ${results.input.dataSha256.slice(0, 12)}…`)}</p>
${toc}
</header>
${body}
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
