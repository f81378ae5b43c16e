import { describe, expect, it } from 'vitest';
import { Command } from 'commander';
import { join } from 'node:path';
import { runCli } from './run-cli.ts';
import { repoRoot } from '../helpers/fixtures.ts';
import { registerSimulatePower } from '../../src/cli/commands/simulate-power.ts';
import { simulationOptions, type SimulatePowerCliOptions } from '../../src/cli/commands/simulate-power-action.ts';

function parse(args: string[]): SimulatePowerCliOptions {
  const program = new Command().exitOverride();
  registerSimulatePower(program);
  const cmd = program.commands[0];
  cmd.action(() => undefined);
  program.parse(['simulate-power', ...args], { from: 'user' });
  return cmd.opts<SimulatePowerCliOptions>();
}

describe('effekt simulate-power', () => {
  it('runs the twin and prints JSON with power and its Monte Carlo SE', () => {
    const r = runCli(['simulate-power', '--source', 'twin', '--outcome', 'qpr15', '--n', '20', '--delta', '4', '--replicates', '2', '--threads', '1', '--json', '--quiet']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.replicates).toBe(2);
    expect(j.source).toEqual({ kind: 'twin', specFile: 'peer-trial.spec.json', dataFile: null, resampleFrom: null });
    expect(j.estimators[0].estimator).toBe('ancova');
    expect(j.estimators[0]).toHaveProperty('mcse');
  });

  it('maps the flags to options (defaults: 1000 trials, seed 2025, the twin’s spec)', () => {
    const o = simulationOptions(parse(['--source', 'twin', '--outcome', 'qpr15', '--n', '80', '--estimators', 'ancova, mmrm', '--dropout', '0.15']));
    expect(o.replicates).toBe(1000);
    expect(o.seed).toBe(2025);
    expect(o.estimators).toEqual(['ancova', 'mmrm']);
    expect(o.dropout).toBe(0.15);
    expect(o.source.specFile).toBe(join(repoRoot, 'data-samples', 'peer-trial.spec.json'));
  });

  it.each([
    [['--source', 'pilot.csv', '--outcome', 'qpr15', '--n', '80'], 'pilot data need --spec'],
    [['--source', 'twin', '--outcome', 'qpr15', '--n', '80', '--estimators', 'gee'], '"gee" is not one of'],
    [['--source', 'twin', '--outcome', 'qpr15', '--n', '80', '--resample-from', 'all'], 'is for pilot data'],
    [['--source', 'twin', '--outcome', 'qpr15', '--n', 'many'], '--n must be a positive whole number'],
    [['--source', 'twin', '--outcome', 'qpr15', '--n', '80', '--dropout', '15'], 'write 0.15'],
  ])('%j is refused with the fix', (args, message) => {
    expect(() => simulationOptions(parse(args))).toThrow(message);
  });
});
