import { describe, expect, it } from 'vitest';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './run-cli.ts';
import { repoRoot } from '../helpers/fixtures.ts';

const scenario = join(repoRoot, 'data-samples/economics/dsi-base-case.json');

describe('effekt economics', () => {
  it('prints the base case figures and writes all outputs', () => {
    const out = mkdtempSync(join(tmpdir(), 'effekt-econ-'));
    const r = runCli(['economics', '--scenario', scenario, '--out', out, '--draws', '2000', '--quiet']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    for (const figure of ['9,694 DKK', '11,361 DKK', '1,667 DKK', '400,080 DKK', '6.64 %']) expect(r.stdout).toContain(figure);
    expect(r.stdout).not.toContain('MISMATCH');
    expect(readdirSync(out).sort()).toEqual([
      '.effekt-output.json', 'economics-cash_flow.csv', 'economics-psa_histogram.csv', 'economics-rate_card.csv', 'economics-savings_by_administration.csv', 'economics-summary.csv', 'economics-tornado.csv', 'economics.json', 'economics.xlsx',
    ]);
    expect(readFileSync(join(out, 'economics-rate_card.csv'), 'utf8').split(/\r?\n/)[0]).toBe('effect,outcomes,price_per_outcome,payments_before_limits,payments,limit_applied');
    const json = JSON.parse(readFileSync(join(out, 'economics.json'), 'utf8'));
    expect(json.schemaVersion).toBe('1.2.0');
    expect(Math.round(json.businessCase.netPerCitizen)).toBe(1667);
  });

  it('is byte-identical for the same scenario and seed', () => {
    const a = mkdtempSync(join(tmpdir(), 'effekt-econ-a-'));
    const b = mkdtempSync(join(tmpdir(), 'effekt-econ-b-'));
    runCli(['economics', '--scenario', scenario, '--out', a, '--draws', '1000', '--seed', '9']);
    runCli(['economics', '--scenario', scenario, '--out', b, '--draws', '1000', '--seed', '9']);
    for (const f of readdirSync(a)) expect(readFileSync(join(a, f)).equals(readFileSync(join(b, f))), f).toBe(true);
  });

  it('links to trial results', () => {
    const r = runCli(['economics', '--scenario', scenario, '--results', join(repoRoot, 'test/economics/fixtures'), '--draws', '500']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('qpr15-responder 15.00 %');
  });

  it('a bad scenario exits 2, names the problem and writes nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'effekt-econ-bad-'));
    const bad = JSON.parse(readFileSync(scenario, 'utf8'));
    bad.targetGroups[0].share = 0.5;
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify(bad));
    const out = join(dir, 'out');
    const r = runCli(['economics', '--scenario', file, '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('bad.json');
    expect(r.stderr).toContain('targetGroups[].share');
    expect(existsSync(out)).toBe(false);
  });

  it('the same results in another folder give byte-identical outputs', () => {
    const dir = mkdtempSync(join(tmpdir(), 'effekt-econ-move-'));
    for (const d of ['r1', 'r2/deeper']) {
      mkdirSync(join(dir, d), { recursive: true });
      copyFileSync(join(repoRoot, 'test/economics/fixtures/results.json'), join(dir, d, 'results.json'));
    }
    runCli(['economics', '--scenario', scenario, '--results', join(dir, 'r1'), '--out', join(dir, 'o1'), '--draws', '500']);
    runCli(['economics', '--scenario', scenario, '--results', join(dir, 'r2/deeper/results.json'), '--out', join(dir, 'o2'), '--draws', '500']);
    for (const f of readdirSync(join(dir, 'o1'))) expect(readFileSync(join(dir, 'o1', f)).equals(readFileSync(join(dir, 'o2', f))), f).toBe(true);
  });

  it('a results file without the named metric exits 2, names both and writes nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'effekt-econ-metric-'));
    const s = JSON.parse(readFileSync(scenario, 'utf8'));
    s.effects[0].resultsMetric = 'wsas-responder';
    writeFileSync(join(dir, 'scenario.json'), JSON.stringify(s));
    const out = join(dir, 'out');
    const r = runCli(['economics', '--scenario', join(dir, 'scenario.json'), '--results', join(repoRoot, 'test/economics/fixtures'), '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('wsas-responder');
    expect(r.stderr).toContain('qpr15-responder');
    expect(r.stderr).toContain('nothing was written');
    expect(existsSync(out)).toBe(false);
  });

  it.each([
    ['--draws', 'many'],
    ['--draws', '0'],
    ['--draws', '20000000'],
    ['--seed', '99999999999'],
  ])('a bad option value exits 2 (%s %s)', (option, value) => {
    const r = runCli(['economics', '--scenario', scenario, option, value]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(option);
    expect(r.stderr).not.toContain('unexpected');
  });
});
