/** Builds the chart context once from results (+ economics) and a language. */
import type { AnalysisResults, Lang, OutcomeResult } from '../../analysis/results/types.ts';
import type { EconomicsResult } from '../../economics/run.ts';
import { i18n } from '../i18n/index.ts';
import { armColour } from './theme.ts';
import type { ArmInfo, ChartContext } from './types.ts';

function arm(results: AnalysisResults, role: 'control' | 'intervention', lang: Lang): ArmInfo {
  const a = results.arms.find((x) => x.role === role);
  if (!a) throw new Error(`results.json has no ${role} arm`);
  return { label: a.label, name: a.name[lang], role, colour: armColour(role) };
}

export function mainRows(results: AnalysisResults): OutcomeResult[] {
  return results.outcomes.filter((o) => o.isPrimaryEstimator);
}

export function chartContext(results: AnalysisResults, economics: EconomicsResult | null, lang: Lang): ChartContext {
  const rows = mainRows(results);
  return {
    results,
    economics,
    t: i18n(lang),
    control: arm(results, 'control', lang),
    intervention: arm(results, 'intervention', lang),
    primary: rows.find((o) => o.role === 'primary') ?? rows[0] ?? null,
    mainRows: rows,
  };
}

/** Every estimator row of one outcome at one visit, in results order. */
export function rowsAt(results: AnalysisResults, outcomeId: string, visit: string): OutcomeResult[] {
  return results.outcomes.filter((o) => o.id === outcomeId && o.visit === visit);
}

/** Outcome name with "(lower is better)" where a higher score is worse. */
export function outcomeLabel(ctx: ChartContext, o: Pick<OutcomeResult, 'name' | 'higherIsBetter'>): string {
  const name = ctx.t.loc(o.name);
  const cap = name.charAt(0).toUpperCase() + name.slice(1);
  return o.higherIsBetter ? cap : `${cap} (${ctx.t.msg.higherIsWorseNote})`;
}
