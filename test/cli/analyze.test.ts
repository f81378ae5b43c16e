import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './run-cli.ts';
import { repoRoot } from '../helpers/fixtures.ts';

const s = (f: string) => join(repoRoot, 'data-samples', f);

describe('effekt analyze', () => {
  it('writes results.json/.csv/.xlsx and per-table CSVs, byte-identical on a re-run', () => {
    const a = mkdtempSync(join(tmpdir(), 'effekt-an-a-'));
    const b = mkdtempSync(join(tmpdir(), 'effekt-an-b-'));
    const r = runCli(['analyze', s('peer-trial.csv'), '--spec', s('peer-trial.spec.json'), '--out', a]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('qpr15    end: difference 5.09');
    runCli(['analyze', s('peer-trial.csv'), '--spec', s('peer-trial.spec.json'), '--out', b]);
    expect(readdirSync(a).sort()).toEqual(['.effekt-output.json', 'results.csv', 'results.json', 'results.xlsx', 'tables']);
    for (const f of ['results.json', 'results.csv', 'results.xlsx']) expect(readFileSync(join(a, f)).equals(readFileSync(join(b, f))), f).toBe(true);
    const json = JSON.parse(readFileSync(join(a, 'results.json'), 'utf8'));
    expect(json.outcomes[0]).toHaveProperty('emm.PEER.estimate');
    expect(json.outcomes[0]).toHaveProperty('difference.pAdjusted');
    expect(json.outcomes[0]).toHaveProperty('cohensD.estimate');
    expect(json.outcomes[0]).toHaveProperty('estimand.missingData');
    expect(json.effectRates.map((e: { metric: string }) => e.metric)).toEqual(['qpr15-responder', 'mansa-responder', 'wsas-responder', 'admissions-reduction']);
  });

  it('runs a new cohort (Kolding, Danish CSV and column names) with no code change', () => {
    const out = mkdtempSync(join(tmpdir(), 'effekt-kolding-'));
    const r = runCli(['analyze', s('kolding-2025.csv'), '--spec', s('kolding-2025.spec.json'), '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('qpr15    slut: difference');
  });

  it('bad data exits 2 and writes nothing', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'effekt-bad-')), 'out');
    const r = runCli(['analyze', join(repoRoot, 'test/data/fixtures/malformed/item-out-of-range.csv'), '--spec', s('peer-trial.spec.json'), '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('row 2, column "qpr_3"');
    expect(existsSync(out)).toBe(false);
  });

  it('results carry no participant identifier or row-level value', () => {
    const out = mkdtempSync(join(tmpdir(), 'effekt-priv-'));
    runCli(['analyze', s('peer-trial.csv'), '--spec', s('peer-trial.spec.json'), '--out', out]);
    const text = readFileSync(join(out, 'results.json'), 'utf8') + readFileSync(join(out, 'results.csv'), 'utf8');
    expect(text).not.toMatch(/P0\d{3}/);
  });
});
