/** Trial and versions, the CONSORT flow and Table 1. */
import type { BaselineRow } from '../../analysis/results/types.ts';
import type { PageModel, Section } from './model.ts';
import { figure, para } from './model.ts';
import { renderFacts, renderTable, type Cell } from './tables.ts';
import { formatCountGroup, isSuppressed } from '../privacy.ts';
import { basename } from './paths.ts';
import { esc } from './escape.ts';

export function trialSection(m: PageModel): Section {
  const { ctx } = m;
  const { t, results: r, economics: e } = ctx;
  const arms = [ctx.intervention, ctx.control].map((a) => `${a.label}: ${a.name} (${t.msg.randomised.toLowerCase()} ${t.fmt.count(r.consort[a.label]?.randomised ?? 0)})`).join('; ');
  const facts: Array<[string, Cell]> = [
    [t.msg.trialName, `${t.loc(r.trial.title)} (${r.trial.id})`],
    [t.msg.arms, arms],
    [t.msg.visits, r.visits.map((v) => t.label('visits', v)).join(', ')],
    [t.msg.dataFile, { html: `${esc(basename(r.input.dataFile))}<br><span class="hash">${esc(r.input.dataSha256)}</span>` }],
    [t.msg.specFile, { html: `${esc(basename(r.input.specFile))}<br><span class="hash">${esc(r.input.specSha256)}</span>` }],
    [t.msg.software, `${r.software.name} ${r.software.version}`],
    [t.msg.seedLabel, String(r.seed)],
    [t.msg.significance, t.msg.significanceValue(t.fmt.num(r.alpha, 2), t.fmt.pct(r.confLevel))],
  ];
  if (e) {
    facts.push([t.msg.economicsScenario, `${t.loc(e.scenario.title)} (${e.scenario.id}; ${e.software.name} ${e.software.version})`]);
    facts.push([t.msg.psaLabel, t.msg.psaDraws(t.fmt.int(e.psa.draws), String(e.psa.seed))]);
  }
  const html = [renderFacts(facts), para(m.date ? t.msg.reportDate(m.date) : t.msg.noDate, 'meta'), para(t.msg.privacyNote, 'meta')].join('\n');
  return { id: 'trial', title: t.msg.trialTitle, html };
}

export function consortSection(m: PageModel): Section {
  const { t } = m.ctx;
  return { id: 'consort', title: t.msg.consortTitle, html: para(t.msg.consortIntro) + figure(m, 'consort') };
}

function statCell(m: PageModel, row: BaselineRow, arm: string, shownCount: string | null): string {
  const { t } = m.ctx;
  const c = row.byArm[arm];
  if (!c) return '–';
  const v = c.values;
  switch (row.kind) {
    case 'mean-sd':
      return `${t.fmt.num(v[0], 1)} (${t.fmt.num(v[1], 1)})`;
    case 'median-iqr':
      return `${t.fmt.num(v[0], 1)} (${t.fmt.num(v[1], 1)}–${t.fmt.num(v[2], 1)})`;
    case 'n-percent':
      // A suppressed count hides its percentage too: the percentage would give the count back.
      return shownCount !== null && /^\d/.test(shownCount) ? `${shownCount} (${t.fmt.num(v[1], 1)})` : (shownCount ?? '–');
  }
}

export function baselineSection(m: PageModel): Section {
  const { ctx } = m;
  const { t, results: r } = ctx;
  const arms = [ctx.intervention, ctx.control];
  const head: Cell[] = [t.msg.characteristic, ...arms.map((a) => ({ text: `${a.label} (n = ${t.fmt.count(r.consort[a.label]?.randomised ?? 0)})`, className: 'num' })), { text: t.msg.standardisedDifference, className: 'num' }];
  const rows: Cell[][] = [];
  const groups = new Set<number>();
  const byVariable = new Map<string, BaselineRow[]>();
  for (const b of r.baseline) byVariable.set(b.variable, [...(byVariable.get(b.variable) ?? []), b]);
  for (const [, bs] of byVariable) {
    const label = t.loc(bs[0].label);
    const categorical = bs.filter((b) => b.kind === 'n-percent');
    if (categorical.length > 0) {
      groups.add(rows.length);
      rows.push([`${label}, ${t.msg.nPercent}`]);
      // Suppress within each arm over the levels of this characteristic (they add up to the arm's n).
      const shown = new Map(arms.map((a) => [a.label, formatCountGroup(categorical.map((b) => b.byArm[a.label]?.values[0] ?? 0), t.fmt.int)]));
      categorical.forEach((b, i) => {
        // The standardised difference of proportions would give a suppressed cell back: blank when either arm's cell is hidden.
        const hidden = arms.some((a) => isSuppressed(shown.get(a.label)![i]));
        const smd = hidden || b.standardisedDifference === null ? '' : t.fmt.num(b.standardisedDifference, 2);
        rows.push([{ text: t.label('levels', b.level ?? ''), className: 'indent' }, ...arms.map((a) => ({ text: statCell(m, b, a.label, shown.get(a.label)![i]), className: 'num' })), { text: smd, className: 'num' }]);
      });
    }
    for (const b of bs.filter((x) => x.kind !== 'n-percent')) {
      const kind = b.kind === 'mean-sd' ? t.msg.meanSd : t.msg.medianIqr;
      const missing = arms.map((a) => b.byArm[a.label]?.missing ?? 0);
      const miss = missing.some((x) => x > 0) ? ` (${t.msg.missingCount(missing.map((x) => t.fmt.count(x)).join(' / '))})` : '';
      rows.push([`${label}, ${kind}${miss}`, ...arms.map((a) => ({ text: statCell(m, b, a.label, null), className: 'num' })), { text: b.standardisedDifference === null ? '' : t.fmt.num(b.standardisedDifference, 2), className: 'num' }]);
    }
  }
  return { id: 'baseline', title: t.msg.baselineTitle, html: para(t.msg.baselineIntro) + renderTable({ head, rows, groupRows: groups }) };
}
