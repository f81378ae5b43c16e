import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadTrial, loadTrialData } from '../../src/instruments/load-trial.ts';
import { loadSpec, parseSpec } from '../../src/data/spec/load.ts';
import { specColumnRules } from '../../src/data/validate/column-rules.ts';
import { validateBytes } from '../../src/data/validate/validate-columnar.ts';
import { itemRules, resolveInstruments } from '../../src/instruments/resolve.ts';
import { repoRoot } from '../helpers/fixtures.ts';

const csv = join(repoRoot, 'data-samples', 'peer-trial.csv');
const spec = join(repoRoot, 'data-samples', 'peer-trial.spec.json');

/** kept (items read into columns, scored from them) and dropped (items summed as read): everything but the item columns equal. */
async function expectSameButItems(file: string, specOrPath: Parameters<typeof loadTrial>[1]): Promise<void> {
  const kept = await loadTrial(file, specOrPath);
  const dropped = await loadTrial(file, specOrPath, { keepItems: false });
  const items = new Set(kept.instruments.flatMap((i) => i.itemColumns));
  expect(items.size).toBeGreaterThan(0);
  for (const c of items) {
    expect(kept.data.columns[c], c).toBeDefined();
    expect(dropped.data.columns[c], c).toBeUndefined();
  }
  const others = Object.keys(kept.data.columns).filter((c) => !items.has(c));
  expect(Object.keys(dropped.data.columns)).toEqual(others);
  for (const c of others) expect(dropped.data.columns[c]).toEqual(kept.data.columns[c]);
  expect(dropped.data.n).toBe(kept.data.n);
  expect(dropped.data.rowNumbers).toEqual(kept.data.rowNumbers);
  // Scores compared bit for bit (Object.is: the summed path must add the same values in the same order).
  expect(Object.keys(dropped.scores)).toEqual(Object.keys(kept.scores));
  for (const [id, col] of Object.entries(kept.scores)) expect(col.findIndex((x, i) => !Object.is(dropped.scores[id][i], x)), `${id}: first row whose score differs`).toBe(-1);
  expect(dropped.table.columnNames()).toEqual(kept.table.columnNames());
  // keepItems false (the CLI's analysis load) holds the scores as Float64Arrays: NaN where the
  // boxed columns have null, every other value the same.
  const scoreIds = new Set(Object.keys(kept.scores));
  const nullForNaN = (rows: object[]) => rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, scoreIds.has(k) && Number.isNaN(v) ? null : v])));
  expect(nullForNaN(dropped.table.objects())).toEqual(kept.table.objects());
  for (const id of scoreIds) expect(Array.from(dropped.typedScores[id], (x) => (Number.isNaN(x) ? null : x))).toEqual(kept.scores[id]);
  expect(dropped.summary).toEqual(kept.summary);
  expect(dropped.scoring).toEqual(kept.scoring);
  expect(dropped.warnings).toEqual(kept.warnings);
}

describe('loadTrial keepItems', () => {
  it('false drops the instrument item columns after scoring; the table, scores and summary are unchanged', async () => {
    const kept = await loadTrial(csv, spec);
    expect(kept.instruments.flatMap((i) => i.itemColumns).length).toBeGreaterThan(50);
    await expectSameButItems(csv, spec);
  });

  it('the same on Kolding (BOM, CRLF, ";") and on the Danish export (the general path)', async () => {
    await expectSameButItems(join(repoRoot, 'data-samples/kolding-2025.csv'), join(repoRoot, 'data-samples/kolding-2025.spec.json'));
    await expectSameButItems(join(repoRoot, 'data-samples/peer-danish-locale.csv'), join(repoRoot, 'data-samples/peer-danish-locale.spec.json'));
  });

  it('items out of item order in the file are read as columns (not summed) and score the same; missing-value codes too', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'effekt-items-'));
    try {
      const lines = readFileSync(csv, 'utf8').split('\n');
      const header = lines[0].split(',');
      // qpr_2 before qpr_1 (a different order of additions), and "-9" as a missing-value code in some ESR cells.
      const q1 = header.indexOf('qpr_1');
      const e3 = header.indexOf('esr_3');
      const swapped = lines.map((l, r) => {
        if (l === '') return l;
        const cells = l.split(',');
        [cells[q1], cells[q1 + 1]] = [cells[q1 + 1], cells[q1]];
        if (r > 0 && r % 5 === 0 && cells[e3] !== '') cells[e3] = '-9';
        return cells.join(',');
      });
      const file = join(dir, 'swapped.csv');
      writeFileSync(file, swapped.join('\n'));
      const raw = JSON.parse(readFileSync(spec, 'utf8'));
      raw.data.missingValues = ['-9'];
      const coded = parseSpec(raw, spec);
      await expectSameButItems(file, coded);
      // Which groups the reader summed: every instrument but QPR-15 (its first two items swapped).
      const instruments = resolveInstruments(coded);
      const rules = [...specColumnRules(coded), ...itemRules(instruments).map((r, k) => {
        const ins = instruments.find((x) => x.itemColumns.includes(r.column))!;
        const j = ins.itemColumns.indexOf(r.column);
        return { ...r, typed: true, fold: { group: ins.id, item: j, reversed: ins.definition.reverseItems.includes(j + 1), offset: ins.definition.itemRange[0] + ins.definition.itemRange[1] } };
      })];
      const fast = validateBytes(readFileSync(file), file, coded, rules);
      expect(fast).not.toBeNull();
      expect(Object.keys(fast!.sums).sort()).toEqual(instruments.map((i) => i.id).filter((id) => id !== 'qpr15').sort());
      expect(fast!.data.columns.qpr_1).toBeInstanceOf(Float64Array);
      expect(fast!.data.columns.esr_1).toBeUndefined();
      const data = await loadTrialData(file, coded, { keepItems: false });
      expect(data.scoring.find((s) => s.outcome === 'esr' && s.visit === 'baseline')!.prorated).toBeGreaterThan(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('loadTrialData is loadTrial without the table', async () => {
    const full = await loadTrial(csv, loadSpec(spec), { keepItems: false });
    const data = await loadTrialData(csv, loadSpec(spec), { keepItems: false });
    const { table, ...rest } = full;
    expect(table.numRows()).toBe(data.data.n);
    expect(rest).toEqual(data);
  });
});
