/**
 * Loads and checks a scenario: schema first (zod), then the rules a schema cannot state —
 * target-group shares sum to 1, the horizon is not shorter than the course, every rate-card
 * entry prices a known effect, each administration is driven by at most one effect, every PSA
 * distribution can be sampled.
 */
import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import { scenarioSchema, administrationIds, type Scenario } from './schema.ts';
import { EconomicsInputError, type ScenarioProblem } from './errors.ts';
import { checkDistribution } from '../psa/distributions.ts';
import { parseJsonText } from '../../data/io/json-text.ts';

const SHARE_TOLERANCE = 1e-9;

/** zod's issues as problems naming the file, the JSON path, the offending value and the schema to follow. */
export function zodProblems(file: string, issues: readonly z.core.$ZodIssue[], input: unknown, schemaFile = 'schemas/economics-scenario.schema.json'): ScenarioProblem[] {
  return issues.map((i) => {
    const path = i.path.map(String).join('.');
    let value: unknown = input;
    for (const k of i.path) value = value !== null && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[k as PropertyKey] : undefined;
    return { file, path, value, message: i.message, fix: `correct the value to match the scenario schema (${schemaFile})` };
  });
}

export function checkScenario(s: Scenario, file: string): ScenarioProblem[] {
  const problems: ScenarioProblem[] = [];
  const shareSum = s.targetGroups.reduce((a, g) => a + g.share, 0);
  if (Math.abs(shareSum - 1) > SHARE_TOLERANCE) {
    problems.push({ file, path: 'targetGroups[].share', value: shareSum, message: `target-group shares sum to ${shareSum}, not 1`, fix: 'make the shares add up to 1 (include a group with no saving for the rest)' });
  }
  if (s.horizonYears < s.programme.years) {
    problems.push({ file, path: 'horizonYears', value: s.horizonYears, message: `the horizon (${s.horizonYears} years) is shorter than the course programme (${s.programme.years} years)`, fix: `set horizonYears to at least ${s.programme.years}` });
  }
  if (s.savingsProfile) {
    if (s.savingsProfile.length !== s.horizonYears) {
      problems.push({ file, path: 'savingsProfile', value: s.savingsProfile, message: `has ${s.savingsProfile.length} entries but the horizon is ${s.horizonYears} years`, fix: 'give one share per horizon year' });
    }
    const sum = s.savingsProfile.reduce((a, b) => a + b, 0);
    if (Math.abs(sum - 1) > SHARE_TOLERANCE) {
      problems.push({ file, path: 'savingsProfile', value: sum, message: `yearly shares sum to ${sum}, not 1`, fix: 'make the yearly shares add up to 1' });
    }
  }
  const effectIds = new Set(s.effects.map((e) => e.id));
  s.investor.rateCard.forEach((r, i) => {
    if (!effectIds.has(r.effect)) {
      problems.push({ file, path: `investor.rateCard[${i}].effect`, value: r.effect, message: `no effect with id "${r.effect}"`, fix: `use one of: ${[...effectIds].join(', ')}` });
    }
  });
  for (const adm of administrationIds) {
    const drivers = s.effects.filter((e) => e.drives.includes(adm)).map((e) => e.id);
    if (drivers.length > 1) {
      problems.push({ file, path: 'effects[].drives', value: drivers, message: `administration "${adm}" is driven by more than one effect`, fix: 'let each administration be driven by one effect' });
    }
  }
  s.investor.rateCard.forEach((r, i) => {
    if (r.cap !== undefined && r.cap < r.floor) {
      problems.push({ file, path: `investor.rateCard[${i}].cap`, value: r.cap, message: `cap ${r.cap} is below the floor ${r.floor}`, fix: 'raise the cap or lower the floor' });
    }
  });
  if (s.investor.cap !== undefined && s.investor.cap < s.investor.floor) {
    problems.push({ file, path: 'investor.cap', value: s.investor.cap, message: `cap ${s.investor.cap} is below the floor ${s.investor.floor}`, fix: 'raise the cap or lower the floor' });
  }
  s.targetGroups.forEach((g, i) => {
    const parts = g.savingPerSuccess.byAdministration;
    const partSum = parts.social + parts.health + parts.employment;
    // The source rounds each part to the krone, so parts may miss the total by a krone or two.
    if (Math.abs(partSum - g.savingPerSuccess.total) > Math.max(2, 1e-6 * g.savingPerSuccess.total)) {
      problems.push({ file, path: `targetGroups[${i}].savingPerSuccess`, value: { total: g.savingPerSuccess.total, partSum }, message: `administration parts sum to ${partSum}, far from the total ${g.savingPerSuccess.total}`, fix: 'check the per-administration figures' });
    }
  });
  // Parameters the schema cannot check alone (beta's SD against its mean, triangular ordering).
  // Each distribution must also centre on the value the deterministic model uses (its mean, or
  // for a triangular one a range holding it), or the PSA and the base case describe different models.
  const distributions: [string, Scenario['costUncertainty'], number, string][] = [
    ['costUncertainty', s.costUncertainty, s.costPerCitizen, 'costPerCitizen'],
    ...s.targetGroups.map((g, i): [string, Scenario['costUncertainty'], number, string] => [`targetGroups[${i}].savingUncertainty`, g.savingUncertainty, g.savingPerSuccess.total, `targetGroups[${i}].savingPerSuccess.total`]),
  ];
  for (const [path, d, base, basePath] of distributions) {
    if (!d || d.type === 'fixed') continue;
    try {
      checkDistribution(d);
    } catch (e) {
      problems.push({ file, path, value: d, message: (e as Error).message, fix: 'give parameters the distribution can take' });
      continue;
    }
    if (d.type === 'triangular' ? !(d.min <= base && base <= d.max) : Math.abs(d.mean - base) > 1e-9 * Math.max(1, Math.abs(base))) {
      const what = d.type === 'triangular' ? `range ${d.min}…${d.max} does not contain` : `mean ${d.mean} differs from`;
      problems.push({ file, path, value: d, message: `the distribution's ${what} ${basePath} = ${base}`, fix: `centre the distribution on ${base} (or change ${basePath})` });
    }
  }
  return problems;
}

/** Validates a parsed scenario object; throws EconomicsInputError listing every problem. */
export function parseScenario(input: unknown, file = '<scenario>'): Scenario {
  const parsed = scenarioSchema.safeParse(input);
  if (!parsed.success) throw new EconomicsInputError(zodProblems(file, parsed.error.issues, input));
  const problems = checkScenario(parsed.data, file);
  if (problems.length > 0) throw new EconomicsInputError(problems);
  return parsed.data;
}

/** A scenario file's JSON, or EconomicsInputError naming the file when it cannot be read or parsed. */
export function readScenarioJson(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new EconomicsInputError([{ file, path: '', value: null, message: `cannot read the file (${(e as Error).message})`, fix: 'check the path' }]);
  }
  const parsed = parseJsonText(text);
  if (!parsed.ok) throw new EconomicsInputError([{ file, path: '', value: null, message: `not valid JSON (${parsed.problem})`, fix: 'fix the JSON syntax' }]);
  return parsed.value;
}

export function loadScenario(file: string): Scenario {
  return parseScenario(readScenarioJson(file), file);
}
