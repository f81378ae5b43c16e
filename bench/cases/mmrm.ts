/**
 * MMRM on the twin: QPR-15 at end and fu6 (248 participants, 467 rows), unstructured Σ, REML,
 * EMMs per arm × visit and the arm difference per visit with Satterthwaite df — the same work in
 * R as nlme::gls(corSymm + varIdent) + emmeans(mode = "appx-satterthwaite", emmeans' choice for
 * corSymm) + contrast, on the same rows (test/reference/mmrm.json).
 */
import type { BenchCase } from '../bench-case.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { factor, modelMatrix, numeric } from '../../src/stats/design/model-matrix.ts';
import { fitMmrm, mmrmBasis } from '../../src/stats/models/mmrm/index.ts';
import { contrast, emmeans } from '../../src/stats/emm/emmeans.ts';

interface Case { data: { id: string[]; arm: string[]; site: string[]; base: number[]; visit: string[]; y: number[] }; visits: string[] }

function setup() {
  const fx = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'test', 'reference', 'mmrm.json'), 'utf8')) as { cases: Case[] };
  return fx.cases[0];
}

function run(prepared: unknown) {
  const { data: d, visits } = prepared as Case;
  const design = modelMatrix({
    variables: [factor('arm', d.arm, ['SAU', 'PEER']), factor('visit', d.visit, visits), numeric('base', d.base), factor('site', d.site)],
    terms: [['arm'], ['visit'], ['base'], ['site'], ['arm', 'visit'], ['visit', 'base']],
  });
  const fit = fitMmrm({ X: design.X, columnNames: design.columnNames, y: d.y, subject: d.id, visit: d.visit.map((v) => visits.indexOf(v)), visits }, { covariance: 'unstructured' });
  const basis = mmrmBasis(fit, design);
  const emm = emmeans(basis, { specs: ['arm'], by: ['visit'] });
  return visits.map((v) => {
    const [a, b] = ['SAU', 'PEER'].map((arm) => emm.cells.find((c) => c.levels.visit === v && c.levels.arm === arm)!);
    return contrast(basis, b, a);
  });
}

const r = `library(nlme); library(emmeans); library(jsonlite)
c1 <- fromJSON("test/reference/mmrm.json", simplifyVector = FALSE)$cases[[1]]$data
d <- as.data.frame(lapply(c1, unlist)); d$arm <- factor(d$arm, levels = c("SAU", "PEER")); d$visit <- factor(d$visit, levels = c("end", "fu6"))
d$site <- factor(d$site); d$vindex <- as.integer(d$visit); d$id <- factor(d$id)
bench <- function() {
  f <- gls(y ~ arm * visit + base * visit + site, data = d, correlation = corSymm(form = ~ vindex | id), weights = varIdent(form = ~ 1 | visit), method = "REML")
  e <- emmeans(f, ~ arm | visit, mode = "appx-satterthwaite", data = d)
  invisible(summary(contrast(e, list(d = c(-1, 1))), infer = TRUE))
}`;

export const cases: BenchCase[] = [{ name: 'MMRM unstructured REML + EMMs + Satterthwaite, twin 248 × (end, fu6)', setup, run, repeat: 20, r }];
