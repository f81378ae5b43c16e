/**
 * The economics charts, read from economics.json (`effekt economics`): cumulative net cash flow
 * by payer, saving per citizen by administration, the PSA distribution (already binned by the
 * economics layer — no draw reaches the report) and the tornado. The break-even plot is in
 * break-even.ts. Each chart's text alternative states what it shows with its numbers.
 */
import type { ChartBuilder } from './types.ts';
import { base, chartWidth, colours } from './theme.ts';
import { r6, vl } from './spec.ts';
import { economicsChartData } from './economics-data.ts';
import { effectRateHidden, healthFlag, lastYear, municipalNetAt, tornadoValue } from './economics-facts.ts';
import { MULTILINE_LABELS, wrap } from './marks.ts';

const MONEY = '$,.0f';
const MILLIONS = ',.1f';
const mio = (x: number) => r6(x / 1e6);

export const cashFlowChart: ChartBuilder = (ctx) => {
  const e = ctx.economics;
  if (!e) return null;
  const { t } = ctx;
  const payer = { municipality: t.msg.payerMunicipality, investor: t.msg.payerInvestor };
  const points = economicsChartData(e).cumulative;
  const data = points.map((p) => ({ payer: payer[p.payer], year: p.year, value: mio(p.value) }));
  const colour = { field: 'payer', type: 'nominal', title: null, scale: { domain: [t.msg.payerMunicipality, t.msg.payerInvestor], range: [colours.intervention, colours.neutral] } };
  const years = e.scenario.programme.years;
  const last = lastYear(ctx);
  const investorEnd = points.filter((p) => p.payer === 'investor').at(-1)?.value ?? 0;
  const alt = t.msg.cashFlowAlt(t.fmt.millions(municipalNetAt(ctx, 1) ?? 0), String(years), t.fmt.millions(municipalNetAt(ctx, years) ?? 0), String(last), t.fmt.millions(municipalNetAt(ctx, last) ?? 0), t.fmt.millions(investorEnd));
  const subtitle = t.msg.cashFlowSubtitle(String(years), String(e.scenario.horizonYears), t.fmt.pct(e.scenario.discountRate, 1));
  return {
    id: 'economics-cash-flow',
    title: t.msg.cashFlowTitle,
    alt,
    spec: vl({
      ...base(ctx, t.msg.cashFlowTitle, subtitle),
      width: chartWidth(ctx) - 110,
      height: ctx.layout === 'narrow' ? 200 : 240,
      data: { values: data },
      layer: [
        // The programme years (courses run) shaded, so "after 3 years" and "by year 7" can be told apart.
        { data: { values: [{ from: 0.5, to: years + 0.5 }] }, mark: { type: 'rect', color: '#f1f1f1' }, encoding: { x: { field: 'from', type: 'quantitative', scale: { domain: [0.5, last + 0.5], nice: false } }, x2: { field: 'to' } } },
        { mark: { type: 'rule', color: colours.reference }, encoding: { y: { datum: 0, type: 'quantitative' } } },
        {
          mark: { type: 'line', point: { filled: true, size: 50 }, strokeWidth: 2.2 },
          encoding: {
            x: { field: 'year', type: 'quantitative', title: t.msg.year, scale: { domain: [0.5, last + 0.5], nice: false }, axis: { values: Array.from({ length: last }, (_, i) => i + 1), format: 'd', grid: false } },
            y: { field: 'value', type: 'quantitative', title: t.msg.cashFlowAxisY, axis: { format: MILLIONS } },
            color: colour,
          },
        },
      ],
    }),
  };
};

export const savingsChart: ChartBuilder = (ctx) => {
  const e = ctx.economics;
  if (!e) return null;
  const { t } = ctx;
  const flag = healthFlag(ctx);
  const savings = economicsChartData(e).savings;
  const data = savings.map((s, order) => ({ order, administration: `${t.msg.administrations[s.administration]}${flag && s.administration === 'health' ? ' *' : ''}`, value: r6(s.perCitizen), label: t.fmt.money(s.perCitizen) }));
  const x = { type: 'quantitative', title: t.msg.savingsAxis, axis: { format: MONEY, tickCount: ctx.layout === 'narrow' ? 3 : 5 } };
  const subtitle = [t.msg.moneySaving(t.fmt.money(e.businessCase.savingPerCitizen), String(e.scenario.horizonYears)), t.msg.savingsSource];
  if (flag) subtitle.push(t.msg.healthFlagShort(t.msg.listWords([...new Set(flag.rows.map((r) => t.loc(r.name)))])));
  const alt = t.msg.savingsAlt(savings.map((s) => `${t.msg.administrations[s.administration]} ${t.fmt.money(s.perCitizen)}`).join(', '), t.fmt.money(e.businessCase.savingPerCitizen), flag !== null);
  return {
    id: 'economics-savings',
    title: t.msg.savingsTitle,
    alt,
    spec: vl({
      ...base(ctx, t.msg.savingsTitle, subtitle),
      width: chartWidth(ctx) - (ctx.layout === 'narrow' ? 215 : 300),
      height: { step: 34 },
      data: { values: data },
      encoding: { y: { field: 'administration', type: 'nominal', title: null, sort: { field: 'order' } } },
      layer: [
        { mark: { type: 'bar', color: colours.intervention, height: 20 }, encoding: { x: { field: 'value', ...x } } },
        { mark: { type: 'text', align: 'left', dx: 6, fontSize: 11 }, encoding: { x: { field: 'value', ...x }, text: { field: 'label', type: 'nominal' } } },
      ],
    }),
  };
};

export const psaChart: ChartBuilder = (ctx) => {
  const e = ctx.economics;
  if (!e) return null;
  const { t } = ctx;
  const d = economicsChartData(e);
  const data = d.bins.map((b) => ({ lo: mio(b.lower), hi: mio(b.upper), count: b.count, side: (b.lower + b.upper) / 2 < 0 ? t.msg.psaLoss : t.msg.psaSaving }));
  const range = e.psa.totalNet;
  const subtitle = [t.msg.psaSubtitle(t.fmt.pct(d.probabilityNetSaving, 1), t.fmt.int(d.draws)), t.msg.psaRange(t.fmt.millions(range.lower), t.fmt.millions(range.upper))];
  const colour = { field: 'side', type: 'nominal', title: null, scale: { domain: [t.msg.psaLoss, t.msg.psaSaving], range: [colours.negative, colours.positive] } };
  const x = { type: 'quantitative', title: t.msg.psaAxisX, axis: { format: MILLIONS }, scale: { zero: false } };
  const alt = t.msg.psaAlt(t.fmt.int(d.draws), t.fmt.pct(d.probabilityNetSaving, 1), t.fmt.millions(range.median), t.fmt.millions(range.lower), t.fmt.millions(range.upper));
  return {
    id: 'economics-psa',
    title: t.msg.psaTitle,
    alt,
    spec: vl({
      ...base(ctx, t.msg.psaTitle, subtitle),
      width: chartWidth(ctx) - 110,
      height: ctx.layout === 'narrow' ? 180 : 220,
      layer: [
        { data: { values: data }, mark: { type: 'rect', stroke: '#ffffff', strokeWidth: 0.5 }, encoding: { x: { field: 'lo', ...x }, x2: { field: 'hi' }, y: { field: 'count', type: 'quantitative', title: t.msg.psaAxisY }, y2: { datum: 0 }, color: colour } },
        { mark: { type: 'rule', color: colours.ink, strokeDash: [4, 3] }, encoding: { x: { datum: 0, ...x } } },
        // The 95 % range of the total net result.
        { data: { values: [{ at: mio(range.lower) }, { at: mio(range.upper) }] }, mark: { type: 'rule', color: colours.neutral, strokeDash: [2, 2] }, encoding: { x: { field: 'at', ...x } } },
      ],
    }),
  };
};

export const tornadoChart: ChartBuilder = (ctx) => {
  const e = ctx.economics;
  if (!e) return null;
  const d = economicsChartData(e);
  if (d.tornado.length === 0) return null;
  const { t } = ctx;
  const narrow = ctx.layout === 'narrow';
  const baseNet = d.tornadoBase;
  const rows = d.tornado.slice(0, 10);
  // Each row names the inputs it swings between, in their own units ("7,7 % – 31,6 %").
  const label = (r: (typeof rows)[number]) => {
    const linked = r.parameter.startsWith('effect:') ? e.link?.linked.find((l) => `effect:${l.effect}` === r.parameter) : undefined;
    // A trial rate's interval from a suppressed responder result is not printed.
    const range = linked && effectRateHidden(ctx, linked.metric) ? '' : ` (${tornadoValue(ctx, r.parameter, r.low)} – ${tornadoValue(ctx, r.parameter, r.high)})`;
    return wrap(`${r.label[t.lang]}${range}`, narrow ? 24 : 44);
  };
  const data = rows.flatMap((r, order) => [
    { order, parameter: label(r), end: t.msg.tornadoLow, from: mio(baseNet), to: mio(r.totalNetLow) },
    { order, parameter: label(r), end: t.msg.tornadoHigh, from: mio(baseNet), to: mio(r.totalNetHigh) },
  ]);
  // A phone's plot is about 120 px wide: ticks 5 apart (tickCount 2), or their labels run into each other.
  const x = { type: 'quantitative', title: t.msg.tornadoAxis, axis: { format: MILLIONS, ...(narrow ? { tickCount: 2 } : {}) }, scale: { zero: false } };
  const y = { field: 'parameter', type: 'nominal', title: null, sort: { field: 'order' }, axis: { labelExpr: MULTILINE_LABELS, labelLimit: narrow ? 170 : 400 } };
  const colour = { field: 'end', type: 'nominal', title: null, scale: { domain: [t.msg.tornadoLow, t.msg.tornadoHigh], range: ['#9fb9cc', colours.intervention] } };
  const top = rows[0];
  const alt = t.msg.tornadoAlt(t.fmt.millions(baseNet), label(top).replace(/\n/g, ' '), t.fmt.millions(top.totalNetLow), t.fmt.millions(top.totalNetHigh));
  return {
    id: 'economics-tornado',
    title: t.msg.tornadoTitle,
    alt,
    spec: vl({
      ...base(ctx, t.msg.tornadoTitle, t.msg.tornadoBase(t.fmt.money(baseNet))),
      width: narrow ? chartWidth(ctx) - 200 : chartWidth(ctx) - 420,
      // Room for each row's wrapped label.
      height: { step: Math.max(26, 6 + 13 * Math.max(...data.map((d) => d.parameter.split('\n').length))) },
      data: { values: data },
      layer: [
        { mark: { type: 'bar', height: 16 }, encoding: { y, x: { field: 'from', ...x }, x2: { field: 'to' }, color: colour } },
        { mark: { type: 'rule', color: colours.ink }, encoding: { x: { datum: mio(baseNet), ...x } } },
      ],
    }),
  };
};
