/**
 * What results.json repeats from the spec so that its readers (the report above all) need no
 * spec: the trial block (design, registration, synthetic data …), the spec's own names for
 * visits, characteristics, levels and outcome units, the analysis populations with their rules, and each scored
 * outcome's instrument (name, score range, minimal important differences). Echoed,
 * never interpreted here.
 */
import type { TrialSpecParsed } from '../../data/spec/schema.ts';
import { unitInBothLanguages } from '../../data/spec/outcome-schema.ts';
import type { AnalysisFrame } from '../frame/frame.ts';
import type { ResolvedInstrument } from '../../instruments/resolve.ts';
import type { Localised, OutcomeScale, PopulationInfo, ResultLabels, TrialInfo } from './types.ts';

export function echoTrial(spec: TrialSpecParsed): TrialInfo {
  return spec.trial;
}

export function echoLabels(spec: TrialSpecParsed, frame: AnalysisFrame): ResultLabels {
  // Keyed by column names and levels from the spec: no prototype, so "constructor" is a name like any other.
  const variables: Record<string, Localised> = Object.create(null);
  for (const c of [...frame.covariates, ...frame.strata]) if (!Object.hasOwn(variables, c.column)) variables[c.column] = c.label;
  const levels: Record<string, Record<string, Localised>> = Object.create(null);
  for (const c of spec.covariates) if (c.levelLabels && Object.keys(c.levelLabels).length > 0) levels[c.column] = { ...c.levelLabels };
  const causes = echoCauses(spec);
  return { visits: Object.fromEntries(spec.visits.map((v) => [v.id, v.name])), variables, levels, missingReasons: Object.fromEntries(spec.missingReasons.map((m) => [m.code, m.name])), units: echoUnits(spec), ...(causes ? { causes } : {}) };
}

/** Each time-to-event outcome's names of its event levels (spec event.labels); null when no outcome names any, so results.json stays as it was. */
function echoCauses(spec: TrialSpecParsed): Record<string, Record<string, Localised>> | null {
  const out: Record<string, Record<string, Localised>> = Object.create(null);
  for (const o of spec.outcomes) {
    if (o.kind !== 'time-to-event' || !o.event.labels || Object.keys(o.event.labels).length === 0) continue;
    out[o.id] = Object.assign(Object.create(null), o.event.labels);
  }
  return Object.keys(out).length > 0 ? out : null;
}

/** Each outcome's declared unit in both languages (one string in the spec is the same in both). */
function echoUnits(spec: TrialSpecParsed): Record<string, Localised> {
  const out: Record<string, Localised> = Object.create(null);
  for (const o of spec.outcomes) {
    const unit = unitInBothLanguages(o.unit);
    if (unit) out[o.id] = unit;
  }
  return out;
}

export function echoPopulations(spec: TrialSpecParsed): PopulationInfo[] {
  const of = spec.columns.adherence?.max ?? null;
  return spec.populations.map((p) => ({ id: p.id, name: p.name, rule: p.rule.type === 'all' ? { type: 'all' } : { type: 'adherence', min: p.rule.min, of } }));
}

/** Each scored outcome's instrument: its name, the score range of the version used and its minimal important differences. */
export function echoScales(spec: TrialSpecParsed, instruments: readonly ResolvedInstrument[]): Record<string, OutcomeScale> {
  const out: Record<string, OutcomeScale> = Object.create(null);
  for (const o of spec.outcomes) {
    const ins = o.kind === 'score' ? instruments.find((i) => i.id === o.instrument) : undefined;
    if (!ins) continue;
    const d = ins.definition;
    out[o.id] = { instrument: ins.key, name: d.name, range: [d.totalRange[0], d.totalRange[1]], higherIsBetter: d.higherIsBetter, mcid: d.mcid ? { ...d.mcid } : null };
  }
  return out;
}
