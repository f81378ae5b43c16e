/**
 * Whole-process cases (issue 14, items 1 and 2): the installed command as a user runs it — a
 * child process from start-up to exit — median of 5 runs after a warm-up, wall and CPU time. R's
 * counterparts: `npm start`'s job is bench/r/peer-job.R (validate, the same analyses, PSA; no
 * report; minutes, so timed once — EFFEKT_BENCH_R=0 skips R), validate is bench/r/validate-twin.R,
 * and --help is compared with R's start-up.
 * dist/ is rebuilt first so the timed command runs the current sources (as `npm ci`'s prepare does).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchCase } from '../bench-case.ts';

const root = join(fileURLToPath(import.meta.url), '../../..');
const built = spawnSync(process.execPath, ['scripts/build.mjs', '--quiet'], { cwd: root, encoding: 'utf8' });
if (built.status !== 0) throw new Error(`build failed: ${built.stderr}`);

const effekt = (...args: string[]) => [process.execPath, 'bin/effekt.js', ...args];
/** `npm start`'s Node flags, from package.json's start script (the flags bin/effekt.js would otherwise respawn `run` with). */
const startFlags = (/\bnode((?: --\S+)*) bin\/effekt\.js run\b/.exec((JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: { start: string } }).scripts.start)?.[1] ?? '').split(' ').filter(Boolean);
const npmStart = (...args: string[]) => [process.execPath, ...startFlags, 'bin/effekt.js', ...args];
const twin = ['data-samples/peer-trial.csv', '--spec', 'data-samples/peer-trial.spec.json'];
const out = mkdtempSync(join(tmpdir(), 'effekt-bench-run-'));

export const cases: BenchCase[] = [
  // R has no --help of its own to compare: its counterpart is R's own start-up.
  { name: 'process: effekt --help', command: effekt('--help'), targetMs: 250, rCommand: ['-e', 'invisible(0)'], rNote: 'R: start-up only' },
  { name: 'process: effekt validate on the twin', command: effekt('validate', ...twin, '--quiet'), targetMs: 600, rCommand: ['bench/r/validate-twin.R'], rNote: 'R: read, check, score, summarise' },
  {
    name: "process: npm start's job (effekt run: validate, analyze, economics + PSA, da + en reports with PDF)",
    // The same command line as `npm start`, into a scratch folder (each run replaces it).
    command: npmStart('run', ...twin, '--scenario', 'data-samples/economics/dsi-base-case.json', '--out', out, '--quiet'),
    targetMs: 4000,
    rCommand: ['bench/r/peer-job.R'],
    // Minutes per run in R on the shared box: once, without a warm-up (R compiles nothing).
    rRepeat: 1,
  },
];
