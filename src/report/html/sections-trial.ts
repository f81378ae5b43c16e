/** The trial as designed (from the spec's trial block), the CONSORT flow, Table 1, and the data and software behind the report. */
import type { BaselineRow, Localised } from '../../analysis/results/types.ts';
import type { PageModel, Section } from './model.ts';
import { figure, para } from './model.ts';
import { renderFacts, renderTable, type Cell } from './tables.ts';
import { esc } from './escape.ts';
import { isSuppressed } from '../privacy.ts';
import { keyOf } from '../disclosure/model.ts';
import { basename } from './paths.ts';
import { outcomeLabel } from '../charts/context.ts';

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The per-protocol rule in words, from results.populations ("at least 5 of 10 sessions"), or null. */
export function perProtocolRule(m: PageModel): string | null {
  const { ctx } = m;
  const p = ctx.results.populations?.find((x) => x.rule.type === 'adherence');
  if (!p || p.rule.type !== 'adherence') return null;
  return ctx.t.msg.perProtocolRule(ctx.intervention.label, ctx.t.fmt.int(p.rule.min), p.rule.of === null ? null : ctx.t.fmt.int(p.rule.of));
}

export function trialSection(m: PageModel): Section {
  const { ctx } = m;
  const { t, results: r } = ctx;
  const tr = r.trial;
  const given = (x: Localised | undefined): Cell => (x ? t.loc(x) : { html: `<span class="missing">${esc(t.msg.notGiven)}</span>` });
  // "Vanlig indsats (SAU): randomiseret 151" — the label only where the name does not already carry it.
  const arms = ctx.arms.map((a) => `${a.name.includes(a.label) ? a.name : `${a.label} (${a.name})`}: ${t.msg.randomisedLower} ${ctx.count(keyOf('consort', a.label, 'randomised'), r.consort[a.label]?.randomised ?? 0)}`).join('; ');
  const total = ctx.arms.reduce((s, a) => s + (r.consort[a.label]?.randomised ?? 0), 0);
  const pp = perProtocolRule(m);
  const byRole = (role: string) => ctx.mainRows.filter((o) => o.role === role).map((o) => `${outcomeLabel(ctx, o)} (${ctx.names.visit(o.visit)})`);
  const rz = tr.randomisation;
  const facts: Array<[string, Cell]> = [
    [t.msg.trialName, `${t.loc(tr.title)} (${tr.id})`],
    [t.msg.registration, tr.registration ? `${tr.registration}${tr.registry ? ` — ${tr.registry}` : ''}` : given(undefined)],
    [t.msg.dataSourceLabel, tr.dataSource ? { html: `${ctx.synthetic ? `<strong class="warn">${esc(t.msg.syntheticShort)}</strong> ` : ''}${esc(t.loc(tr.dataSource))}` } : ctx.synthetic ? t.msg.syntheticShort : given(undefined)],
    [t.msg.protocolLabel, given(tr.protocol)],
    [t.msg.fundingLabel, given(tr.funding)],
    [t.msg.designLabel, given(tr.design)],
    [t.msg.settingLabel, given(tr.setting)],
    [t.msg.recruitmentLabel, tr.recruitment ? t.msg.recruitmentValue(t.fmt.month(tr.recruitment.from), t.fmt.month(tr.recruitment.to)) : given(undefined)],
    [t.msg.eligibilityLabel, given(tr.eligibility)],
    [t.msg.interventionLabel, tr.intervention ? `${t.loc(tr.intervention)}${pp ? ` ${t.msg.perProtocolSentence(pp)}` : ''}` : pp ? t.msg.perProtocolSentence(pp) : given(undefined)],
    [t.msg.comparatorLabel, given(tr.comparator)],
    [t.msg.arms, arms],
    [t.msg.outcomesLabel, { html: ['primary', 'secondary', 'exploratory', 'safety'].map((role) => byRole(role)).map((xs, i) => (xs.length ? `<span class="sub-inline">${esc(t.msg.labels.roles[(['primary', 'secondary', 'exploratory', 'safety'] as const)[i]])}:</span> ${esc(xs.join('; '))}` : '')).filter(Boolean).join('<br>') }],
    [t.msg.visits, r.visits.map((v) => ctx.names.visit(v)).join(', ')],
    [t.msg.sampleSizeLabel, tr.sampleSize ? `${t.msg.sampleSizeValue(t.fmt.int(tr.sampleSize.planned), t.fmt.int(total))}${tr.sampleSize.rationale ? ` ${t.loc(tr.sampleSize.rationale)}` : ` ${t.msg.sampleSizeNoRationale}`}` : t.msg.sampleSizeRandomisedOnly(t.fmt.int(total))],
    [t.msg.randomisationLabel, rz?.sequence ? t.loc(rz.sequence) : given(undefined)],
    [t.msg.concealmentLabel, given(rz?.concealment)],
    [t.msg.blindingLabel, given(tr.blinding)],
    [t.msg.harmsLabel, given(tr.harms)],
  ];
  return { id: 'trial', title: t.msg.trialTitle, html: para(t.msg.trialIntro) + renderFacts(facts, t.msg.trialTableCaption, m) };
}

export function consortSection(m: PageModel): Section {
  const { t } = m.ctx;
  return { id: 'consort', title: t.msg.consortTitle, html: para(t.msg.consortIntro) + figure(m, 'consort', t.msg.consortCaption) };
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
  const arms = ctx.arms;
  const head: Cell[] = [t.msg.characteristic, ...arms.map((a) => ({ text: `${a.label} (n = ${ctx.count(keyOf('consort', a.label, 'randomised'), r.consort[a.label]?.randomised ?? 0)})`, className: 'num' })), { text: t.msg.standardisedDifference, className: 'num' }];
  const rows: Cell[][] = [];
  const groups = new Set<number>();
  const byVariable = new Map<string, BaselineRow[]>();
  for (const b of r.baseline) byVariable.set(b.variable, [...(byVariable.get(b.variable) ?? []), b]);
  for (const [variable, bs] of byVariable) {
    const label = cap(t.loc(bs[0].label));
    const categorical = bs.filter((b) => b.kind === 'n-percent');
    if (categorical.length > 0) {
      groups.add(rows.length);
      rows.push([`${label}, ${t.msg.nPercent}`]);
      // Each count as the disclosure plan decided ("<5", "–" or the number), as in every other sink.
      const shown = new Map(arms.map((a) => [a.label, categorical.map((b) => ctx.count(keyOf('baseline', variable, b.level ?? '', a.label), b.byArm[a.label]?.values[0] ?? Number.NaN))]));
      categorical.forEach((b, i) => {
        // The standardised difference of proportions would give a suppressed cell back: blank when either arm's cell is hidden.
        const hidden = arms.some((a) => isSuppressed(shown.get(a.label)![i]));
        const smd = hidden || b.standardisedDifference === null ? '' : t.fmt.num(b.standardisedDifference, 2);
        rows.push([{ text: ctx.names.level(variable, b.level ?? ''), className: 'indent' }, ...arms.map((a) => ({ text: statCell(m, b, a.label, shown.get(a.label)![i]), className: 'num' })), { text: smd, className: 'num' }]);
      });
    }
    for (const b of bs.filter((x) => x.kind !== 'n-percent')) {
      const kind = b.kind === 'mean-sd' ? t.msg.meanSd : t.msg.medianIqr;
      const missing = arms.map((a) => ctx.count(keyOf('baselineMissing', variable, a.label), b.byArm[a.label]?.missing ?? 0));
      const miss = missing.some((x) => x !== '0') ? ` (${t.msg.missingCount(missing.join(' / '))})` : '';
      rows.push([`${label}, ${kind}${miss}`, ...arms.map((a) => ({ text: statCell(m, b, a.label, null), className: 'num' })), { text: b.standardisedDifference === null ? '' : t.fmt.num(b.standardisedDifference, 2), className: 'num' }]);
    }
  }
  return { id: 'baseline', title: t.msg.baselineTitle, html: para(t.msg.baselineIntro) + renderTable({ caption: t.msg.baselineCaption, head, rows, groupRows: groups }, m) };
}

/** Data and software: what exactly produced this report, and the privacy rules it follows. */
export function aboutSection(m: PageModel): Section {
  const { ctx } = m;
  const { t, results: r, economics: e } = ctx;
  const facts: Array<[string, Cell]> = [
    [t.msg.dataFile, { html: `${esc(basename(r.input.dataFile))}<br><span class="hash">${esc(r.input.dataSha256)}</span>` }],
    [t.msg.specFile, { html: `${esc(basename(r.input.specFile))}<br><span class="hash">${esc(r.input.specSha256)}</span>` }],
    [t.msg.software, `${r.software.name} ${r.software.version} (results.json ${r.schemaVersion})`],
    [t.msg.seedLabel, String(r.seed)],
    [t.msg.significance, t.msg.significanceValue(t.fmt.num(r.alpha, 2), t.fmt.pct(r.confLevel))],
  ];
  if (e) {
    facts.push([t.msg.economicsScenario, `${t.loc(e.scenario.title)} (${e.scenario.id}; ${e.software.name} ${e.software.version})`]);
    facts.push([t.msg.psaLabel, t.msg.psaDraws(t.fmt.int(e.psa.draws), String(e.psa.seed))]);
  }
  const html = [renderFacts(facts, t.msg.aboutCaption, m), para(m.date ? t.msg.reportDate(m.date) : t.msg.noDate, 'meta'), para(t.msg.privacyNote, 'meta')].join('\n');
  return { id: 'about', title: t.msg.aboutTitle, html };
}
