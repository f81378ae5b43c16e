import { describe, expect, it } from 'vitest';
import { Command } from 'commander';
import { runCli } from './run-cli.ts';
import { join } from 'node:path';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { addPowerOptions } from '../../src/cli/commands/power.ts';
import { planFromCli, powerInputFromOptions, runPowerCli, type PowerCliOptions } from '../../src/cli/commands/power-action.ts';
import { powerSummaryLines } from '../../src/cli/commands/power-text.ts';
import { repoRoot } from '../helpers/fixtures.ts';
import { CliError } from '../../src/cli/errors.ts';

describe('effekt power', () => {
  it('the acceptance call prints JSON with 63.77 per arm and 64 rounded up', () => {
    const r = runCli(['power', '--design', 'two-sample', '--effect-size', '0.5', '--power', '0.8', '--alpha', '0.05', '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.solvedFor).toBe('n');
    expect(j.sampleSize.perArm.control.toFixed(2)).toBe('63.77');
    expect(j.sampleSize.perArm.intervention.toFixed(2)).toBe('63.77');
    expect(j.sampleSize.perArmRoundedUp).toEqual({ control: 64, intervention: 64 });
    expect(j.method).toContain('pwr');
  });

  it('prints a readable summary, with the recruited n after dropout and the design effect', () => {
    const r = runCli(['power', '--design', 'ancova', '--delta', '4', '--sd', '11.9', '--rho', '0.5', '--power', '0.8', '--dropout', '0.15', '--icc', '0.05', '--cluster-size', '8', '--cluster-arms', 'intervention']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('solved for the sample size');
    expect(r.stdout).toContain('Design effect 1.35');
    expect(r.stdout).toMatch(/Recruit: \d+ control, \d+ intervention/);
  });

  it('solves for power and for the minimum detectable effect', () => {
    const p = runCli(['power', '--design', 'two-sample', '--effect-size', '0.5', '--n', '64', '--json']);
    expect(JSON.parse(p.stdout).power).toBeGreaterThan(0.8);
    const m = runCli(['power', '--design', 'proportions', '--control-rate', '0.37', '--n', '100', '--power', '0.8', '--mde', '--json']);
    const j = JSON.parse(m.stdout);
    expect(j.solvedFor).toBe('effect');
    expect(j.effect.interventionRate).toBeGreaterThan(0.37);
  });

  it('--out writes the curve and the notes in both languages; --json keeps stdout pure JSON', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'effekt-power-')), 'plan');
    const r = runCli(['power', '--design', 'single-arm', '--results', join(repoRoot, 'test/analysis/power/fixtures'), '--outcome', 'qpr15', '--expected-change', '6', '--n', '80', '--json', '--out', out]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).fromTrial.benchmark.value).toBeCloseTo(1.77, 2);
    expect(r.stderr).toContain('Wrote 7 files');
    expect(readdirSync(out).sort()).toEqual(['.effekt-output.json', 'planning-note.da.html', 'planning-note.en.html', 'power-curve.da.svg', 'power-curve.da.vl.json', 'power-curve.en.svg', 'power-curve.en.vl.json', 'power.json']);
    expect(readFileSync(join(out, 'planning-note.da.html'), 'utf8')).toContain('Planlægningsnotat');
  });

  it('bad input exits 2 with the fix and no stack trace', () => {
    const r = runCli(['power', '--design', 'two-sample', '--effect-size', '0.5', '--power', '80']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('write 0.8');
    expect(r.stderr).not.toContain('    at ');
    expect(r.stdout).toBe('');
  });
});

// The same parsing in-process (a child process per case would cost seconds each).
describe('effekt power: options → input, errors name the flag', () => {
  it.each([
    [['--effect-size', '0.5', '--power', '0.8'], '--design is required'],
    [['--design', 'crossover', '--effect-size', '0.5', '--power', '0.8'], '--design must be one of'],
    [['--design', 'two-sample', '--effect-size', '0.5', '--power', '80'], 'write 0.8'],
    [['--design', 'two-sample', '--effect-size', 'half', '--power', '0.8'], '--effect-size must be a number'],
    [['--design', 'two-sample', '--effect-size', '0.5', '--power', '0.8', '--n', '30'], 'leave out the one to solve for'],
    [['--design', 'two-sample', '--power', '0.8'], '--mde'],
    [['--design', 'two-sample', '--n', '30', '--mde'], '--mde needs both --n and --power'],
    [['--design', 'two-sample', '--effect-size', '0.5', '--n', '30', '--power', '0.8', '--mde'], 'leave out --effect-size'],
    [['--design', 'ancova', '--effect-size', '0.5', '--power', '0.8'], '--rho is required'],
    [['--design', 'two-sample', '--delta', '5', '--power', '0.8'], '--sd'],
    [['--design', 'two-sample', '--effect-size', '0.5', '--power', '0.8', '--dropout', '15%'], 'give it as a share: 0.15'],
    [['--design', 'two-sample', '--effect-size', '0.5', '--power', '0.8', '--cluster-arms', 'control'], '--cluster-arms must be one of'],
    [['--design', 'proportions', '--control-rate', '0.9', '--delta', '0.2', '--power', '0.8'], '(check --delta)'],
    [['--design', 'negative-binomial', '--control-rate', '0.5', '--effect-size', '0.7', '--power', '0.8', '--nb-approach', '4'], '--nb-approach must be one of'],
  ])('%j', (args, message) => {
    const opts = parseOnly(args);
    expect(() => planFromCli(powerInputFromOptions(opts))).toThrow(CliError);
    expect(() => planFromCli(powerInputFromOptions(opts))).toThrow(message);
  });
});

/** Parses the flags with the command's own option definitions, without running it. */
function parseOnly(args: string[]): PowerCliOptions {
  const cmd = addPowerOptions(new Command('power').exitOverride());
  cmd.parse(args, { from: 'user' });
  return cmd.opts<PowerCliOptions>();
}

describe('effekt power --results: the trial’s own numbers', () => {
  const results = join(repoRoot, 'test/analysis/power/fixtures/results.json');
  const parse = (args: string[]) => addPowerOptions(new Command('power').exitOverride()).parse(args, { from: 'user' }).opts<PowerCliOptions>();

  it('ANCOVA takes SD, ρ and dropout; the result says where each came from', () => {
    const r = runPowerCli(parse(['--design', 'ancova', '--results', results, '--outcome', 'qpr15', '--delta', '4', '--power', '0.8']));
    expect(r.fromTrial?.outcome).toBe('qpr15');
    expect(Object.keys(r.fromTrial?.used ?? {}).sort()).toEqual(['dropout', 'rho', 'sd']);
    expect(r.adjustments.dropout).toBeGreaterThan(0.1);
    expect(powerSummaryLines(r).join('\n')).toContain('From the trial: results.json');
  });

  it.each([
    [['--design', 'ancova', '--outcome', 'qpr15', '--delta', '4', '--power', '0.8'], 'give --results too'],
    [['--design', 'ancova', '--results', 'x', '--delta', '4', '--power', '0.8'], '--results needs --outcome'],
    [['--design', 'two-sample', '--expected-change', '6', '--n', '80'], 'is for --design single-arm'],
    [['--design', 'single-arm', '--expected-change', '6', '--n', '80', '--sd', '9'], 'needs a benchmark'],
  ])('%j', (args, message) => {
    expect(() => runPowerCli(parse(args))).toThrow(message);
  });
});
