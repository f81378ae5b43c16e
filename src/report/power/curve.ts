/**
 * The power curve of a plan: power against the participants recruited per arm, for the
 * planned effect and for an effect a quarter smaller and a quarter larger (differences scaled,
 * ratios scaled on the log scale), with the plan's own point marked. Recomputed with the same
 * planPower, so the curve and the numbers in the note cannot disagree.
 */
import { planPower } from '../../stats/power/plan.ts';
import type { PowerInput, PowerResult } from '../../stats/power/types.ts';
import type { Lang } from '../../analysis/results/types.ts';
import { chartConfig, colours, CHART_WIDTH, VL_SCHEMA } from '../charts/theme.ts';
import { r6, vl } from '../charts/spec.ts';
import type { TopLevelSpec } from 'vega-lite';
import { createFormatter } from '../i18n/format.ts';

export interface CurvePoint {
  readonly n: number;
  readonly power: number;
  /** 0.75, 1 or 1.25: the share of the planned effect. */
  readonly scale: number;
  readonly effect: number;
}

export interface PowerCurve {
  readonly points: readonly CurvePoint[];
  /** The plan's own point: recruited control-arm (or cohort) n and its power. */
  readonly plan: { readonly n: number; readonly power: number };
  readonly metric: PowerResult['effect']['metric'];
  readonly effects: ReadonlyArray<{ readonly scale: number; readonly effect: number }>;
}

const SCALES = [0.75, 1, 1.25] as const;

/** The effect `scale` × the planned one, as input for planPower. */
function scaledEffect(r: PowerResult, scale: number): { input: Partial<PowerInput>; effect: number } {
  const e = r.effect;
  const clear = { effectSize: null, delta: null, interventionRate: null };
  switch (e.metric) {
    case 'd':
      return { input: { ...clear, effectSize: (e.d as number) * scale }, effect: (e.d as number) * scale };
    case 'intervention-rate': {
      const p = (e.controlRate as number) + ((e.interventionRate as number) - (e.controlRate as number)) * scale;
      return { input: { ...clear, interventionRate: Math.min(1 - 1e-9, Math.max(1e-9, p)) }, effect: p };
    }
    default: {
      let t = e.value ** scale;
      if (e.metric === 'risk-ratio' && (e.controlRate as number) * t >= 1) t = (1 - 1e-9) / (e.controlRate as number);
      return { input: { ...clear, effectSize: t }, effect: t };
    }
  }
}

export function powerCurve(input: PowerInput, r: PowerResult): PowerCurve {
  const first = r.design === 'single-arm' ? 'cohort' : 'control';
  const planN = r.sampleSize.recruit[first];
  const inflation = r.adjustments.inflation[first];
  // Smallest n with at least 3 analysable in the smaller arm (t tests need 2), largest twice the plan.
  const minShare = r.design === 'single-arm' ? 1 : Math.min(1, r.ratio * (r.adjustments.inflation.control ?? 1) / (r.adjustments.inflation.intervention ?? 1));
  const lo = Math.max(2, Math.ceil((3 * inflation) / minShare));
  const hi = Math.max(lo + 10, Math.ceil(planN * 2));
  const steps = 48;
  const ns = [...new Set(Array.from({ length: steps + 1 }, (_, k) => Math.round(lo + ((hi - lo) * k) / steps)))];
  const points: CurvePoint[] = [];
  const effects: Array<{ scale: number; effect: number }> = [];
  for (const scale of SCALES) {
    const s = scaledEffect(r, scale);
    effects.push({ scale, effect: s.effect });
    for (const n of ns) {
      const p = planPower({ ...input, ...s.input, n, power: null });
      points.push({ n, power: p.power, scale, effect: s.effect });
    }
  }
  return { points, plan: { n: planN, power: r.power }, metric: r.effect.metric, effects };
}

function effectLabel(metric: PowerCurve['metric'], effect: number, lang: Lang): string {
  const f = createFormatter(lang);
  switch (metric) {
    case 'd':
      return `d = ${f.num(effect, 2)}`;
    case 'intervention-rate':
      return lang === 'da' ? `${f.pct(effect, 1)} i indsatsgruppen` : `${f.pct(effect, 1)} with the intervention`;
    case 'risk-ratio':
      return lang === 'da' ? `RR = ${f.num(effect, 2)}` : `RR = ${f.num(effect, 2)}`;
    case 'rate-ratio':
      return lang === 'da' ? `rate-ratio ${f.num(effect, 2)}` : `rate ratio ${f.num(effect, 2)}`;
    case 'hazard-ratio':
      return `HR = ${f.num(effect, 2)}`;
  }
}

export function powerCurveSpec(c: PowerCurve, lang: Lang, single: boolean): TopLevelSpec {
  const da = lang === 'da';
  const title = da ? 'Styrke efter antal deltagere' : 'Power by number of participants';
  const subtitle = da ? 'Tre effektstørrelser: den planlagte, en fjerdedel mindre og en fjerdedel større' : 'Three effect sizes: as planned, a quarter smaller and a quarter larger';
  const xTitle = single ? (da ? 'Deltagere der rekrutteres' : 'Participants recruited') : da ? 'Deltagere der rekrutteres pr. arm (kontrol)' : 'Participants recruited per arm (control)';
  const label = (e: number, s: number) => `${effectLabel(c.metric, e, lang)}${s === 1 ? (da ? ' (planlagt)' : ' (planned)') : ''}`;
  const domain = c.effects.map((e) => label(e.effect, e.scale));
  const data = c.points.map((p) => ({ n: p.n, power: r6(p.power), effect: label(p.effect, p.scale), order: p.scale }));
  return vl({
    $schema: VL_SCHEMA,
    title: { text: title, subtitle },
    // aria off as in the report's charts: the note's figure carries the localised description.
    config: { ...chartConfig(lang), aria: false, legend: { ...(chartConfig(lang).legend as Record<string, unknown>), labelLimit: 360 } },
    width: CHART_WIDTH - 80,
    height: 260,
    layer: [
      {
        data: { values: data },
        // No clip: vega numbers clip paths with a process-wide counter, which would make the SVG differ between runs.
        mark: { type: 'line', strokeWidth: 2.2 },
        encoding: {
          x: { field: 'n', type: 'quantitative', title: xTitle, scale: { zero: false } },
          y: { field: 'power', type: 'quantitative', title: da ? 'Styrke' : 'Power', scale: { domain: [0, 1] }, axis: { format: '.0%' } },
          color: { field: 'effect', type: 'nominal', title: null, sort: domain, scale: { domain, range: [colours.control, colours.intervention, colours.neutral] } },
          strokeDash: { field: 'order', type: 'ordinal', legend: null, scale: { domain: [0.75, 1, 1.25], range: [[4, 3], [1, 0], [2, 2]] } },
        },
      },
      { data: { values: [{ power: r6(c.plan.power) }] }, mark: { type: 'rule', color: colours.reference, strokeDash: [3, 3] }, encoding: { y: { field: 'power', type: 'quantitative' } } },
      { data: { values: [{ n: c.plan.n, power: r6(c.plan.power) }] }, mark: { type: 'point', filled: true, size: 80, color: colours.ink }, encoding: { x: { field: 'n', type: 'quantitative' }, y: { field: 'power', type: 'quantitative' } } },
    ],
  });
}
