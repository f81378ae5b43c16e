/**
 * The settlement rules as one pure function (formulas: docs/rollout.md § Settlement). For one
 * period, per municipality m and payment metric k, with n citizens in the period's cohort of
 * whom a achieved the metric (missing follow-up = not achieved) and counterfactual rate c:
 *
 *   expected      e = n · c
 *   amount        A = (a − e) · price                     (negative when fewer achieve than expected)
 *   with carry    B = A + carry-in                         (carry-in ≤ 0: earlier shortfalls, "deficit" rule)
 *   payable       P = max(0, B);  carry-out = min(0, B)   ("none": P = max(0, A), carry-out = 0)
 *   metric cap    P' = min(P, cap_k − paid_k)              (paid_k: the metric's payments in earlier periods)
 *   metric floor  final period only: + max(0, floor_k − paid_k − P')
 * then per municipality over the metrics:
 *   S = Σ_k payment_k;  contract cap: min(S, cap − paid);  contract floor (final period only): topped up to floor − paid.
 * Money is rounded to whole øre at each step (half away from zero), so every printed line adds up.
 */
export interface EngineMetric {
  readonly id: string;
  readonly pricePerOutcome: number;
  readonly counterfactual: number;
  readonly floor: number;
  readonly cap: number | null;
}

export interface EngineState {
  /** Per metric: shortfall carried in (≤ 0) and the metric's payments so far. */
  readonly metrics: Readonly<Record<string, { readonly carry: number; readonly paid: number }>>;
  /** The municipality's payments so far (after the contract's limits). */
  readonly paid: number;
}

export interface EngineInput {
  readonly metrics: readonly EngineMetric[];
  readonly limits: { readonly floor: number; readonly cap: number | null };
  readonly carryOver: 'deficit' | 'none';
  /** The contract's last period: floors apply. */
  readonly final: boolean;
  readonly municipalities: ReadonlyArray<{
    readonly id: string;
    /** Per metric: citizens in the cohort and how many achieved it (a real number is allowed: expected-value tests). */
    readonly counts: Readonly<Record<string, { readonly citizens: number; readonly achieved: number }>>;
    readonly state: EngineState;
  }>;
}

export interface EngineLine {
  readonly metric: string;
  readonly citizens: number;
  readonly achieved: number;
  readonly counterfactual: number;
  readonly expected: number;
  /** a − e, in citizens. */
  readonly aboveExpected: number;
  readonly pricePerOutcome: number;
  readonly amount: number;
  readonly carryIn: number;
  readonly payable: number;
  readonly cappedAway: number;
  readonly floorTopUp: number;
  readonly payment: number;
  readonly carryOut: number;
  readonly paidBefore: number;
  readonly paidAfter: number;
}

export interface EngineMunicipality {
  readonly id: string;
  readonly lines: readonly EngineLine[];
  readonly metricsSum: number;
  readonly capReduction: number;
  readonly floorTopUp: number;
  readonly payment: number;
  readonly paidBefore: number;
  readonly paidAfter: number;
  readonly state: EngineState;
}

/** Whole øre, half away from zero. */
export function ore(x: number): number {
  const r = Math.round(Math.abs(x) * 100 + 1e-9) / 100;
  return x < 0 ? -r : r === 0 ? 0 : r;
}

export function settlePeriod(input: EngineInput): EngineMunicipality[] {
  return input.municipalities.map((m) => {
    const next: Record<string, { carry: number; paid: number }> = {};
    const lines = input.metrics.map((k): EngineLine => {
      const c = m.counts[k.id] ?? { citizens: 0, achieved: 0 };
      const st = m.state.metrics[k.id] ?? { carry: 0, paid: 0 };
      const expected = c.citizens * k.counterfactual;
      const amount = ore((c.achieved - expected) * k.pricePerOutcome);
      const carryIn = input.carryOver === 'deficit' ? st.carry : 0;
      const withCarry = ore(amount + carryIn);
      const payable = Math.max(0, withCarry);
      const carryOut = input.carryOver === 'deficit' ? Math.min(0, withCarry) : 0;
      const room = k.cap === null ? Infinity : Math.max(0, ore(k.cap - st.paid));
      const capped = Math.min(payable, room);
      const floorTopUp = input.final ? Math.max(0, ore(k.floor - st.paid - capped)) : 0;
      const payment = ore(capped + floorTopUp);
      next[k.id] = { carry: carryOut, paid: ore(st.paid + payment) };
      return {
        metric: k.id, citizens: c.citizens, achieved: c.achieved, counterfactual: k.counterfactual, expected, aboveExpected: c.achieved - expected,
        pricePerOutcome: k.pricePerOutcome, amount, carryIn, payable, cappedAway: ore(payable - capped), floorTopUp, payment, carryOut,
        paidBefore: st.paid, paidAfter: next[k.id].paid,
      };
    });
    const metricsSum = ore(lines.reduce((a, l) => a + l.payment, 0));
    const room = input.limits.cap === null ? Infinity : Math.max(0, ore(input.limits.cap - m.state.paid));
    const afterCap = Math.min(metricsSum, room);
    const floorTopUp = input.final ? Math.max(0, ore(input.limits.floor - m.state.paid - afterCap)) : 0;
    const payment = ore(afterCap + floorTopUp);
    const paidAfter = ore(m.state.paid + payment);
    return {
      id: m.id, lines, metricsSum, capReduction: ore(metricsSum - afterCap), floorTopUp, payment, paidBefore: m.state.paid, paidAfter,
      state: { metrics: next, paid: paidAfter },
    };
  });
}

export const emptyState: EngineState = { metrics: {}, paid: 0 };
