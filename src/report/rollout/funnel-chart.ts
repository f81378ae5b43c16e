/**
 * The funnel plot of one payment metric (Vega-Lite): each municipality's share achieving it to
 * date against the number who started, the trial's intervention-arm share as the target line,
 * its 95 % (dashed) and 99.8 % (solid) binomial control limits, and the counterfactual the
 * settlement pays above (dotted). Points whose count is suppressed are not drawn (the caption
 * says how many). Aggregates only; aria off (the page's figure carries the description).
 */
import type { TopLevelSpec } from 'vega-lite';
import type { Lang } from '../../analysis/results/types.ts';
import { chartConfig, colours, VL_SCHEMA } from '../charts/theme.ts';
import { r6, vl } from '../charts/spec.ts';
import type { PublicStatus } from './status-public.ts';

type Funnel = PublicStatus['funnel'][number];

const words = {
  da: { x: 'Borgere, der er startet (til dato)', y: 'Andel, der opnår betalingsmålet', target: 'Forsøgets PEER-arm', cf: 'Forventet uden forløbet', l95: '95 %-grænser', l998: '99,8 %-grænser' },
  en: { x: 'Citizens who started (to date)', y: 'Share achieving the payment metric', target: "The trial's PEER arm", cf: 'Expected without the course', l95: '95% limits', l998: '99.8% limits' },
};

export function funnelChart(f: Funnel, title: string, lang: Lang, highlight?: string): TopLevelSpec {
  const w = words[lang];
  const points = f.points.filter((p) => p.share !== null && typeof p.n === 'number').map((p) => ({ municipality: p.municipality, n: p.n as number, share: r6(p.share!), outside: p.position !== 'inside', own: p.municipality === highlight }));
  const limits = f.limits.map((l) => ({ n: l.n, lower95: r6(l.lower95), upper95: r6(l.upper95), lower998: r6(l.lower998), upper998: r6(l.upper998) }));
  const x = { field: 'n', type: 'quantitative', title: w.x, scale: { zero: false } };
  const y = { type: 'quantitative', title: w.y, axis: { format: '.0%' }, scale: { domain: [0, 1] } };
  const line = (field: string, dash: number[] | null) => ({
    data: { values: limits },
    mark: { type: 'line', color: colours.neutral, strokeWidth: 1.2, ...(dash ? { strokeDash: dash } : {}) },
    encoding: { x, y: { field, ...y } },
  });
  return vl({
    $schema: VL_SCHEMA,
    title: { text: title, subtitle: `${w.target} ${(f.target * 100).toFixed(1)} % · ${w.l95} (- -) · ${w.l998} (—) · ${w.cf} (···)` },
    config: { ...chartConfig(lang), aria: false },
    width: 520,
    height: 300,
    layer: [
      line('lower998', null), line('upper998', null), line('lower95', [5, 4]), line('upper95', [5, 4]),
      { data: { values: [{ y: r6(f.target) }] }, mark: { type: 'rule', color: colours.intervention, strokeWidth: 1.5 }, encoding: { y: { field: 'y', ...y } } },
      { data: { values: [{ y: r6(f.counterfactual) }] }, mark: { type: 'rule', color: colours.control, strokeDash: [2, 3] }, encoding: { y: { field: 'y', ...y } } },
      { data: { values: points }, mark: { type: 'point', filled: true, color: colours.ink }, encoding: { x, y: { field: 'share', ...y }, size: { field: 'own', type: 'nominal', legend: null, scale: { domain: [false, true], range: [45, 160] } }, color: { field: 'outside', type: 'nominal', legend: null, scale: { domain: [false, true], range: [colours.ink, colours.negative] } } } },
      { data: { values: points }, mark: { type: 'text', align: 'left', dx: 6, dy: -4, fontSize: 9, color: '#444444' }, encoding: { x, y: { field: 'share', ...y }, text: { field: 'municipality', type: 'nominal' } } },
    ],
  });
}
