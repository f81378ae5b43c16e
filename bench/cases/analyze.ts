/**
 * The full `effekt analyze` on the bundled twin as the plan in its spec asks: load, score, every
 * outcome × visit with ANCOVA, complete case, per protocol, Welch, MMRM (unstructured, REML,
 * Satterthwaite; both visits), MI-ANCOVA (PMM, m = 50, maxit = 10), MI-pooled responder risk
 * differences, δ tipping points for the primary and secondary outcomes, safety, subgroups.
 * The R side runs the same analyses: test/reference/analyze-twin.R (lm + emmeans, t.test,
 * prop.test, glm.nb), analyze-twin-mmrm.R (nlme::gls + emmeans) and mice (pmm, m = 50) + lm +
 * pool for the eight outcomes at the primary visit — R does no tipping point, so the ratio
 * understates effekt's advantage.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchCase } from '../bench-case.ts';
import { loadTrial } from '../../src/instruments/load-trial.ts';
import { runAnalysis } from '../../src/analysis/run/run-analysis.ts';

const root = join(fileURLToPath(import.meta.url), '../../..');
const data = join(root, 'data-samples/peer-trial.csv');
const spec = join(root, 'data-samples/peer-trial.spec.json');

const quiet = (script: string) => `local({ e <- new.env(); e$write_json <- function(...) invisible(NULL); sys.source("${script}", envir = e) })`;

export const cases: BenchCase[] = [
  {
    name: 'effekt analyze on the twin (ANCOVA, CC, PP, Welch, MMRM, MI m = 50, tipping points, responders, safety, subgroups)',
    // Loading is part of the job; each run starts from the file, so no cache carries over.
    run: () => loadTrial(data, spec).then((t) => runAnalysis(t)),
    repeat: 3,
    targetMs: 2000,
    r: `setwd("${root}"); library(mice); library(nlme); library(emmeans); library(jsonlite)
bench <- function() {
  ${quiet('test/reference/analyze-twin.R')}
  ${quiet('test/reference/analyze-twin-mmrm.R')}
  source("test/reference/twin-scores.R", local = TRUE)
  for (o in outcomes) {
    w <- base[, c("participant_id", "arm", "municipality", "severity_group", o)]; names(w)[5] <- "b"
    for (v in c("end", "fu6")) { fv <- d[d$visit == v, c("participant_id", o)]; names(fv)[2] <- v; w <- merge(w, fv, by = "participant_id") }
    w$arm <- factor(w$arm, levels = c("SAU", "PEER")); w$municipality <- factor(w$municipality); w$severity_group <- factor(w$severity_group)
    imp <- mice(w[, -1], m = 50, maxit = 10, method = "pmm", seed = 1, printFlag = FALSE)
    pool(with(imp, lm(end ~ arm + b + municipality)))
  }
}`,
  },
];
