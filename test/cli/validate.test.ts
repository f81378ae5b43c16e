import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { runCli } from './run-cli.ts';
import { repoRoot } from '../helpers/fixtures.ts';

const samples = join(repoRoot, 'data-samples');

describe('effekt validate', () => {
  it('summarises the twin: arm × site, visits, missingness', () => {
    const r = runCli(['validate', join(samples, 'peer-trial.csv'), '--spec', join(samples, 'peer-trial.spec.json')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('SYNTHETIC');
    expect(r.stdout).toMatch(/all\s+151\s+145\s+296/);
    expect(r.stdout).toContain('qpr15');
    expect(r.stdout).toContain('53/296 (18%)');
  });

  it('lists every problem with row and column and exits 2', () => {
    const r = runCli(['validate', join(repoRoot, 'test/data/fixtures/malformed/arm-label-typo.csv'), '--spec', join(samples, 'peer-trial.spec.json')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('row 3, column "arm"');
    expect(r.stderr).toContain('did you mean "PEER"');
    expect(r.stdout).toBe('');
  });

  it('--help works', () => {
    const r = runCli(['--help']);
    expect(r.code).toBe(0);
    for (const c of ['validate', 'simulate', 'economics']) expect(r.stdout).toContain(c);
  });

  it('simulate refuses a bad option with exit 2', () => {
    const r = runCli(['simulate', '--out', '/tmp/x.csv', '--cohort', 'nowhere']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--cohort');
  });
});
