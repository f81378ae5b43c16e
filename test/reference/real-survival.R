# Reference values for the time-to-event analysis (src/analysis/survival, docs/time-to-event.md)
# on two real public trials exported from the survival package (test/reference/export-real-survival.R
# → data-samples/real/*.csv), computed the way the analysis computes them:
#   per arm: survfit (Kaplan–Meier, Greenwood, conf.type "log-log"), the median and its limits
#     (quantile.survfit), survival at landmark times (summary(fit, times, extend = TRUE)), RMST at τ
#     (print(fit, rmean = τ): survmean's variance);
#   overall: survdiff over all arms (stratified when the case has strata);
#   per comparison, the two arms alone: survdiff; coxph (Efron, eps 1e-12; strata(); covariates)
#     with the arm's HR, limits, Wald p and cox.zph (km) for the arm; the RMST difference (Wald);
#   competing risks (colon, recurrence vs death without recurrence): survfit's Aalen–Johansen
#     estimate (pstate, std.err) at the landmarks and τ with "log" limits, incidence differences
#     (Wald) and cause-specific Cox HRs.
# The case definitions are written into the fixture, and the TS test runs exactly those.
source("test/reference/json16.R")
suppressMessages(library(survival))

cases <- list(
  list(name = "colon: recurrence, 3 arms, adjusted for node4 and extent", file = "data-samples/real/colon.csv", time = "recurrence_days", event = "recurrence",
       arm = "rx", arms = c("Obs", "Lev", "Lev+5FU"), comparisons = list(c("Lev", "Obs"), c("Lev+5FU", "Obs"), c("Lev+5FU", "Lev")),
       covariates = list(list(name = "node4", kind = "numeric"), list(name = "extent", kind = "categorical", levels = c("submucosa", "muscle", "serosa", "contiguous"))),
       strata = NULL, tau = 1826, landmarks = c(365, 730, 1826)),
  list(name = "colon: death, 3 arms, unadjusted", file = "data-samples/real/colon.csv", time = "death_days", event = "death",
       arm = "rx", arms = c("Obs", "Lev", "Lev+5FU"), comparisons = list(c("Lev", "Obs"), c("Lev+5FU", "Obs"), c("Lev+5FU", "Lev")),
       covariates = list(), strata = NULL, tau = 2920, landmarks = c(365, 1095, 1826, 2920)),
  list(name = "rhDNase: first infection, stratified by institution, adjusted for FEV", file = "data-samples/real/rhdnase.csv", time = "days", event = "infection",
       arm = "trt", arms = c("placebo", "rhDNase"), comparisons = list(c("rhDNase", "placebo")),
       covariates = list(list(name = "fev", kind = "numeric")), strata = "inst", tau = 160, landmarks = c(30, 90, 160))
)
competing <- list(
  list(name = "colon: recurrence vs death without recurrence", file = "data-samples/real/colon.csv", time = "first_event_days", cause = "first_event", causes = c("recurrence", "death"),
       arm = "rx", arms = c("Obs", "Lev", "Lev+5FU"), comparisons = list(c("Lev", "Obs"), c("Lev+5FU", "Obs"), c("Lev+5FU", "Lev")), tau = 1826, landmarks = c(365, 1826))
)

z975 <- qnorm(0.975)
ctl <- coxph.control(eps = 1e-12, toler.chol = 1e-14, iter.max = 100)
wald <- function(est, se) list(estimate = est, se = se, lower = est - z975 * se, upper = est + z975 * se, z = est / se, p = 2 * pnorm(-abs(est / se)))
cox_terms <- function(cs) paste(c("arm1", sapply(cs$covariates, function(c) c$name), if (!is.null(cs$strata)) sprintf("strata(%s)", cs$strata)), collapse = " + ")

prep <- function(cs, d) {
  d$arm <- factor(d[[cs$arm]], levels = cs$arms)
  for (c in cs$covariates) if (c$kind == "categorical") d[[c$name]] <- factor(d[[c$name]], levels = c$levels)
  d
}

survival_case <- function(cs) {
  d <- prep(cs, read.csv(cs$file, stringsAsFactors = FALSE))
  d$t <- d[[cs$time]]; d$e <- as.integer(d[[cs$event]] == "yes")
  fit <- survfit(Surv(t, e) ~ arm, data = d, conf.type = "log-log")
  q <- quantile(fit, 0.5)
  s <- summary(fit, times = cs$landmarks, extend = TRUE)
  rm <- summary(fit, rmean = cs$tau)$table
  arms <- lapply(seq_along(cs$arms), function(k) {
    # summary()'s strata factor sorts its levels alphabetically: match by label, never by position.
    sel <- as.character(s$strata) == paste0("arm=", cs$arms[k])
    stopifnot(names(fit$strata)[k] == paste0("arm=", cs$arms[k]))
    list(arm = cs$arms[k], n = fit$n[k], events = sum(fit$n.event[if (k == 1) 1:fit$strata[1] else (sum(fit$strata[1:(k - 1)]) + 1):sum(fit$strata[1:k])]),
         median = list(estimate = unname(q$quantile[k]), lower = unname(q$lower[k]), upper = unname(q$upper[k])),
         landmarks = list(time = s$time[sel], surv = s$surv[sel], lower = s$lower[sel], upper = s$upper[sel], nRisk = s$n.risk[sel]),
         rmst = list(estimate = unname(rm[k, "rmean"]), se = unname(rm[k, "se(rmean)"])))
  })
  gf <- if (is.null(cs$strata)) Surv(t, e) ~ arm else as.formula(sprintf("Surv(t, e) ~ arm + strata(%s)", cs$strata))
  g <- survdiff(gf, data = d)
  comps <- lapply(cs$comparisons, function(cp) {
    sub <- d[d$arm %in% cp, ]
    sub$arm1 <- as.integer(sub$arm == cp[1])
    sub$arm <- factor(as.character(sub$arm), levels = c(cp[2], cp[1]))
    lf <- if (is.null(cs$strata)) Surv(t, e) ~ arm else as.formula(sprintf("Surv(t, e) ~ arm + strata(%s)", cs$strata))
    lr <- survdiff(lf, data = sub)
    df <- length(lr$n) - 1
    cf <- coxph(as.formula(paste("Surv(t, e) ~", cox_terms(cs))), data = sub, ties = "efron", control = ctl)
    co <- summary(cf)$coefficients["arm1", ]
    ci <- summary(cf)$conf.int["arm1", ]
    zph <- cox.zph(cf, transform = "km")$table["arm1", ]
    sf <- survfit(Surv(t, e) ~ arm, data = sub)
    r2 <- summary(sf, rmean = cs$tau)$table
    diff <- wald(r2[2, "rmean"] - r2[1, "rmean"], sqrt(r2[1, "se(rmean)"]^2 + r2[2, "se(rmean)"]^2))
    list(intervention = cp[1], control = cp[2],
         logRank = list(statistic = lr$chisq, df = df, p = pchisq(lr$chisq, df, lower.tail = FALSE)),
         cox = list(logHr = unname(co["coef"]), se = unname(co["se(coef)"]), hazardRatio = unname(co["exp(coef)"]), lower = unname(ci["lower .95"]), upper = unname(ci["upper .95"]), p = unname(co["Pr(>|z|)"]),
                    n = cf$n, events = cf$nevent, zph = list(statistic = unname(zph["chisq"]), df = unname(zph["df"]), p = unname(zph["p"]))),
         rmstDifference = diff)
  })
  c(cs, list(arms_result = arms, globalLogRank = list(statistic = g$chisq, df = length(g$n) - 1, p = pchisq(g$chisq, length(g$n) - 1, lower.tail = FALSE)), comparisons_result = comps))
}

competing_case <- function(cs) {
  d <- prep(cs, read.csv(cs$file, stringsAsFactors = FALSE))
  d$t <- d[[cs$time]]
  d$status <- factor(d[[cs$cause]], levels = c("censored", cs$causes))
  fit <- survfit(Surv(t, status) ~ arm, data = d)
  times <- sort(unique(c(cs$landmarks, cs$tau)))
  s <- summary(fit, times = times, extend = TRUE)
  states <- fit$states
  stopifnot(all(cs$causes %in% states))
  ci_log <- function(p, se) list(lower = ifelse(p > 0, exp(log(p) - z975 * se / p), NA), upper = ifelse(p > 0, pmin(exp(log(p) + z975 * se / p), 1), NA))
  arms <- lapply(seq_along(cs$arms), function(k) {
    sel <- as.character(s$strata) == paste0("arm=", cs$arms[k])
    list(arm = cs$arms[k], byCause = lapply(cs$causes, function(cause) {
      p <- s$pstate[sel, states == cause]; se <- s$std.err[sel, states == cause]
      c(list(cause = cause, time = s$time[sel], estimate = p, se = se), ci_log(p, se))
    }))
  })
  at_tau <- function(arm, cause) { sel <- as.character(s$strata) == paste0("arm=", arm) & s$time == cs$tau; stopifnot(sum(sel) == 1); c(s$pstate[sel, states == cause], s$std.err[sel, states == cause]) }
  comps <- lapply(cs$comparisons, function(cp) {
    sub <- d[d$arm %in% cp, ]
    sub$arm1 <- as.integer(sub$arm == cp[1])
    list(intervention = cp[1], control = cp[2], byCause = lapply(seq_along(cs$causes), function(k) {
      a <- at_tau(cp[1], cs$causes[k]); b <- at_tau(cp[2], cs$causes[k])
      cf <- coxph(Surv(t, as.integer(status) == k + 1) ~ arm1, data = sub, ties = "efron", control = ctl)
      co <- summary(cf)$coefficients["arm1", ]
      list(cause = cs$causes[k], difference = wald(a[1] - b[1], sqrt(a[2]^2 + b[2]^2)),
           cox = list(logHr = unname(co["coef"]), se = unname(co["se(coef)"]), hazardRatio = unname(co["exp(coef)"]), p = unname(co["Pr(>|z|)"])))
    }))
  })
  c(cs, list(arms_result = arms, comparisons_result = comps))
}

write_json16(list(R = R.version.string, survival = as.character(packageVersion("survival")),
                  survival_cases = lapply(cases, survival_case), competing_cases = lapply(competing, competing_case)),
             "test/reference/real-survival.json")
