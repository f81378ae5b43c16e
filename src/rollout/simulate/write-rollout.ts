/**
 * `effekt simulate rollout`: the synthetic roll-out as the agency would receive it — one export
 * per municipality and period (the groups that ended in the period, both visits of each citizen),
 * Danish Excel CSV (`;`, decimal comma, Windows-1252, CRLF) or .xlsx for the municipalities that
 * deliver workbooks, one delivery held back and sent late, one sent again with corrections —
 * plus the roll-out spec, the contract and a README. Everything is a pure function of the
 * options: same seed → byte-identical files.
 */
import { createHash } from 'node:crypto';
import { writeCsv, danishDialect, type CsvValue } from '../../data/write/csv.ts';
import { writeXlsx } from '../../data/write/xlsx.ts';
import type { OutputFile } from '../../data/io/output-folder.ts';
import { simulateCitizens, type SimCitizen } from './citizens.ts';
import { MANSA_ITEMS, QPR_ITEMS, sampleContract, sampleSpec } from './documents.ts';
import type { RolloutSimOptions } from './options.ts';

export const EXPORT_HEADER: readonly string[] = [
  'borger_id', 'kommune', 'hold', 'holdstart', 'holdslut', 'besøg', 'alder', 'køn', 'fremmøde', 'frafaldsårsag', 'psyk_kontakter',
  ...Array.from({ length: QPR_ITEMS }, (_, j) => `qpr_${j + 1}`),
  ...Array.from({ length: MANSA_ITEMS }, (_, j) => `mansa_${j + 1}`),
];

const danishDate = (iso: string) => `${iso.slice(8, 10)}-${iso.slice(5, 7)}-${iso.slice(0, 4)}`;

function rowsOf(c: SimCitizen, o: RolloutSimOptions): CsvValue[][] {
  const m = o.municipalities[c.municipality];
  const common = (visit: string): CsvValue[] => [c.pid, m.name, c.group.id, danishDate(c.group.start), danishDate(c.group.end), visit, c.age, c.sex, c.sessions];
  const out: CsvValue[][] = [[...common('baseline'), null, c.contactsBefore, ...c.baseline.qpr, ...c.baseline.mansa]];
  if (c.dropout !== 'no-row') out.push([...common('slut'), c.reason, c.contactsAfter, ...c.end.qpr, ...c.end.mansa]);
  return out;
}

export interface SimulatedDelivery {
  /** File name under exports/. */
  readonly name: string;
  readonly municipality: string;
  readonly period: string;
  readonly kind: 'regular' | 'late' | 'corrected';
  readonly citizens: number;
  readonly rows: number;
}

export interface SimulatedRollout {
  readonly options: RolloutSimOptions;
  readonly citizens: readonly SimCitizen[];
  readonly deliveries: readonly SimulatedDelivery[];
  readonly files: readonly OutputFile[];
}

/** The errors the first Kolding delivery holds and its correction fixes (a documented, fixed recipe). */
function corrupt(rows: CsvValue[][], citizens: readonly SimCitizen[]): CsvValue[][] {
  const q1 = EXPORT_HEADER.indexOf('qpr_1');
  const sessions = EXPORT_HEADER.indexOf('fremmøde');
  const out = rows.map((r) => [...r]);
  const ends = out.filter((r) => r[5] === 'slut' && r[q1] !== null);
  // Two end-of-course QPR-15 questionnaires keyed in with the first five answers as 0.
  for (const r of ends.slice(0, 2)) for (let j = 0; j < 5; j++) r[q1 + j] = 0;
  // One citizen's attendance typed as 1 instead of the real count.
  if (ends[2]) ends[2][sessions] = 1;
  // One citizen's end-of-course questionnaire arrived after the first delivery: its row is missing.
  const late = citizens.find((c) => c.dropout === 'none' && out.some((r) => r[0] === c.pid));
  return late ? out.filter((r) => !(r[0] === late.pid && r[5] === 'slut')) : out;
}

export interface RolloutSimFiles {
  /** The trial's results.json (benchmark) and the business-case scenario, copied beside the contract. */
  readonly trialResults: Uint8Array;
  readonly businessCase: Uint8Array | null;
}

export async function simulateRollout(o: RolloutSimOptions, inputs: RolloutSimFiles): Promise<SimulatedRollout> {
  const citizens = simulateCitizens(o);
  const byFile = new Map<string, SimCitizen[]>();
  for (const c of citizens) {
    const k = `${c.municipality}|${c.group.period}`;
    if (!byFile.has(k)) byFile.set(k, []);
    byFile.get(k)!.push(c);
  }
  const files: OutputFile[] = [];
  const deliveries: SimulatedDelivery[] = [];
  const keys = [...byFile.keys()].sort((a, b) => {
    const [ma, pa] = a.split('|');
    const [mb, pb] = b.split('|');
    return pa.localeCompare(pb) || Number(ma) - Number(mb);
  });
  for (const k of keys) {
    const [mi, period] = k.split('|');
    const m = o.municipalities[Number(mi)];
    const people = byFile.get(k)!;
    const rows = people.flatMap((c) => rowsOf(c, o));
    const xlsx = o.xlsx.includes(m.slug);
    const encode = async (r: CsvValue[][]) => (xlsx ? writeXlsx(EXPORT_HEADER, r, 'udtræk') : writeCsv(EXPORT_HEADER, r, danishDialect));
    const ext = xlsx ? 'xlsx' : 'csv';
    const isLate = o.late?.slug === m.slug && o.late.period === period;
    const isCorrected = o.corrected?.slug === m.slug && o.corrected.period === period;
    const name = `${m.slug}-${period}${isLate ? '-sen' : ''}.${ext}`;
    const first = isCorrected ? corrupt(rows, people) : rows;
    files.push({ name: `exports/${name}`, content: await encode(first) });
    deliveries.push({ name, municipality: m.name, period, kind: isLate ? 'late' : 'regular', citizens: people.length, rows: first.length });
    if (isCorrected) {
      const fixed = `${m.slug}-${period}-rettet.${ext}`;
      files.push({ name: `exports/${fixed}`, content: await encode(rows) });
      deliveries.push({ name: fixed, municipality: m.name, period, kind: 'corrected', citizens: people.length, rows: rows.length });
    }
  }
  const sha = createHash('sha256').update(inputs.trialResults).digest('hex');
  files.push({ name: 'trial-results.json', content: inputs.trialResults });
  if (inputs.businessCase) files.push({ name: 'business-case.json', content: inputs.businessCase });
  files.push({ name: 'rollout.spec.json', content: `${JSON.stringify(sampleSpec(), null, 2)}\n` });
  files.push({ name: 'contract.json', content: `${JSON.stringify(sampleContract(o, { trialResults: 'trial-results.json', trialResultsSha256: sha, businessCase: inputs.businessCase ? 'business-case.json' : null }), null, 2)}\n` });
  files.push({ name: 'deliveries.json', content: `${JSON.stringify({ synthetic: true, seed: o.seed, deliveries }, null, 2)}\n` });
  files.push({ name: 'README.md', content: readme(o, citizens.length, deliveries) });
  return { options: o, citizens, deliveries, files };
}

function readme(o: RolloutSimOptions, citizens: number, deliveries: readonly SimulatedDelivery[]): string {
  const late = deliveries.filter((d) => d.kind === 'late').map((d) => `\`exports/${d.name}\``).join(', ') || 'none';
  const corrected = deliveries.filter((d) => d.kind === 'corrected').map((d) => `\`exports/${d.name}\``).join(', ') || 'none';
  return `# Synthetic roll-out — SYNTHETIC data only

**No file in this folder describes a real person or municipality's data.** Made by
\`effekt simulate rollout --seed ${o.seed} --out <folder>\` (byte-identical for the same seed).

- ${o.municipalities.length} municipalities (${o.municipalities.map((m) => m.name).join(', ')}), ${o.years} years from ${o.firstYear},
  ${o.groupsPerYear} groups of ${o.groupSize} a year each plus one group a year shared by each pair of neighbours
  (${o.neighbours.map(([a, b]) => `${o.municipalities[a].name}–${o.municipalities[b].name}`).join(', ')}): ${citizens} citizens.
- \`exports/\`: one export per municipality and ${o.periods === 'year' ? 'year' : 'half-year'} (the groups that ended in it, a start and an end row per
  citizen), Danish Excel CSV (\`;\`, decimal comma, Windows-1252, CRLF)${o.xlsx.length ? `; ${o.xlsx.join(', ')} deliver .xlsx` : ''}.
  QPR-15 and MANSA item answers, attendance, dropout (${Math.round(o.dropout * 100)} %, some without an end row),
  psychiatric contacts from the register in the 6 months before and after (\`psyk_kontakter\`).
- Delivered late: ${late}. Delivered again with corrections: ${corrected} (the first delivery had two
  mistyped questionnaires, one wrong attendance and a missing end-of-course row).
- \`rollout.spec.json\` (the cohort as a single-arm spec), \`contract.json\` (three payment metrics, trial
  counterfactuals, caps, half-yearly periods), \`trial-results.json\` (the PEER twin's results the contract
  benchmarks against, pinned by SHA-256), \`business-case.json\` (the economics scenario), \`deliveries.json\`.

End to end: \`npm run rollout-demo\` (see the README at the repository root and docs/rollout.md).
`;
}
