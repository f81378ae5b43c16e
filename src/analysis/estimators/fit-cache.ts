/**
 * A cache for fits that several rows share (the MMRM's one fit over all visits; the m
 * imputations behind MI rows, tipping points and pooled responders). Keyed by the very objects
 * the fit is computed from — the frame, the outcome's values and the population's membership
 * function — and then by a string of options, so a different frame or data can never be
 * answered from another's entry; entries go when those objects are garbage-collected.
 */
export class FitCache<T> {
  private readonly root = new WeakMap<object, WeakMap<object, WeakMap<object, Map<string, T>>>>();

  private slot(frame: object, values: object, include: object): Map<string, T> {
    let byValues = this.root.get(frame);
    if (!byValues) this.root.set(frame, (byValues = new WeakMap()));
    let byInclude = byValues.get(values);
    if (!byInclude) byValues.set(values, (byInclude = new WeakMap()));
    let byKey = byInclude.get(include);
    if (!byKey) byInclude.set(include, (byKey = new Map()));
    return byKey;
  }

  get(frame: object, values: object, include: object, key: string): T | undefined {
    return this.slot(frame, values, include).get(key);
  }

  set(frame: object, values: object, include: object, key: string, value: T): void {
    this.slot(frame, values, include).set(key, value);
  }
}
