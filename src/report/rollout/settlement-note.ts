/**
 * The settlement note (afregning) as one self-contained HTML page per language, built only from
 * an issued SettlementResult: same settlement → same bytes. Marked confidential (exact counts, as
 * payment requires) and, for the synthetic sample, synthetic. No row-level values: citizens appear
 * only as counts and as the digest of the rows counted. Every value is escaped with esc().
 */
import type { Lang } from '../../analysis/results/types.ts';
import type { SettlementMunicipality, SettlementResult } from '../../rollout/settle/types.ts';
import { esc } from '../html/escape.ts';
import { rolloutText, type RolloutText } from './text.ts';
import { rolloutCss, rolloutPage } from './page.ts';

const num = (cls = 'num') => `class="${cls}"`;

function table(head: readonly string[], rows: readonly (readonly string[])[], numericFrom = 1, caption?: string): string {
  const th = head.map((h, j) => `<th${j >= numericFrom ? ` ${num()}` : ''}>${esc(h)}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.map((c, j) => `<td${j >= numericFrom ? ` ${num()}` : ''}>${c}</td>`).join('')}</tr>`).join('\n');
  return `<table>${caption ? `<caption>${esc(caption)}</caption>` : ''}<thead><tr>${th}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

function summary(r: SettlementResult, x: RolloutText): string {
  const t = x.t;
  const withDiff = r.supersedes !== null;
  const head = [t.municipality, t.citizens, t.payment, ...(withDiff ? [t.previous, t.difference] : [])];
  const rows = r.municipalities.map((m) => [esc(m.id), esc(x.fmt.int(m.citizens)), esc(x.money2(m.payment)), ...(withDiff ? [esc(m.previousPayment === null ? '–' : x.money2(m.previousPayment)), esc(m.difference === null ? '–' : x.money2(m.difference))] : [])]);
  rows.push([`<strong>${esc(t.total)}</strong>`, `<strong>${esc(x.fmt.int(r.totals.citizens))}</strong>`, `<strong>${esc(x.money2(r.totals.payment))}</strong>`, ...(withDiff ? [esc(r.totals.previousPayment === null ? '–' : x.money2(r.totals.previousPayment)), `<strong>${esc(r.totals.difference === null ? '–' : x.money2(r.totals.difference))}</strong>`] : [])]);
  return table(head, rows);
}

function metricsTable(r: SettlementResult, x: RolloutText): string {
  const t = x.t;
  const lang = x.lang;
  const rows = r.metrics.map((m) => {
    const cf = m.counterfactual;
    return [
      `<strong>${esc(m.name[lang])}</strong><br><span class="muted">${esc(m.definition[lang])}</span>`,
      esc(x.money2(m.pricePerOutcome)),
      `${esc(x.fmt.pct(cf.rate, 1))}<br><span class="muted">${esc(`${x.fmt.pct(cf.lower, 1)}–${x.fmt.pct(cf.upper, 1)}`)}</span>`,
      `${esc(x.fmt.pct(m.counterfactualUsed, 2))}<br><span class="muted">${esc(r.contract.counterfactualBound === 'upper-confidence-limit' ? t.conservative : t.estimate)}</span>`,
      esc(m.floor > 0 ? x.money2(m.floor) : t.none),
      esc(m.cap === null ? t.none : x.money2(m.cap)),
      `<span class="small">${esc(cf.reference)}${cf.events !== null ? esc(` (${cf.events}/${cf.n}; ${cf.method})`) : ''}</span>`,
    ];
  });
  return table([t.metric, t.price, t.counterfactual, t.counterfactualUsed, t.floor, t.cap, t.source], rows, 1);
}

function cause(r: SettlementResult, x: RolloutText): string {
  const t = x.t;
  if (r.cause.kind === 'first') return `<p>${esc(t.causeFirst)}</p>`;
  const items = [
    ...r.cause.ingests.map((i) => t.causeIngest(`${i.file} (SHA-256 ${i.sha256.slice(0, 12)}…)`, i.rowsAdded, i.rowsChanged, i.fieldsChanged)),
    ...r.cause.earlierPeriodsResettled.map((e) => t.causeEarlier(e.period, e.version)),
    ...(r.cause.contractChanged ? [t.causeContract] : []),
  ];
  return items.length ? `<ul>${items.map((i) => `<li>${esc(i)}</li>`).join('')}</ul>` : `<p>${esc(t.causeNone)}</p>`;
}

function municipalitySection(r: SettlementResult, m: SettlementMunicipality, x: RolloutText): string {
  const t = x.t;
  const L = t.line;
  const lang = x.lang;
  const names = m.lines.map((l) => r.metrics.find((k) => k.id === l.metric)!.name[lang]);
  const money = (v: number) => esc(x.money2(v));
  const rows: [string, (l: SettlementMunicipality['lines'][number]) => string][] = [
    [t.citizens, (l) => esc(x.fmt.int(l.citizens))],
    [L.achieved, (l) => esc(x.fmt.int(l.achieved))],
    [L.notMeasured, (l) => esc(x.fmt.int(l.notAchieved.measured))],
    [L.missingFollowUp, (l) => esc(x.fmt.int(l.notAchieved.missingFollowUp))],
    [L.missingBaseline, (l) => esc(x.fmt.int(l.notAchieved.missingBaseline))],
    [L.expected, (l) => esc(`${x.dec(l.expected)} (${x.fmt.int(l.citizens)} × ${x.fmt.pct(l.counterfactual, 2)})`)],
    [L.above, (l) => esc(x.dec(l.aboveExpected))],
    [L.amount, (l) => money(l.amount)],
    [L.carryIn, (l) => money(l.carryIn)],
    [L.payable, (l) => money(l.payable)],
    [L.cappedAway, (l) => money(l.cappedAway)],
    [L.floorTopUp, (l) => money(l.floorTopUp)],
    [L.payment, (l) => `<strong>${money(l.payment)}</strong>`],
    [L.carryOut, (l) => money(l.carryOut)],
    [L.paidBefore, (l) => money(l.paidBefore)],
    [L.paidAfter, (l) => money(l.paidAfter)],
  ];
  const lines = table(['', ...names], rows.map(([label, f]) => [esc(label), ...m.lines.map(f)]));
  const totals = table(['', t.payment], [
    [esc(t.metricsSum), money(m.metricsSum)],
    [esc(t.capReduction), money(-m.capReduction)],
    [esc(t.floorTopUpTotal), money(m.floorTopUp)],
    [`<strong>${esc(t.municipalityTotal)}</strong>`, `<strong>${money(m.payment)}</strong>`],
    [esc(t.line.paidBefore), money(m.paidBefore)],
    [esc(t.line.paidAfter), money(m.paidAfter)],
  ]);
  const groups = m.lines[0]?.byGroup ?? [];
  const groupRows = groups.map((g, gi) => [esc(g.group) + (g.shared ? ` <span class="muted">(${esc(t.shared)})</span>` : ''), esc(x.fmt.int(g.citizens)), ...m.lines.map((l) => esc(x.fmt.int(l.byGroup[gi]?.achieved ?? 0)))]);
  const groupTable = groups.length ? table([t.group, t.citizens, ...names.map((n) => `${L.achieved}: ${n}`)], groupRows) : '';
  const digests = `<ul class="small">${m.lines.map((l, i) => `<li>${esc(names[i])}: ${esc(t.trace(l.itemsDigest))}</li>`).join('')}</ul>`;
  let diff = '';
  if (m.previousLines) {
    const prev = m.previousLines;
    diff = `<h3>${esc(t.diffTitle)}</h3>` + table([t.metric, t.citizens, L.achieved, t.previous, t.payment, t.difference], m.lines.map((l, i) => {
      const p = prev.find((q) => q.metric === l.metric);
      return [esc(names[i]), esc(`${p ? x.fmt.int(p.citizens) : '–'} → ${x.fmt.int(l.citizens)}`), esc(`${p ? x.fmt.int(p.achieved) : '–'} → ${x.fmt.int(l.achieved)}`), esc(p ? x.money2(p.payment) : '–'), money(l.payment), esc(p ? x.money2(Math.round((l.payment - p.payment) * 100) / 100) : '–')];
    }));
  }
  const head = `${m.id}${m.code ? ` (${m.code})` : ''}`;
  return `<section class="municipality"><h2>${esc(head)}</h2>
<p class="meta">${esc(`${t.citizens}: ${x.fmt.int(m.citizens)} · ${t.groups}: ${x.fmt.int(m.groups)}${m.sharedGroups ? ` (${x.fmt.int(m.sharedGroups)} ${t.shared})` : ''}`)}</p>
${lines}
${totals}
${diff}
<h3>${esc(t.groupsTitle)}</h3>
${groupTable}
${digests}
</section>`;
}

function investor(r: SettlementResult, x: RolloutText): string {
  const t = x.t;
  const a = r.investor;
  const facts = table(['', ''], [
    [esc(t.prefinanced), esc(`${x.money2(a.prefinanced)} (${x.fmt.int(a.citizens)} × ${x.money2(a.prefinancingPerCitizen)})`)],
    [esc(t.repaid), esc(x.money2(a.repaid))],
    [esc(t.returnToDate), esc(x.money2(a.returnToDate))],
    [esc(t.multiple), esc(a.multiple === null ? '–' : x.dec(a.multiple, 3))],
    [esc(t.irr), esc(a.irrAnnual === null ? t.notYet : x.fmt.pct(a.irrAnnual, 2))],
  ]);
  const flows = table([t.periodLabel, t.prefinancing, t.repayment, t.net, t.cumulative], a.flows.map((f) => [esc(f.period), esc(x.money2(f.prefinancing)), esc(x.money2(f.repayment)), esc(x.money2(f.net)), esc(x.money2(f.cumulative))]));
  return `${facts}<h3>${esc(t.flows)}</h3>${flows}`;
}

function businessCase(r: SettlementResult, x: RolloutText): string {
  const b = r.businessCase;
  if (!b) return '';
  const t = x.t;
  const rates = b.effectRates.map((e) => [esc(r.metrics.find((k) => k.id === e.metric)?.name[x.lang] ?? e.effect), esc(`${x.fmt.pct(e.rate, 2)}${e.source === 'scenario' ? ` (${t.scenarioRate})` : ''}`)]);
  return `<h2>${esc(t.businessTitle)}</h2>` + table(['', ''], [
    ...rates.map(([k, v]) => [`${esc(t.realisedRate)}: ${k}`, v]),
    [esc(t.costPerCitizen), esc(x.money2(b.costPerCitizen))],
    [esc(t.savingPerCitizen), esc(x.money2(b.savingPerCitizen))],
    [esc(t.netPerCitizen), esc(x.money2(b.netPerCitizen))],
    [esc(t.totalNet), esc(`${x.money2(b.totalNet)} (${x.fmt.int(b.citizens)} ${t.citizens.toLowerCase()})`)],
  ]) + `<p class="small">${esc(`${b.scenario}`)}</p>`;
}

export function settlementNoteHtml(r: SettlementResult, lang: Lang): string {
  const x = rolloutText(lang);
  const t = x.t;
  const c = r.contract;
  const header = `<p class="banner">${esc(t.confidential)}</p>${c.synthetic ? `<p class="banner synthetic">${esc(t.synthetic)}</p>` : ''}
<h1>${esc(`${t.noteTitle}: ${c.title[lang]}`)}</h1>
<p class="lead">${esc(t.noteFor(r.period.id, r.version))} · ${esc(`${x.fmt.date(r.period.from)} – ${x.fmt.date(r.period.to)}`)}${r.period.final ? ` · ${esc(t.finalPeriod)}` : ''}</p>
<p class="meta">${esc(t.issued(x.fmt.date(r.issuedDate)))} · ${esc(r.supersedes ? t.supersedes(r.supersedes.settlementId, x.fmt.date(r.supersedes.issuedDate)) : t.firstVersion)} · ${esc(`${t.contract} ${c.id}, ${c.file} (SHA-256 ${c.sha256.slice(0, 12)}…)`)}</p>
<p class="meta">${esc(`${t.parties}: ${t.fund} ${c.parties.fund}; ${t.partnership} ${c.parties.partnership}; ${t.agency} ${c.parties.agency}`)}</p>
<p>${esc(t.cohortRule)}</p>`;
  const body = [
    `<h2>${esc(t.summary)}</h2>${summary(r, x)}`,
    `<h2>${esc(t.causeTitle)}</h2>${cause(r, x)}`,
    `<h2>${esc(t.metricsTitle)}</h2>${metricsTable(r, x)}`,
    ...r.municipalities.map((m) => municipalitySection(r, m, x)),
    `<h2>${esc(t.investorTitle)}</h2>${investor(r, x)}`,
    businessCase(r, x),
    `<h2>${esc(t.inputsTitle)}</h2>` + table([t.file, 'SHA-256'], r.inputs.ingests.map((i) => [esc(i.file), `<span class="hash">${esc(i.sha256)}</span>`]), 2) + `<p class="small">${esc(t.trace(r.inputs.dataDigest))}</p>`,
    `<h2>${esc(t.methodTitle)}</h2><ul>${t.method.map((s) => `<li>${esc(s)}</li>`).join('')}</ul><p class="small">${esc(t.pages)}</p>`,
  ].join('\n');
  return rolloutPage({ lang, title: `${t.noteTitle} ${r.settlementId}`, generator: `${r.software.name} ${r.software.version}`, css: rolloutCss, footer: `${t.confidential} · ${r.settlementId}`, body: `${header}\n${body}` });
}
