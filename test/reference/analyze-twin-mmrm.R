# Independent MMRM re-analysis of the bundled twin, for the end-to-end check of the 'mmrm' rows
# of `effekt analyze` (test/analysis/analyze-vs-r.test.ts). Per outcome: every participant with
# at least one observed post-baseline value (end, fu6); baseline score mean-imputed over those
# participants when missing; nlme::gls with unstructured correlation (corSymm) and visit-specific
# variances (varIdent), REML, y ~ arm * visit + baseline * visit + municipality; emmeans with
# Satterthwaite df, equal weights over municipality, the PEER − SAU contrast at each visit.
# emmeans' df for this structure are its stochastic "appx-satterthwaite"; the df, CI and p
# compared are recomputed with the Satterthwaite df written out (satterthwaite-un.R), and
# emmeans' own df are kept as `dfEmmeans` for the record.
suppressMessages({ library(jsonlite); library(nlme); library(emmeans) })
emm_options(opt.digits = FALSE)
source("test/reference/twin-scores.R")
source("test/reference/satterthwaite-un.R")
rows <- list()
for (o in outcomes) {
  long <- do.call(rbind, lapply(c("end", "fu6"), function(v) {
    fv <- d[d$visit == v, c("participant_id", o)]; names(fv)[2] <- "y"
    w <- merge(base[, c("participant_id", "arm", "municipality", o)], fv, by = "participant_id")
    names(w)[names(w) == o] <- "b"; w$visit <- v; w
  }))
  long <- long[!is.na(long$y), ]
  ids <- unique(long$participant_id)
  bmean <- mean(base[[o]][base$participant_id %in% ids], na.rm = TRUE)
  long$b[is.na(long$b)] <- bmean
  long$arm <- factor(long$arm, levels = c("SAU", "PEER")); long$visit <- factor(long$visit, levels = c("end", "fu6"))
  long$municipality <- factor(long$municipality); long$vindex <- as.integer(long$visit)
  long <- long[order(long$participant_id, long$vindex), ]
  f <- gls(y ~ arm * visit + b * visit + municipality, data = long, correlation = corSymm(form = ~ vindex | participant_id),
           weights = varIdent(form = ~ 1 | visit), method = "REML", control = glsControl(tolerance = 1e-10, msTol = 1e-12, maxIter = 500, msMaxIter = 500))
  g <- emmeans(f, ~ arm | visit, mode = "satterthwaite", data = long); es <- summary(g)
  cg <- contrast(g, list(d = c(-1, 1))); ct <- summary(cg, infer = TRUE)
  X <- model.matrix(y ~ arm * visit + b * visit + municipality, long)
  S0 <- unclass(getVarCov(f, individual = names(which(table(long$participant_id) == 2))[1]))
  df <- sat_df_un(X, long$participant_id, long$vindex, long$y, S0, cg@linfct)
  for (v in c("end", "fu6")) {
    k <- which(ct$visit == v); e <- es[es$visit == v, ]
    tq <- qt(0.975, df[k]); est <- ct$estimate[k]; se <- ct$SE[k]
    rows[[length(rows) + 1]] <- list(outcome = o, visit = v, estimator = "mmrm", n = as.list(table(long$arm[long$visit == v])),
      emm = list(SAU = e$emmean[e$arm == "SAU"], PEER = e$emmean[e$arm == "PEER"]), emmSe = list(SAU = e$SE[e$arm == "SAU"], PEER = e$SE[e$arm == "PEER"]),
      diff = est, se = se, df = df[k], p = 2 * pt(-abs(est / se), df[k]), lower = est - tq * se, upper = est + tq * se,
      dfEmmeans = ct$df[k], logLik = as.numeric(logLik(f)), participants = length(ids))
  }
}
write_json(list(R = R.version.string, nlme = as.character(packageVersion("nlme")), emmeans = as.character(packageVersion("emmeans")), rows = rows),
  "test/reference/analyze-twin-mmrm.json", digits = NA, auto_unbox = TRUE, pretty = TRUE)
