/**
 * The full `effekt analyze` on the bundled twin (load, score, every outcome × visit × estimator,
 * responders, safety, subgroups). The R side runs test/reference/analyze-twin.R, which does the
 * same ANCOVAs, Welch tests, responders and negative-binomial fits (not the subgroups).
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchCase } from '../bench-case.ts';
import { loadTrial } from '../../src/instruments/load-trial.ts';
import { runAnalysis } from '../../src/analysis/run/run-analysis.ts';

const root = join(fileURLToPath(import.meta.url), '../../..');
const trial = await loadTrial(join(root, 'data-samples/peer-trial.csv'), join(root, 'data-samples/peer-trial.spec.json'));

export const cases: BenchCase[] = [
  {
    name: 'effekt analyze on the twin (ANCOVA + sensitivity + responders + safety + subgroups; no MI/MMRM yet)',
    run: () => runAnalysis(trial),
    repeat: 5,
    targetMs: 2000,
    r: `setwd("${root}"); bench <- function() { e <- new.env(); e$write_json <- function(...) invisible(NULL); sys.source("test/reference/analyze-twin.R", envir = e) }`,
  },
];
