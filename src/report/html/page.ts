/**
 * Page assembly: one self-contained HTML file. The Vega-Lite specs sit in the page as JSON and
 * vega, vega-lite and vega-embed are inlined from node_modules, so it opens offline from disk
 * and makes no network request. `window.__reportReady` turns true when every chart has
 * rendered (the PDF step and the browser test wait for it).
 */
import type { ChartDef } from '../charts/types.ts';
import type { VendorScript } from '../render/vendor.ts';
import type { PageModel, Section } from './model.ts';
import { esc, jsonForScript, scriptSafe } from './escape.ts';
import { assertNoInjectedMarkup, cspMeta } from './csp.ts';
import { css } from './css.ts';
import { summarySection } from './summary.ts';
import { baselineSection, consortSection, trialSection } from './sections-trial.ts';
import { changeSection, forestSection, primarySection, respondersSection, sensitivitySection } from './sections-outcomes.ts';
import { economicsSection, methodsSection, safetySection, subgroupSection } from './sections-other.ts';

/** CONSORT 2025 order: summary, trial, flow, baseline, outcomes and estimation, harms, ancillary analyses, economics, methods. */
export function sections(m: PageModel): Section[] {
  const all: Array<Section | null> = [
    summarySection(m),
    trialSection(m),
    consortSection(m),
    baselineSection(m),
    primarySection(m),
    forestSection(m),
    changeSection(m),
    respondersSection(m),
    sensitivitySection(m),
    safetySection(m),
    subgroupSection(m),
    economicsSection(m),
    methodsSection(m),
  ];
  return all.filter((s): s is Section => s !== null);
}

const boot = `(function () {
  var nodes = Array.prototype.slice.call(document.querySelectorAll('[data-chart]'));
  var jobs = nodes.map(function (el) {
    var id = el.getAttribute('data-chart');
    var spec = JSON.parse(document.getElementById('spec-' + id).textContent);
    // Compiler notes were collected when the report was built; the reader's console stays quiet.
    // ast: expressions are interpreted, not compiled with Function(), so the page's CSP needs no 'unsafe-eval'.
    return vegaEmbed(el, spec, { actions: false, renderer: 'svg', logLevel: vega.Error, ast: true });
  });
  Promise.all(jobs).then(function () { window.__reportReady = true; }, function (err) { console.error(err); window.__reportReady = true; });
})();`;

export function renderPage(m: PageModel, vendor: readonly VendorScript[]): string {
  const { t, results } = m.ctx;
  const secs = sections(m);
  const toc = `<nav aria-label="${esc(t.msg.tocTitle)}"><strong>${esc(t.msg.tocTitle)}</strong><ol>${secs.map((s) => `<li><a href="#${s.id}">${esc(s.title)}</a></li>`).join('')}</ol></nav>`;
  const body = secs.map((s) => `<section id="${s.id}">\n<h2>${esc(s.title)}</h2>\n${s.html}\n</section>`).join('\n');
  const usedCharts: ChartDef[] = [...m.charts.values()];
  const specs = usedCharts.map((c) => `<script type="application/json" id="spec-${esc(c.id)}">${jsonForScript(c.spec)}</script>`).join('\n');
  // Executed inline scripts, exactly as they sit between their tags: the CSP allows these hashes only.
  const libSources = vendor.map((v) => `\n${scriptSafe(v.source)}\n`);
  const bootSource = `\n${boot}\n`;
  const libs = vendor.map((v, i) => `<script data-lib="${esc(v.name)}@${esc(v.version)}">${libSources[i]}</script>`).join('\n');
  const page = `<!doctype html>
<html lang="${t.msg.htmlLang}">
<head>
<meta charset="utf-8">
${cspMeta([...libSources, bootSource])}
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="${esc(`${results.software.name} ${results.software.version}`)}">
<title>${esc(`${t.msg.reportTitle}: ${t.loc(results.trial.title)}`)}</title>
<style>${css}</style>
</head>
<body>
<main>
<header>
<p class="meta">${esc(t.msg.reportTitle)}</p>
<h1>${esc(t.loc(results.trial.title))}</h1>
<p class="meta">${esc(m.date ? t.msg.reportDate(m.date) : t.msg.noDate)} · ${esc(`${results.input.dataFile.split(/[\\/]/).pop() ?? ''} · SHA-256 ${results.input.dataSha256.slice(0, 12)}…`)}</p>
${toc}
</header>
${body}
<p class="meta">${esc(t.msg.pdfNote)}</p>
</main>
${specs}
${libs}
<script>${bootSource}</script>
</body>
</html>
`;
  assertNoInjectedMarkup(page, usedCharts.length + vendor.length + 1);
  return page;
}
