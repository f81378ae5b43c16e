/**
 * The four economics charts, read from economics.json (`effekt economics`): cumulative net
 * cash flow by payer, saving per citizen by administration, the PSA distribution (already
 * binned by the economics layer — no draw reaches the report) and the tornado.
 */
import type { ChartBuilder } from './types.ts';
import { base, colours, CHART_WIDTH } from './theme.ts';
import { r6, vl } from './spec.ts';
import { economicsChartData } from './economics-data.ts';

const MONEY = '$,.0f';
const MILLIONS = ',.1f';
const mio = (x: number) => r6(x / 1e6);

export const cashFlowChart: ChartBuilder = (ctx) => {
  const e = ctx.economics;
  if (!e) return null;
  const { t } = ctx;
  const payer = { municipality: t.msg.payerMunicipality, investor: t.msg.payerInvestor };
  const data = economicsChartData(e).cumulative.map((p) => ({ payer: payer[p.payer], year: p.year, value: mio(p.value) }));
  const colour = { field: 'payer', type: 'nominal', title: null, scale: { domain: [t.msg.payerMunicipality, t.msg.payerInvestor], range: [colours.intervention, colours.neutral] } };
  return {
    id: 'economics-cash-flow',
    title: t.msg.cashFlowTitle,
    spec: vl({
      ...base(ctx, t.msg.cashFlowTitle),
      width: CHART_WIDTH - 80,
      height: 240,
      data: { values: data },
      layer: [
        { mark: { type: 'rule', color: colours.reference }, encoding: { y: { datum: 0, type: 'quantitative' } } },
        {
          mark: { type: 'line', point: { filled: true, size: 50 }, strokeWidth: 2.2 },
          encoding: {
            x: { field: 'year', type: 'ordinal', title: t.msg.year, axis: { labelAngle: 0 } },
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
  const data = economicsChartData(e).savings.map((s, order) => ({ order, administration: t.msg.administrations[s.administration], value: r6(s.perCitizen), label: t.fmt.money(s.perCitizen) }));
  const x = { type: 'quantitative', title: t.msg.savingsAxis, axis: { format: MONEY } };
  return {
    id: 'economics-savings',
    title: t.msg.savingsTitle,
    spec: vl({
      ...base(ctx, t.msg.savingsTitle, `${t.msg.moneySaving(t.fmt.money(e.businessCase.savingPerCitizen))}`),
      width: CHART_WIDTH - 200,
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
  const subtitle = t.msg.psaSubtitle(t.fmt.pct(d.probabilityNetSaving, 1), t.fmt.int(d.draws));
  const colour = { field: 'side', type: 'nominal', title: null, scale: { domain: [t.msg.psaLoss, t.msg.psaSaving], range: [colours.negative, colours.positive] } };
  return {
    id: 'economics-psa',
    title: t.msg.psaTitle,
    spec: vl({
      ...base(ctx, t.msg.psaTitle, subtitle),
      width: CHART_WIDTH - 80,
      height: 220,
      data: { values: data },
      layer: [
        {
          mark: { type: 'rect', stroke: '#ffffff', strokeWidth: 0.5 },
          encoding: {
            x: { field: 'lo', type: 'quantitative', title: t.msg.psaAxisX, axis: { format: MILLIONS }, scale: { zero: false } },
            x2: { field: 'hi' },
            y: { field: 'count', type: 'quantitative', title: t.msg.psaAxisY },
            y2: { datum: 0 },
            color: colour,
          },
        },
        { mark: { type: 'rule', color: colours.ink, strokeDash: [4, 3] }, encoding: { x: { datum: 0, type: 'quantitative' } } },
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
  const baseNet = d.tornadoBase;
  const rows = d.tornado.slice(0, 10);
  const data = rows.flatMap((r, order) => [
    { order, parameter: r.label[t.lang], end: t.msg.tornadoLow, from: mio(baseNet), to: mio(r.totalNetLow) },
    { order, parameter: r.label[t.lang], end: t.msg.tornadoHigh, from: mio(baseNet), to: mio(r.totalNetHigh) },
  ]);
  const x = { type: 'quantitative', title: t.msg.tornadoAxis, axis: { format: MILLIONS }, scale: { zero: false } };
  const y = { field: 'parameter', type: 'nominal', title: null, sort: { field: 'order' }, axis: { labelLimit: 400 } };
  const colour = { field: 'end', type: 'nominal', title: null, scale: { domain: [t.msg.tornadoLow, t.msg.tornadoHigh], range: ['#9fb9cc', colours.intervention] } };
  return {
    id: 'economics-tornado',
    title: t.msg.tornadoTitle,
    spec: vl({
      ...base(ctx, t.msg.tornadoTitle, t.msg.tornadoBase(t.fmt.money(baseNet))),
      width: CHART_WIDTH - 260,
      height: { step: 26 },
      data: { values: data },
      layer: [
        { mark: { type: 'bar', height: 16 }, encoding: { y, x: { field: 'from', ...x }, x2: { field: 'to' }, color: colour } },
        { mark: { type: 'rule', color: colours.ink }, encoding: { x: { datum: mio(baseNet), ...x } } },
      ],
    }),
  };
};
