# Reference values for the primary-outcome section of a time-to-event primary
# (test/report/html/primary-time-to-event.test.ts): survival::colon (data-samples/real/colon.csv),
# death, time in years (death_days / 365.25), τ = 5 years. Per arm the Kaplan–Meier proportion
# with the event by τ, 1 − S(5), with its log-log 95% limits (the analysis' confType), and the
# number in the analysis (everyone with a follow-up time) — what the report's figures per arm
# and CONSORT's "analysed" must show.
# Run from the repo root: Rscript test/reference/colon-years-event-by-tau.R
source("test/reference/json16.R")
source("test/reference/colon-years-data.R")
fit <- survfit(Surv(t, e) ~ rx, data = d, conf.type = "log-log")
s <- summary(fit, times = tau)
arms <- c("Obs", "Lev", "Lev+5FU")
strata <- sub("^rx=", "", as.character(s$strata))
out <- list(
  r_version = R.version.string, survival_version = as.character(packageVersion("survival")), tau = tau,
  arms = lapply(setNames(arms, arms), function(a) {
    k <- which(strata == a)
    list(n = sum(d$rx == a & !is.na(d$t)), eventBy = 1 - s$surv[k], lower = 1 - s$upper[k], upper = 1 - s$lower[k])
  })
)
write_json16(out, "test/reference/colon-years-event-by-tau.json")
