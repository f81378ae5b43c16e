/**
 * Reading an export by the trial loader's fast path (a clean CSV straight into validated columns,
 * Windows-1252 transcoded) gives exactly the records of the general path (csv-parse →
 * validateLong): on every committed sample export, and on the Danish-locale bench dialect. A file
 * the fast path does not take — a CPR-shaped id, any problem — is read and refused the general way.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRolloutSpec } from '../../src/rollout/spec/load.ts';
import { loadContract } from '../../src/rollout/contract/load.ts';
import { readExport, readFast } from '../../src/rollout/ingest/read-export.ts';
import { specColumnRules } from '../../src/data/validate/column-rules.ts';
import { itemRules, resolveInstruments } from '../../src/instruments/resolve.ts';
import { MASKED_CPR } from '../../src/rollout/ingest/cpr.ts';
import { DataValidationError } from '../../src/data/problems.ts';
import { repoRoot } from '../helpers/fixtures.ts';

const dir = join(repoRoot, 'data-samples/rollout');

async function context() {
  const spec = loadRolloutSpec(join(dir, 'rollout.spec.json'));
  const contract = await loadContract(join(dir, 'contract.json'));
  return { spec, municipalities: contract.source.municipalities.map((m) => m.id), periods: contract.periods };
}

describe('readExport: fast path = general path', { timeout: 120_000 }, () => {
  it('every committed sample export (Windows-1252, ";", decimal comma) gives the same records either way', async () => {
    const ctx = await context();
    const files = readdirSync(join(dir, 'exports')).filter((f) => f.endsWith('.csv'));
    expect(files.length).toBeGreaterThan(20);
    const { spec } = ctx;
    const rules = [...specColumnRules(spec.cohort), ...itemRules(resolveInstruments(spec.cohort)), ...[spec.columns.group, spec.columns.groupStart, spec.columns.groupEnd].map((column) => ({ column, kind: 'text' as const, describe: column }))];
    for (const f of files) {
      const bytes = readFileSync(join(dir, 'exports', f));
      expect(readFast(bytes, f, spec, rules), `${f} is read by the fast path`).not.toBeNull();
      const fast = await readExport(bytes, f, ctx);
      const general = await readExport(bytes, f, ctx, { fast: false });
      expect(fast, f).toEqual(general);
    }
  });

  it('a CPR-shaped id goes the general way and is refused, masked, as before', async () => {
    const ctx = await context();
    const f = readdirSync(join(dir, 'exports')).find((x) => x.endsWith('.csv'))!;
    const lines = readFileSync(join(dir, 'exports', f), 'latin1').split('\r\n');
    const id = lines[1].split(';')[0];
    const bytes = Buffer.from(lines.join('\r\n').split(`${id};`).join('010190-1234;'), 'latin1');
    const errors = await Promise.all([readExport(bytes, f, ctx), readExport(bytes, f, ctx, { fast: false })].map((p) => p.then(() => null, (e: unknown) => e)));
    for (const e of errors) {
      expect(e).toBeInstanceOf(DataValidationError);
      expect((e as DataValidationError).problems[0]).toMatchObject({ column: 'borger_id', value: MASKED_CPR });
    }
    expect((errors[0] as DataValidationError).problems).toEqual((errors[1] as DataValidationError).problems);
    expect((errors[0] as Error).message).not.toContain('010190');
  });
});
