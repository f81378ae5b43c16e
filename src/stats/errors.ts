/**
 * Typed errors for the numerical core. Public entry points validate their input and throw
 * a StatsError whose `code` names the problem, so callers can branch on it and a message can
 * never be a silent NaN in a result.
 */
export type StatsErrorCode =
  | 'EMPTY_INPUT'
  | 'EMPTY_GROUP'
  | 'LENGTH_MISMATCH'
  | 'NON_FINITE'
  | 'CONSTANT_DATA'
  | 'INVALID_ARGUMENT'
  | 'RANK_DEFICIENT'
  | 'ILL_CONDITIONED'
  | 'NOT_POSITIVE_DEFINITE'
  | 'NOT_CONVERGED'
  | 'SEPARATION'
  | 'NOT_ESTIMABLE';

export class StatsError extends Error {
  readonly code: StatsErrorCode;
  readonly details: Readonly<Record<string, unknown>>;
  constructor(code: StatsErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = 'StatsError';
    this.code = code;
    this.details = Object.freeze({ ...details });
  }
}

/** Throws NON_FINITE naming the first offending position; returns the array for chaining. */
export function assertFinite<T extends ArrayLike<number>>(x: T, name: string): T {
  for (let i = 0; i < x.length; i++) {
    if (!Number.isFinite(x[i])) {
      throw new StatsError('NON_FINITE', `${name}[${i}] is ${x[i]}: remove or impute non-finite values first`, {
        name,
        index: i,
      });
    }
  }
  return x;
}

export function assertSameLength(a: ArrayLike<unknown>, b: ArrayLike<unknown>, nameA: string, nameB: string): void {
  if (a.length !== b.length) {
    throw new StatsError('LENGTH_MISMATCH', `${nameA} has ${a.length} values but ${nameB} has ${b.length}`, {
      [nameA]: a.length,
      [nameB]: b.length,
    });
  }
}

export function assertNonEmpty(x: ArrayLike<unknown>, name: string, min = 1): void {
  if (x.length < min) {
    throw new StatsError(min <= 1 ? 'EMPTY_INPUT' : 'EMPTY_GROUP', `${name} needs at least ${min} value(s), got ${x.length}`, {
      name,
      n: x.length,
      min,
    });
  }
}

/** Throws INVALID_ARGUMENT unless v is a finite number (an option such as mu or alpha). */
export function assertFiniteScalar(v: number, name: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new StatsError('INVALID_ARGUMENT', `${name} must be a finite number, got ${v}`, { name });
  return v;
}

/** Throws INVALID_ARGUMENT unless 0 < level < 1. */
export function assertConfLevel(level: number): number {
  if (!(level > 0 && level < 1)) throw new StatsError('INVALID_ARGUMENT', `confLevel must lie in (0, 1), got ${level}`);
  return level;
}

/** Throws INVALID_ARGUMENT unless the alternative is one R knows ("two.sided", "less", "greater"). */
export function assertAlternative<T extends string>(alternative: T): T {
  if (alternative !== 'two.sided' && alternative !== 'less' && alternative !== 'greater') {
    throw new StatsError('INVALID_ARGUMENT', `alternative must be "two.sided", "less" or "greater", got ${JSON.stringify(alternative)}`);
  }
  return alternative;
}
