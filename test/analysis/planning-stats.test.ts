/** planningStats on the bundled twin against test/reference/planning-stats.R (within-arm pooled, all randomised pairs). */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { loadTrial } from '../../src/instruments/load-trial.ts';
import { buildFrame } from '../../src/analysis/frame/build-frame.ts';
import { planningStats } from '../../src/analysis/describe/planning-stats.ts';
import { readFixture, repoRoot } from '../helpers/fixtures.ts';
import { expectLRE } from '../helpers/lre.ts';

interface Row { outcome: string; visit: string; pairs: Record<string, number>; sdBaseline: number; sdVisit: number; correlation: number; sdChange: number; meanChange: Record<string, number> }
const fx = readFixture<{ rows: Row[] }>('planning-stats.json');

describe('planning statistics (results.json ≥ 1.3.0 `planning`) against R', async () => {
  const trial = await loadTrial(join(repoRoot, 'data-samples/peer-trial.csv'), join(repoRoot, 'data-samples/peer-trial.spec.json'));
  const stats = planningStats(buildFrame(trial));
  it('has every scored outcome at both follow-up visits', () => expect(stats.length).toBe(fx.rows.length));
  it.each(fx.rows.map((r) => [`${r.outcome} at ${r.visit}`, r] as const))('%s', (_, r) => {
    const s = stats.find((x) => x.outcomeId === r.outcome && x.visit === r.visit);
    expect(s).toBeDefined();
    if (!s) return;
    expect(s.pairs).toEqual(r.pairs);
    for (const k of ['sdBaseline', 'sdVisit', 'correlation', 'sdChange'] as const) expectLRE(s[k], r[k], 10, k);
    for (const arm of Object.keys(r.meanChange)) expectLRE(s.meanChange[arm], r.meanChange[arm], 10, `mean change ${arm}`);
  });
});
