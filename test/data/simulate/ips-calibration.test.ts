/**
 * The IPS twin reproduces the Danish IPS trial (Christensen et al., JAMA Psychiatry 2019;76(12):
 * 1232–1240, and the 30-month register follow-up) within sampling error:
 *   competitive employment or education within 18 months (week 78): IPS 59.9 %, IPSE 59.1 %, SAU 46.5 %
 *   … within 30 months (week 130): 65 %, 65 %, 53 %
 *   mean weeks in competitive work over the 30 months: 25, 21, 17
 * The outcomes are derived exactly as the spec declares them (src/data/derive), from the panel.
 * Two levels: the committed twin (720 participants) lies within 1.96 standard errors of every
 * figure, and the model itself (4,000 per arm, a fresh seed) within 3 of its smaller SE.
 */
import { describe, expect, it } from 'vitest';
import { simulateIpsTrial, type IpsTrial } from '../../../src/data/simulate/ips/simulate.ts';
import { ipsOptions, ipsStatuses } from '../../../src/data/simulate/ips/options.ts';
import { panelFromMatrix } from '../../../src/data/derive/panel.ts';
import { registerPanelSchema } from '../../../src/data/derive/schema.ts';
import { derivePanel } from '../../../src/data/derive/derive.ts';

const published = {
  IPS: { ever78: 0.599, ever130: 0.65, weeks: 25 },
  IPSE: { ever78: 0.591, ever130: 0.65, weeks: 21 },
  SAU: { ever78: 0.465, ever130: 0.53, weeks: 17 },
} as const;
type Arm = keyof typeof published;

const spec = registerPanelSchema.parse({
  columns: { week: 'week', status: 'status' },
  weeks: { first: 0, last: 130 },
  codes: [...ipsStatuses],
  groups: { work_or_education: ['employed', 'education'] },
  derive: [
    // Death or emigration ends the register panel; a participant who left never started work (ITT on registers).
    { id: 'engaged_78', kind: 'ever-in', from: 1, to: 78, codes: ['work_or_education'], unobserved: 'not-in' },
    { id: 'engaged_130', kind: 'ever-in', from: 1, to: 130, codes: ['work_or_education'], unobserved: 'not-in' },
    { id: 'weeks_worked', kind: 'weeks-in', from: 1, to: 130, codes: ['employed'], unobserved: 'not-in' },
  ],
});

function summarise(trial: IpsTrial) {
  const panel = panelFromMatrix(trial.participants.map((p) => p.id), spec.codes, 0, trial.participants.map((p) => p.statuses));
  const [e78, e130, weeks] = derivePanel(panel, spec).map((d) => d.result);
  const out: Record<string, { n: number; ever78: number; ever130: number; weeks: number; weeksSd: number }> = {};
  for (const arm of Object.keys(published)) {
    const idx = trial.participants.flatMap((p, i) => (p.arm === arm ? [i] : []));
    const mean = (f: (i: number) => number) => idx.reduce((a, i) => a + f(i), 0) / idx.length;
    if (e78.kind !== 'binary' || e130.kind !== 'binary' || weeks.kind !== 'count') throw new Error('kinds');
    const w = mean((i) => weeks.values[i]);
    out[arm] = { n: idx.length, ever78: mean((i) => e78.values[i]), ever130: mean((i) => e130.values[i]), weeks: w, weeksSd: Math.sqrt(idx.reduce((a, i) => a + (weeks.values[i] - w) ** 2, 0) / (idx.length - 1)) };
  }
  return out;
}

function zScores(s: ReturnType<typeof summarise>, arm: Arm) {
  const p = published[arm];
  const r = s[arm];
  const se = (q: number) => Math.sqrt((q * (1 - q)) / r.n);
  return { ever78: (r.ever78 - p.ever78) / se(p.ever78), ever130: (r.ever130 - p.ever130) / se(p.ever130), weeks: (r.weeks - p.weeks) / (r.weeksSd / Math.sqrt(r.n)) };
}

describe('the IPS twin is calibrated to the published trial', () => {
  const twin = summarise(simulateIpsTrial(ipsOptions()));

  it.each(Object.keys(published) as Arm[])('%s: the committed twin is within 1.96 SE of each published figure', (arm) => {
    const z = zScores(twin, arm);
    const r = twin[arm];
    console.log(`twin ${arm}: ${(100 * r.ever78).toFixed(1)} % by week 78, ${(100 * r.ever130).toFixed(1)} % by week 130, ${r.weeks.toFixed(1)} weeks worked (z ${z.ever78.toFixed(2)}, ${z.ever130.toFixed(2)}, ${z.weeks.toFixed(2)})`);
    for (const v of Object.values(z)) expect(Math.abs(v)).toBeLessThan(1.96);
  });

  it('the IPS arms gain over SAU as published: +13 pp by 18 months, +12 pp by 30 months, 8 and 4 more weeks worked', () => {
    expect(twin.IPS.ever78 - twin.SAU.ever78).toBeGreaterThan(0.05);
    expect(twin.IPSE.ever130 - twin.SAU.ever130).toBeGreaterThan(0.05);
    expect(twin.IPS.weeks - twin.SAU.weeks).toBeGreaterThan(3);
  });

  it('the model itself (4,000 per arm, another seed) is within 3 SE of every published figure', () => {
    const big = summarise(simulateIpsTrial(ipsOptions({ seed: 987_654, sites: [{ name: 'Site A', n: 12_000 }], armTotals: [4000, 4000, 4000] })));
    for (const arm of Object.keys(published) as Arm[]) {
      const z = zScores(big, arm);
      console.log(`model ${arm}: ${(100 * big[arm].ever78).toFixed(1)} %, ${(100 * big[arm].ever130).toFixed(1)} %, ${big[arm].weeks.toFixed(1)} weeks (z ${z.ever78.toFixed(2)}, ${z.ever130.toFixed(2)}, ${z.weeks.toFixed(2)})`);
      for (const v of Object.values(z)) expect(Math.abs(v)).toBeLessThan(3);
    }
  });
});
