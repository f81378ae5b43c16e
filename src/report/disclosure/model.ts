/**
 * The counts a report can publish, as a system a reader could solve. Every count of people in
 * results.json that a sink may print is a *cell* with a key; every cell is a sum of *atoms* —
 * the finest groups of people the published numbers talk about (per arm: analysed, lost for
 * each reason and "otherwise not analysed" at each visit; each Table 1 level crossed with
 * analysed / not analysed; responders, non-responders and those without a responder status …).
 * Atoms are unknown non-negative integers; *structural* equalities tie them together (every
 * partition of an arm adds up to the same randomised n). Knowing which cells are shown, a
 * reader knows some sums exactly; audit.ts asks what that pins down.
 *
 * Keys (arm labels, visit and outcome ids, levels as in results.json):
 *   consort|<arm>|randomised · consort|<arm>|received · consort|<arm>|lost|<visit>
 *   consort|<arm>|reason|<visit>|<code> · consort|<arm>|analysed|<visit>
 *   baseline|<variable>|<level>|<arm> · baselineMissing|<variable>|<arm>
 *   analysed|<outcome>|<visit>|<estimator>|<population>|<arm> · withData|… (same: with the outcome at the visit)
 *   subgroup|<outcome>|<visit>|<variable>|<level>|<arm>
 *   responders|<outcome>|<visit>|<estimator>|<population>|<arm> · responderN|… (same)
 *   binaryEvents|<outcome>|<visit>|<estimator>|<population>|<arm> (binary outcomes: with the event among the analysed)
 *   tteN|<outcome>|<arm> · tteEvents|<outcome>|<arm> (survival analyses: n and with the event)
 *   tteAtRisk|<outcome>|<arm>|<time> (the risk table under a Kaplan–Meier chart: still at risk at that time)
 *   event|<id>|<arm> · safety|<id>|<visit>|<arm> (participants with an event) · safetyN|<id>|<visit>|<arm>
 */
import type { AnalysisResults } from '../../analysis/results/types.ts';
import { pairsWithSteps, publishedCurves } from './curves.ts';
import { analysedN } from '../../analysis/results/tables.ts';

export type Expr = ReadonlyMap<number, number>;

export interface CountSystem {
  /** Atom names (for messages), by index. */
  readonly atoms: readonly string[];
  /** Equalities Σ coef·atom = 0 that hold by construction. */
  readonly structural: readonly Expr[];
  /** Publishable cells: key → the atoms it sums and its true value. */
  readonly cells: ReadonlyMap<string, { readonly expr: Expr; readonly value: number }>;
  /**
   * Cells hidden from the start whatever the audit finds: risk-table columns and event totals
   * that beside a published Kaplan–Meier step give back 1–4 (curves.ts: pairsWithSteps).
   */
  readonly forcedHidden?: ReadonlySet<string>;
}

export const keyOf = (...parts: ReadonlyArray<string | number>): string => parts.map(String).join('|');

class Builder {
  readonly atoms: string[] = [];
  readonly structural: Map<number, number>[] = [];
  readonly cells = new Map<string, { expr: Expr; value: number }>();
  readonly forcedHidden = new Set<string>();
  atom(name: string): number {
    this.atoms.push(name);
    return this.atoms.length - 1;
  }
  /** Σ plus − Σ minus = 0. */
  equal(plus: readonly number[], minus: readonly number[]): void {
    const e = new Map<number, number>();
    for (const a of plus) e.set(a, (e.get(a) ?? 0) + 1);
    for (const a of minus) e.set(a, (e.get(a) ?? 0) - 1);
    for (const [k, v] of e) if (v === 0) e.delete(k);
    if (e.size) this.structural.push(e);
  }
  cell(key: string, atoms: readonly number[], value: number): void {
    if (!Number.isFinite(value)) return;
    // Two printed numbers under one key share one state: a key set again with another value (rows
    // that should agree and do not) would print one row's 1–4 with the other's "shown". Never shown.
    const before = this.cells.get(key);
    if (before !== undefined && before.value !== value) this.forcedHidden.add(key);
    this.cells.set(key, { expr: new Map(atoms.map((a) => [a, 1])), value });
  }
}

/** The count system of one results.json (both arms of the CONSORT flow, Table 1, subgroups, responders, events). */
/**
 * `loose`: subgroup sizes are not tied to Table 1 or the analysed n — the fallback for a
 * results.json whose counts contradict each other there (hand-edited; a real analysis adds up).
 */
export function countSystem(r: AnalysisResults, options: { readonly loose?: boolean } = {}): CountSystem {
  const b = new Builder();
  const arms = r.arms.map((a) => a.label);
  const primaryId = r.outcomes.find((o) => o.role === 'primary' && o.isPrimaryEstimator)?.id ?? null;
  const main = (o: { id: string; isPrimaryEstimator: boolean }) => o.id === primaryId && o.isPrimaryEstimator;
  const ittId = r.populations?.find((p) => p.rule.type === 'all')?.id ?? r.populations?.[0]?.id ?? 'itt';

  for (const a of arms) {
    const f = Object.hasOwn(r.consort, a) ? r.consort[a] : undefined;
    if (!f) continue;
    // One partition of the arm per follow-up visit: analysed, lost by reason, otherwise not analysed.
    const partitions: number[][] = [];
    const analysedAtom = new Map<string, number>();
    for (const an of f.analysed) {
      const lost = f.lostToFollowUp.find((l) => l.visit === an.visit);
      const reasons = lost ? Object.entries(lost.reasons) : [];
      const aAn = b.atom(`${a}: analysed at ${an.visit}`);
      analysedAtom.set(an.visit, aAn);
      const aLost = reasons.map(([k]) => b.atom(`${a}: lost at ${an.visit} (${k})`));
      // Those neither analysed nor lost (e.g. a missing covariate). When the data say there are
      // none, a reader assumes so too and randomised − lost gives the analysed n back: no slack atom.
      const other = lost && lost.n + an.n === f.randomised ? [] : [b.atom(`${a}: not analysed at ${an.visit}, not lost`)];
      partitions.push([aAn, ...aLost, ...other]);
      // Never printed, but a group of people all the same: those not analysed (randomised − analysed).
      b.cell(keyOf('consort', a, 'notAnalysed', an.visit), [...aLost, ...other], f.randomised - an.n);
      b.cell(keyOf('consort', a, 'analysed', an.visit), [aAn], an.n);
      if (lost) {
        b.cell(keyOf('consort', a, 'lost', an.visit), aLost, lost.n);
        reasons.forEach(([k, n], i) => b.cell(keyOf('consort', a, 'reason', an.visit, k), [aLost[i]], n));
      }
    }
    // The arm's total is one atom: every partition adds up to it, and once the randomised n is
    // shown the partitions fall apart into small independent systems.
    const total = b.atom(`${a}: randomised`);
    const whole = [total];
    for (const p of partitions) b.equal(p, whole);
    b.cell(keyOf('consort', a, 'randomised'), whole, f.randomised);
    if (f.receivedAllocated !== null) {
      const rc = b.atom(`${a}: received`);
      const nrc = b.atom(`${a}: not received`);
      b.equal([rc, nrc], whole);
      b.cell(keyOf('consort', a, 'received'), [rc], f.receivedAllocated);
      b.cell(keyOf('consort', a, 'notReceived'), [nrc], f.randomised - f.receivedAllocated);
    }

    // Table 1: each categorical characteristic partitions the arm by level (and missing).
    const levelAtoms = new Map<string, Map<string, number>>();
    const byVariable = new Map<string, typeof r.baseline[number][]>();
    for (const row of r.baseline) byVariable.set(row.variable, [...(byVariable.get(row.variable) ?? []), row]);
    for (const [variable, rows] of byVariable) {
      const cat = rows.filter((x) => x.kind === 'n-percent');
      if (cat.length) {
        const m = new Map<string, number>();
        for (const row of cat) {
          const t = b.atom(`${a}: ${variable} = ${row.level}`);
          m.set(row.level ?? '', t);
          const c = Object.hasOwn(row.byArm, a) ? row.byArm[a] : undefined;
          if (c) b.cell(keyOf('baseline', variable, row.level ?? '', a), [t], c.values[0]);
        }
        // Missing is not printed for a categorical row; when there are none, a reader assumes so and
        // randomised − the other levels gives a level back: no slack atom then.
        const none = cat.every((row) => !Object.hasOwn(row.byArm, a) || row.byArm[a].missing === 0);
        if (!none) m.set('\u0000missing', b.atom(`${a}: ${variable} missing`));
        b.equal([...m.values()], whole);
        levelAtoms.set(variable, m);
      }
      for (const row of rows.filter((x) => x.kind !== 'n-percent')) {
        const c = Object.hasOwn(row.byArm, a) ? row.byArm[a] : undefined;
        if (!c) continue;
        const miss = b.atom(`${a}: ${variable} missing`);
        const seen = b.atom(`${a}: ${variable} recorded`);
        b.equal([miss, seen], whole);
        b.cell(keyOf('baselineMissing', variable, a), [miss], c.missing);
      }
    }

    // Those with the outcome at a visit (results.csv's n_with_data): the same people on every row of
    // that outcome and visit, one part of the arm.
    const withDataAtom = new Map<string, number>();
    // Outcome rows: the analysed n. The primary outcome's main ITT row is the CONSORT "analysed".
    for (const o of r.outcomes) {
      // An arm outside the row's comparison that its (pairwise) estimator did not analyse has no
      // analysed n here (the tables leave it empty too).
      const n = analysedN(r, o, a);
      // An arm without an analysed n here (a file from another comparison) still has responder counts.
      const key = keyOf('analysed', o.id, o.visit, o.estimator, o.population, a);
      const same = main(o) && o.population === ittId ? analysedAtom.get(o.visit) : undefined;
      let analysedHere: number | undefined;
      if (n === undefined) analysedHere = undefined;
      else if (same !== undefined) b.cell(key, [(analysedHere = same)], n);
      // Everyone randomised (multiple imputation): the analysed n is the randomised n, and a reader knows it.
      else if (n === f.randomised) b.cell(key, [(analysedHere = total)], n);
      else {
        const inA = (analysedHere = b.atom(`${a}: in ${o.id}/${o.visit}/${o.estimator}/${o.population}`));
        const out = b.atom(`${a}: not in ${o.id}/${o.visit}/${o.estimator}/${o.population}`);
        b.equal([inA, out], whole);
        b.cell(key, [inA], n);
      }
      // Printed beside the analysed n, and the same people when the two agree (an ANCOVA analyses
      // everyone with the outcome): without this cell a "–" analysed stood beside its own value.
      const wd = Object.hasOwn(o.n.withData, a) ? o.n.withData[a] : undefined;
      if (wd !== undefined && Number.isFinite(wd)) {
        const wkey = `${o.id}|${o.visit}|${wd}`;
        let w = withDataAtom.get(wkey);
        if (w === undefined) {
          withDataAtom.set(wkey, (w = b.atom(`${a}: with ${o.id} at ${o.visit}`)));
          b.equal([w, b.atom(`${a}: without ${o.id} at ${o.visit}`)], whole);
        }
        if (analysedHere !== undefined && wd === n) b.equal([w], [analysedHere]);
        b.cell(keyOf('withData', o.id, o.visit, o.estimator, o.population, a), [w], wd);
      }
      // Binary outcomes (results ≥ 1.4.0): those with the event among the analysed.
      const ev = o.binary && Object.hasOwn(o.binary.events, a) ? o.binary.events[a] : undefined;
      if (ev !== undefined && analysedHere !== undefined) {
        const yes = b.atom(`${a}: event ${o.id}/${o.visit}/${o.estimator}/${o.population}`);
        const no = b.atom(`${a}: no event ${o.id}/${o.visit}/${o.estimator}/${o.population}`);
        b.equal([yes, no], [analysedHere]);
        b.cell(keyOf('binaryEvents', o.id, o.visit, o.estimator, o.population, a), [yes], ev);
      }
      const rr = o.responder && Object.hasOwn(o.responder.rate, a) ? o.responder.rate[a] : undefined;
      if (rr) {
        const yes = b.atom(`${a}: responders ${o.id}/${o.visit}/${o.estimator}`);
        const no = b.atom(`${a}: non-responders ${o.id}/${o.visit}/${o.estimator}`);
        // The responder n is usually the analysed n printed beside it: then they are tied (117 − 115 gives 2 back).
        if (analysedHere !== undefined && rr.n === n) b.equal([yes, no], [analysedHere]);
        else b.equal([yes, no, b.atom(`${a}: no responder status ${o.id}/${o.visit}/${o.estimator}`)], whole);
        b.cell(keyOf('responders', o.id, o.visit, o.estimator, o.population, a), [yes], rr.events);
        b.cell(keyOf('responderN', o.id, o.visit, o.estimator, o.population, a), [yes, no], rr.n);
      }
    }

    // Subgroups of the primary outcome: each level crossed with "in the subgroup analysis" —
    // tied to Table 1's level counts and to the CONSORT analysed n (the subtraction that gave 1/1 back).
    for (const s of r.subgroups) {
      const levels = options.loose ? undefined : levelAtoms.get(s.variable);
      const analysed = s.outcomeId === primaryId && !options.loose ? analysedAtom.get(s.visit) : undefined;
      const inAtoms: number[] = [];
      const shown = new Map<string, number>();
      if (levels) {
        for (const [level, t] of levels) {
          const inL = b.atom(`${a}: ${s.variable} = ${level} in subgroup analysis ${s.outcomeId}/${s.visit}`);
          const outL = b.atom(`${a}: ${s.variable} = ${level} not in subgroup analysis ${s.outcomeId}/${s.visit}`);
          b.equal([inL, outL], [t]);
          inAtoms.push(inL);
          shown.set(level, inL);
        }
      } else {
        for (const l of s.levels) {
          const inL = b.atom(`${a}: ${s.variable} = ${l.level} in subgroup analysis`);
          inAtoms.push(inL);
          shown.set(l.level, inL);
        }
      }
      // Everyone analysed for the outcome is in exactly one level (or missing): their sum is the analysed n.
      if (analysed !== undefined && levels) b.equal(inAtoms, [analysed]);
      else {
        const rest = b.atom(`${a}: outside the subgroup analysis ${s.outcomeId}/${s.visit}/${s.variable}`);
        if (levels) b.equal([...inAtoms, rest], analysed !== undefined ? [analysed] : whole);
        else b.equal([...inAtoms, rest], analysed !== undefined ? [analysed] : whole);
      }
      for (const l of s.levels) {
        const n = Object.hasOwn(l.n, a) ? l.n[a] : undefined;
        const atom = shown.get(l.level);
        if (n !== undefined && atom !== undefined) b.cell(keyOf('subgroup', s.outcomeId, s.visit, s.variable, l.level, a), [atom], n);
      }
    }

    // Safety rows: participants with an event among the arm's n (all randomised, or those with data).
    for (const s of r.safety) {
      const c = Object.hasOwn(s.byArm, a) ? s.byArm[a] : undefined;
      if (!c) continue;
      const yes = b.atom(`${a}: with ${s.id} by ${s.visit}`);
      const no = b.atom(`${a}: without ${s.id} by ${s.visit}`);
      if (c.n === f.randomised) {
        b.equal([yes, no], whole);
        b.cell(keyOf('safetyN', s.id, s.visit, a), whole, c.n);
      } else {
        const out = b.atom(`${a}: no ${s.id} data by ${s.visit}`);
        b.equal([yes, no, out], whole);
        b.cell(keyOf('safetyN', s.id, s.visit, a), [yes, no], c.n);
      }
      b.cell(keyOf('safety', s.id, s.visit, a), [yes], c.participantsWithEvent);
    }

    for (const e of r.events) {
      const n = Object.hasOwn(e.byArm, a) ? e.byArm[a] : undefined;
      if (n === undefined) continue;
      const yes = b.atom(`${a}: with ${e.id}`);
      const no = b.atom(`${a}: without ${e.id}`);
      b.equal([yes, no], whole);
      b.cell(keyOf('event', e.id, a), [yes], n);
    }

    // Time-to-event: the arm's n in the survival analysis and those with the event among them.
    for (const t of r.timeToEvent ?? []) {
      if (t.analysis.kind !== 'survival') continue;
      const x = t.analysis.arms.find((y) => y.arm === a);
      if (!x) continue;
      const yes = b.atom(`${a}: event ${t.id}`);
      const no = b.atom(`${a}: no event ${t.id}`);
      const out = b.atom(`${a}: not in time-to-event ${t.id}`);
      b.equal([yes, no, out], whole);
      b.cell(keyOf('tteN', t.id, a), [yes, no], x.n);
      b.cell(keyOf('tteEvents', t.id, a), [yes], x.events);
      // N − events beside the curve's last step (N·Ŝ) would give the events after it.
      const curve = publishedCurves(t.analysis).find((c) => c.arm === a);
      if (curve && pairsWithSteps(curve, x.n, [x.n - x.events]).length) b.forcedHidden.add(keyOf('tteEvents', t.id, a));
      // The risk table: those at risk at each time are the arm's n less those who left the risk set
      // before it, so two neighbouring columns give away how many left in between — the
      // interval's leavers are atoms the audit keeps from being pinned to 1–4.
      const times = t.analysis.riskTable.times;
      const atRisk = Object.hasOwn(t.analysis.riskTable.byArm, a) ? t.analysis.riskTable.byArm[a] : undefined;
      if (atRisk && riskSetsNest(atRisk, x.n)) {
        const left = times.map((time, k) => b.atom(k === 0 ? `${a}: left the risk set of ${t.id} before time ${time}` : `${a}: left the risk set of ${t.id} between times ${times[k - 1]} and ${time}`));
        const remain = b.atom(`${a}: at risk for ${t.id} after time ${times[times.length - 1]}`);
        b.equal([...left, remain], [yes, no]);
        times.forEach((time, k) => b.cell(keyOf('tteAtRisk', t.id, a, time), [...left.slice(k + 1), remain], atRisk[k]));
        // The published curve's steps are counts too (N·Ŝ before any censoring): no column may differ from one by 1–4.
        if (curve) for (const k of pairsWithSteps(curve, x.n, atRisk)) b.forcedHidden.add(keyOf('tteAtRisk', t.id, a, times[k]));
      }
    }
  }
  return { atoms: b.atoms, structural: b.structural, cells: b.cells, forcedHidden: b.forcedHidden };
}

/**
 * Risk sets that shrink over time from at most the arm's n (right-censored data). With delayed
 * entry they can grow, and "at risk" is then no suffix of one partition: such a table is left to
 * the primary rule rather than modelled wrongly.
 */
function riskSetsNest(atRisk: readonly number[], n: number): boolean {
  return atRisk.length > 0 && atRisk.every((c, k) => Number.isInteger(c) && c >= 0 && c <= (k === 0 ? n : atRisk[k - 1]));
}
