/**
 * Aalen–Johansen cumulative incidence against survival 3.5-3's survfit with a factor status
 * (mgus2: progression to PCM vs death, by sex): state probabilities, IJ standard errors and log
 * limits at every time, and the curves read at given times. LRE ≥ 10; counts exact.
 */
import { describe, expect, it } from 'vitest';
import { cumulativeIncidence, cumulativeIncidenceAt } from '../../../src/stats/survival/cumulative-incidence.ts';
import { expectLRE, lre } from '../../helpers/lre.ts';
import { fx, grouping } from './fixture.ts';

describe.each(fx.cif.map((c) => [c.name, c] as const))('Aalen–Johansen vs survfit: %s', (_n, c) => {
  it('state probabilities, SEs, limits, risk sets', () => {
    const d = fx.datasets[c.dataset];
    const idx = Array.from({ length: d.time.length }, (_, i) => i);
    const eventLabels = (d.statusLabels as string[]).slice(1);
    const fit = cumulativeIncidence({ time: d.time as number[], status: d.status as number[], eventLabels, group: grouping(c.dataset, c.group, idx) });
    expect(fit.curves.map((k) => k.label)).toEqual(c.curves.map((k) => k.label));
    let worst = 15;
    fit.curves.forEach((k, g) => {
      const r = c.curves[g];
      const m = r.time.length;
      expect(k.time).toEqual(r.time);
      expect(k.nRisk).toEqual(r.nRisk);
      expect(k.nCensor).toEqual(r.nCensor);
      // R's n.event / pstate / std.err are m × (1 + K) column-major, the initial state first.
      k.nEvent.forEach((col, j) => expect(col).toEqual(r.nEvent.slice((j + 1) * m, (j + 2) * m)));
      k.states.forEach((s, st) => {
        for (let i = 0; i < m; i++) {
          const at = st * m + i;
          worst = Math.min(worst, lre(s.p[i], r.pstate[at]), lre(s.stdErr[i], r.stdErr[at]));
          expectLRE(s.p[i], r.pstate[at], 10, `${s.state} p[${i}]`);
          expectLRE(s.stdErr[i], r.stdErr[at], 10, `${s.state} se[${i}]`);
          if (r.lower[at] === null) expect(s.lower[i]).toBeNull(); else expectLRE(s.lower[i]!, r.lower[at]!, 10, `${s.state} lower[${i}]`);
          if (r.upper[at] === null) expect(s.upper[i]).toBeNull(); else expectLRE(s.upper[i]!, r.upper[at]!, 10, `${s.state} upper[${i}]`);
        }
      });
      const at = cumulativeIncidenceAt(k, c.at);
      const na = c.at.length;
      expect(at.map((a) => a.nRisk)).toEqual(r.at.nRisk);
      at.forEach((a, i) => a.p.forEach((v, st) => {
        expectLRE(v, r.at.pstate[st * na + i], 10, `p at ${c.at[i]}`);
        expectLRE(a.stdErr[st], r.at.stdErr[st * na + i], 10, `se at ${c.at[i]}`);
      }));
    });
    console.log(`${c.name}: worst LRE ${worst.toFixed(1)}`);
  });
});
