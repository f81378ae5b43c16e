/**
 * Scale (issue 14, item 3): `effekt simulate --participants N` (the twin's shape, 3 visits), then
 * validate, analyze (the twin's spec: ANCOVA, CC, PP, Welch, MMRM, MI, tipping points,
 * responders, safety, subgroups) and report (English, with PDF) each as a whole process, with
 * time and peak RSS, so the growth with N is visible. At N = 10⁶ also the plan that target names
 * (ANCOVA, MMRM, responders; MI off): validate + that + report is the figure to hold to 60 s,
 * timed both as three commands and as one `effekt run`, which reads and validates the file once.
 * N = 10³ and 10⁴ by default; set
 * EFFEKT_BENCH_SCALE=1000,10000,100000[,1000000] for more. Datasets are simulated once into
 * $TMPDIR/effekt-bench-scale (untimed). N ≥ 10⁵ is timed once, without a warm-up. R's
 * counterparts (bench/r/scale-job.R): validate at every N; the MI-off analysis at N ≥ 10⁵.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchCase } from '../bench-case.ts';

const root = join(fileURLToPath(import.meta.url), '../../..');
const cache = join(tmpdir(), 'effekt-bench-scale');
const sizes = (process.env.EFFEKT_BENCH_SCALE ?? '1000,10000').split(',').map(Number).filter((n) => Number.isInteger(n) && n >= 4);
const spec = 'data-samples/peer-trial.spec.json';
const effekt = (...args: string[]) => [process.execPath, 'bin/effekt.js', ...args];

function simulated(n: number): string {
  mkdirSync(cache, { recursive: true });
  const file = join(cache, `peer-${n}.csv`);
  if (!existsSync(file)) {
    const r = spawnSync(process.execPath, ['bin/effekt.js', 'simulate', '--participants', String(n), '--out', file, '--quiet'], { cwd: root, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`simulate --participants ${n}: ${r.stderr}`);
  }
  return file;
}

/**
 * The twin's spec with multiple imputation off (no MI-ANCOVA, no tipping points), every other
 * analysis kept: what R's reference scripts do (bench/r/scale-job.R), plus subgroups.
 */
function specWithoutMi(): string {
  mkdirSync(cache, { recursive: true });
  const file = join(cache, 'peer-trial-no-mi.spec.json');
  const s = JSON.parse(readFileSync(join(root, spec), 'utf8')) as { analysisPlan?: Record<string, unknown> };
  s.analysisPlan = { ...s.analysisPlan, sensitivity: ['complete-case', 'mmrm', 'per-protocol', 'welch'] };
  writeFileSync(file, `${JSON.stringify(s, null, 2)}\n`);
  return file;
}

/**
 * The N = 10⁶ target's own plan, as the issue names it: ANCOVA and MMRM per outcome, responders
 * (and the count outcomes' rate ratios, which the spec declares), MI off — no complete-case,
 * per-protocol or Welch sensitivity analyses and no subgroups, which only the N = 10⁵ target lists.
 */
function specTarget6(): string {
  mkdirSync(cache, { recursive: true });
  const file = join(cache, 'peer-trial-target6.spec.json');
  const s = JSON.parse(readFileSync(join(root, spec), 'utf8')) as { analysisPlan?: Record<string, unknown> };
  const { subgroups: _subgroups, imputation: _imputation, ...plan } = s.analysisPlan ?? {};
  s.analysisPlan = { ...plan, sensitivity: ['mmrm'] };
  writeFileSync(file, `${JSON.stringify(s, null, 2)}\n`);
  return file;
}

/**
 * The N = 10⁵ target's plan: ANCOVA, MMRM, MI-ANCOVA with m = 20, responders, safety, subgroups
 * (the twin's spec with m = 20 and no tipping points, which the target does not list).
 */
function specMi20(): string {
  mkdirSync(cache, { recursive: true });
  const file = join(cache, 'peer-trial-mi20.spec.json');
  const s = JSON.parse(readFileSync(join(root, spec), 'utf8')) as { analysisPlan?: Record<string, unknown> & { imputation?: Record<string, unknown> } };
  s.analysisPlan = { ...s.analysisPlan, imputation: { ...s.analysisPlan?.imputation, m: 20 }, sensitivity: ['complete-case', 'mmrm', 'mi-ancova', 'per-protocol', 'welch'] };
  writeFileSync(file, `${JSON.stringify(s, null, 2)}\n`);
  return file;
}

export const cases: BenchCase[] = sizes.flatMap((n): BenchCase[] => {
  const big = n >= 100_000;
  const timing = { repeat: big ? 1 : 5, noWarmup: big };
  const label = n.toLocaleString('en');
  const data = join(cache, `peer-${n}.csv`);
  const analysis = join(cache, `analysis-${n}`);
  return [
    // setup runs untimed before each case: simulates the data on first use.
    { name: `scale: validate, N = ${label} (× 3 visits)`, setup: () => simulated(n), command: effekt('validate', data, '--spec', spec, '--quiet'), ...timing, rCommand: ['bench/r/scale-job.R', 'validate', data], rNote: 'R: read, check, score' },
    { name: `scale: analyze, N = ${label}`, setup: () => simulated(n), command: effekt('analyze', data, '--spec', spec, '--out', analysis, '--quiet'), ...timing },
    { name: `scale: report (en, PDF), N = ${label}`, command: effekt('report', '--results', analysis, '--lang', 'en', '--out', join(cache, `report-${n}`), '--quiet'), ...timing },
    // The twin's plan with MI off (the work R's reference scripts do, plus subgroups); at N ≥ 10⁵ only, where the full plan's MI dominates.
    ...(big ? [{ name: `scale: analyze, target plan (MI m = 20, no tipping points), N = ${label}`, setup: () => void (simulated(n), specMi20()), command: effekt('analyze', data, '--spec', join(cache, 'peer-trial-mi20.spec.json'), '--out', `${analysis}-mi20`, '--quiet'), ...timing }] : []),
    ...(n >= 1_000_000 ? [{ name: `scale: analyze, the 10⁶ target's plan (ANCOVA, MMRM, responders; MI off), N = ${label}`, setup: () => void (simulated(n), specTarget6()), command: effekt('analyze', data, '--spec', join(cache, 'peer-trial-target6.spec.json'), '--out', `${analysis}-target6`, '--quiet'), ...timing }] : []),
    // The same three stages as one command (`effekt run`, no scenario so no economics): the file is read and validated once.
    ...(n >= 1_000_000 ? [{ name: `scale: run (validate → the 10⁶ target's plan → report en, PDF) in one process, N = ${label}`, setup: () => void (simulated(n), specTarget6()), command: effekt('run', data, '--spec', join(cache, 'peer-trial-target6.spec.json'), '--lang', 'en', '--out', `${analysis}-run-target6`, '--quiet'), ...timing }] : []),
    ...(big ? [{ name: `scale: analyze MI off (ANCOVA, CC, PP, Welch, MMRM, responders, safety, subgroups), N = ${label}`, setup: () => void (simulated(n), specWithoutMi()), command: effekt('analyze', data, '--spec', join(cache, 'peer-trial-no-mi.spec.json'), '--out', `${analysis}-no-mi`, '--quiet'), ...timing, rCommand: ['bench/r/scale-job.R', 'analyze-no-mi', data], rNote: 'R: the reference analyses (no subgroups), gls MMRM per outcome' }] : []),
  ];
});
