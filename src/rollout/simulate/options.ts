/**
 * What the synthetic roll-out looks like: which municipalities (with neighbours that share a
 * group), how many years and groups, how periods are cut, the effect per municipality, dropout,
 * register contacts, and which deliveries are late or corrected. Defaults: the sample —
 * 10 municipalities in Southern Denmark, 2024–2026, 10 groups of 8 a year each plus one shared
 * group a year per neighbour pair, half-yearly periods.
 */
export interface SimMunicipality {
  readonly name: string;
  /** File-name slug (ASCII). */
  readonly slug: string;
  /** Three-letter prefix of its group ids. */
  readonly tag: string;
  readonly code: string;
  /** Shift of the latent end-of-course effect against the common one (SD units). */
  readonly effectShift: number;
}

export interface RolloutSimOptions {
  readonly seed: number;
  readonly municipalities: readonly SimMunicipality[];
  /** Pairs (indexes into municipalities) that share one group a year, 4 + 4 citizens. */
  readonly neighbours: ReadonlyArray<readonly [number, number]>;
  readonly firstYear: number;
  readonly years: number;
  readonly groupsPerYear: number;
  readonly groupSize: number;
  readonly periods: 'half-year' | 'year';
  /** Latent end-of-course improvement (SD units) on QPR-15 and MANSA. */
  readonly effect: { readonly qpr: number; readonly mansa: number };
  /** Share who drop out (end row with empty questionnaire and a reason) and, of those, who have no end row at all. */
  readonly dropout: number;
  readonly dropoutWithoutRow: number;
  readonly itemMissing: number;
  /** Municipalities (slugs) that deliver .xlsx rather than CSV. */
  readonly xlsx: readonly string[];
  /** One delivery held back and delivered late (slug + period id), or null. */
  readonly late: { readonly slug: string; readonly period: string } | null;
  /** One delivery re-sent with corrections (slug + period id), or null. */
  readonly corrected: { readonly slug: string; readonly period: string } | null;
}

const south: readonly [string, string, string, string][] = [
  ['Kolding', 'kolding', 'KOL', '621'],
  ['Vejle', 'vejle', 'VEJ', '630'],
  ['Fredericia', 'fredericia', 'FRE', '607'],
  ['Middelfart', 'middelfart', 'MID', '410'],
  ['Haderslev', 'haderslev', 'HAD', '510'],
  ['Aabenraa', 'aabenraa', 'AAB', '580'],
  ['Esbjerg', 'esbjerg', 'ESB', '561'],
  ['Varde', 'varde', 'VAR', '573'],
  ['Billund', 'billund', 'BIL', '530'],
  ['Vejen', 'vejen', 'VJN', '575'],
];

// Billund runs the course less well than the others: the funnel plot should show it.
const shifts = [0.05, 0, -0.05, 0.1, 0, -0.1, 0.05, 0, -0.45, 0.1];

export const DEFAULT_ROLLOUT_SEED = 2024;

export function sampleOptions(seed = DEFAULT_ROLLOUT_SEED): RolloutSimOptions {
  return {
    seed,
    municipalities: south.map(([name, slug, tag, code], i) => ({ name, slug, tag, code, effectShift: shifts[i] })),
    neighbours: [[0, 1], [2, 3], [4, 5], [6, 7], [8, 9]],
    firstYear: 2024,
    years: 3,
    groupsPerYear: 10,
    groupSize: 8,
    periods: 'half-year',
    effect: { qpr: 0.6, mansa: 0.55 },
    dropout: 0.12,
    dropoutWithoutRow: 0.3,
    itemMissing: 0.02,
    xlsx: ['esbjerg'],
    late: { slug: 'varde', period: '2025H1' },
    corrected: { slug: 'kolding', period: '2024H2' },
  };
}

/** The bench's national scale: `n` municipalities × `years` years, `groupsPerYear` groups of 8, yearly periods, CSV only. */
export function scaleOptions(n: number, years: number, groupsPerYear: number, seed = DEFAULT_ROLLOUT_SEED): RolloutSimOptions {
  const municipalities = Array.from({ length: n }, (_, i) => {
    const k = String(i + 1).padStart(3, '0');
    return { name: `Kommune ${k}`, slug: `kommune-${k}`, tag: `K${k}`, code: String(100 + i), effectShift: ((i * 7) % 11) / 20 - 0.25 };
  });
  const neighbours: [number, number][] = [];
  for (let i = 0; i + 1 < n; i += 2) neighbours.push([i, i + 1]);
  return { ...sampleOptions(seed), municipalities, neighbours, years, groupsPerYear, periods: 'year', xlsx: [], late: null, corrected: null };
}
