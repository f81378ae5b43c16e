/**
 * Drawings started ahead of their request ("prewarmed"), by the exact input they are drawn from.
 * `effekt run` asks the chart and PNG workers for the charts it can already build while the
 * main thread writes the analysis and runs the economics (src/report/prewarm.ts); when the report
 * then asks for a chart, a request whose input is the same text takes the drawing already under
 * way, and any other request is drawn as before. Drawing is deterministic (same spec → same SVG,
 * same SVG → same PNG), so a hit returns the bytes the request would have drawn; the key is the
 * whole input, so a spec that differs in anything simply misses.
 */

/**
 * The input as text, one text per value: JSON, except that what JSON would merge or drop is
 * spelled out — NaN, ±Infinity and -0 (JSON writes null and 0; a structured clone sent to the
 * worker keeps them) and undefined (JSON leaves the key out, or writes null in an array).
 * Strings beginning with U+0000 are escaped so no string reads as one of those markers.
 */
export function inputKey(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => {
    if (typeof v === 'number') return Number.isFinite(v) && !Object.is(v, -0) ? v : `\u0000n${Object.is(v, -0) ? '-0' : String(v)}`;
    if (v === undefined) return '\u0000u';
    if (typeof v === 'string' && v.startsWith('\u0000')) return `\u0000${v}`;
    return v;
  });
}

export interface PrewarmStats {
  /** Drawings started ahead. */
  readonly started: number;
  /** Requests made while prewarmed drawings were held, and how many of them took one. */
  readonly asked: number;
  readonly hits: number;
}

export class Prewarmed<Out> {
  private readonly drawings = new Map<string, Promise<Out>>();
  private started = 0;
  private asked = 0;
  private hits = 0;

  /** Starts drawing `key` unless it is already held; the drawing's failure is left to its request. */
  add(key: string, draw: () => Promise<Out>): Promise<Out> {
    let p = this.drawings.get(key);
    if (p === undefined) {
      p = draw();
      p.catch(() => undefined); // a request that takes it sees the failure (and draws again)
      this.drawings.set(key, p);
      this.started++;
    }
    return p;
  }

  /**
   * The drawing for a request: the prewarmed one for the same key (if that failed, e.g. a worker
   * that stopped, the request is drawn again as it would have been), else a new one.
   */
  take(key: () => string, draw: () => Promise<Out>): Promise<Out> {
    if (this.drawings.size === 0) return draw(); // nothing prewarmed: no key is made
    this.asked++;
    const p = this.drawings.get(key());
    if (p === undefined) return draw();
    this.hits++;
    return p.catch(() => draw());
  }

  clear(): void {
    this.drawings.clear();
  }

  stats(): PrewarmStats {
    return { started: this.started, asked: this.asked, hits: this.hits };
  }
}
