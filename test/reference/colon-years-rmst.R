# Reference values for the time-to-event tables' decimals (test/report/time-decimals.test.ts):
# survival::colon (data-samples/real/colon.csv), death, with time in years (death_days / 365.25) and
# τ = 5 years — a real trial on a scale where the RMST difference Lev − Obs is −0.044 years, which a
# fixed 1 decimal wrote as "0.0". Per arm: RMST at τ and its SE (print(fit, rmean = τ): survmean's
# variance) and the median (quantile.survfit); per comparison: the RMST difference, Wald limits.
# Run from the repo root: Rscript test/reference/colon-years-rmst.R
source("test/reference/json16.R")
source("test/reference/colon-years-data.R")
fit <- survfit(Surv(t, e) ~ rx, data = d, conf.type = "log-log")
tab <- summary(fit, rmean = tau)$table
arms <- c("Obs", "Lev", "Lev+5FU")
row <- function(a) paste0("rx=", a)
out <- list(
  r_version = R.version.string, survival_version = as.character(packageVersion("survival")), tau = tau,
  arms = lapply(setNames(arms, arms), function(a) list(rmst = tab[row(a), "rmean"], se = tab[row(a), "se(rmean)"], median = tab[row(a), "median"])),
  comparisons = lapply(list(c("Lev", "Obs"), c("Lev+5FU", "Obs"), c("Lev+5FU", "Lev")), function(p) {
    est <- tab[row(p[1]), "rmean"] - tab[row(p[2]), "rmean"]
    se <- sqrt(tab[row(p[1]), "se(rmean)"]^2 + tab[row(p[2]), "se(rmean)"]^2)
    z <- qnorm(0.975)
    list(id = paste(p[1], "vs", p[2]), estimate = est, lower = est - z * se, upper = est + z * se)
  })
)
write_json16(out, "test/reference/colon-years-rmst.json")
