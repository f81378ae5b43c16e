/**
 * Which distribution each model parameter follows in the PSA and the tornado: the scenario's
 * stated uncertainty for costs and savings; for an effect rate, its sampling distribution from
 * the trial (normal with the SE, or t with the df when the trial gives one — e.g. MI-pooled).
 */
import type { Scenario } from '../scenario/schema.ts';
import type { ParameterKey } from '../model/parameters.ts';
import type { ParameterDistribution } from './distributions.ts';

export function parameterDistribution(s: Scenario, key: ParameterKey): ParameterDistribution {
  if (key === 'costPerCitizen') return s.costUncertainty ?? { type: 'fixed' };
  if (key === 'discountRate') return { type: 'fixed' };
  if (key.startsWith('effect:')) {
    const e = s.effects.find((x) => x.id === key.slice(7));
    if (!e || e.se === undefined || e.se === 0) return { type: 'fixed' };
    return e.df ? { type: 'student-t', mean: e.rate, sd: e.se, df: e.df } : { type: 'normal', mean: e.rate, sd: e.se };
  }
  const g = s.targetGroups.find((x) => x.id === key.slice(7));
  return g?.savingUncertainty ?? { type: 'fixed' };
}

export function parameterLabel(s: Scenario, key: ParameterKey): { da: string; en: string } {
  if (key === 'costPerCitizen') return { da: 'Pris pr. borger', en: 'Cost per citizen' };
  if (key === 'discountRate') return { da: 'Diskonteringsrente', en: 'Discount rate' };
  if (key.startsWith('effect:')) {
    const e = s.effects.find((x) => x.id === key.slice(7));
    return { da: `Nettoeffekt: ${e?.name.da ?? key}`, en: `Net effect rate: ${e?.name.en ?? key}` };
  }
  const g = s.targetGroups.find((x) => x.id === key.slice(7));
  return { da: `Besparelse pr. succes: ${g?.name.da ?? key}`, en: `Saving per success: ${g?.name.en ?? key}` };
}
