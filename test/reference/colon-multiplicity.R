# Reference values for the default multiplicity family of a k-arm trial with no declared order
# (test/analysis/run/multiplicity.test.ts): survival::colon (data-samples/real/colon.csv), death, time
# in years (death_days / 365.25), all pairs of Obs, Lev and Lev+5FU. Each comparison's Cox model
# uses its two arms alone (Efron ties, Wald p); the three p-values of the primary outcome are
# adjusted by Holm, R's p.adjust default, in comparison order. A fixed sequence in comparison order
# (what effekt did) adjusted all three to Lev vs Obs's 0.81.
# Run from the repo root: Rscript test/reference/colon-multiplicity.R
source("test/reference/json16.R")
suppressMessages(library(survival))
d <- read.csv("data-samples/real/colon.csv")
d$t <- d$death_days / 365.25
d$e <- d$death == "yes"
pairs <- list(c("Lev", "Obs"), c("Lev+5FU", "Obs"), c("Lev+5FU", "Lev"))
cox <- lapply(pairs, function(p) {
  s <- d[d$rx %in% p, ]
  s$arm <- factor(s$rx, levels = c(p[2], p[1]))
  fit <- coxph(Surv(t, e) ~ arm, data = s, ties = "efron")
  co <- summary(fit)$coefficients
  list(id = paste(p[1], "vs", p[2]), hazardRatio = unname(co[1, "exp(coef)"]), p = unname(co[1, "Pr(>|z|)"]))
})
p <- sapply(cox, function(x) x$p)
out <- list(
  r_version = R.version.string, survival_version = as.character(packageVersion("survival")),
  comparisons = lapply(seq_along(cox), function(k) c(cox[[k]], list(pHolm = p.adjust(p, "holm")[k])))
)
write_json16(out, "test/reference/colon-multiplicity.json")
