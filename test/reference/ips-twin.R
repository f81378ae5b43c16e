# Reference values for `effekt analyze data-samples/ips/ips-twin.csv --spec data-samples/ips/ips.spec.json`
# (docs/ips-analysis.md). The register outcomes are derived here again, independently, from the
# weekly panel by the rules of docs/register-panels.md — so the test checks the derivations and the
# estimators — and analysed as the plan data-samples/ips/ips.plan.json says:
#   binary  engaged by week 78 / 130 (ever employed or in education, weeks 1–w; no row = not in),
#   count   weeks employed in weeks 1–130,
#   time    first_job (first week employed), off_benefits (first week of a run of 4 outside the
#           benefit codes, for those on benefits at week 0), first_exit (first week employed, in
#           education or on disability pension: competing causes);
#   per arm Kaplan–Meier (log-log limits) at the landmarks, RMST at τ = 130 (off_benefits: 127, where its
#   follow-up ends); per comparison (the two
#   arms alone) survdiff and coxph (Efron, eps 1e-12) stratified by site, cox.zph (km) for the arm,
#   the RMST difference; Aalen–Johansen incidence at τ with cause-specific Cox HRs.
# Run: Rscript test/reference/ips-twin.R  (writes test/reference/ips-twin.json)
source("test/reference/json16.R")
suppressMessages(library(survival))

raw <- read.csv("data-samples/ips/ips-twin.csv", stringsAsFactors = FALSE)
ids <- unique(raw$participant_id)
weeks <- 0:130
first <- raw[!duplicated(raw$participant_id), c("participant_id", "site", "arm")]
stopifnot(identical(first$participant_id, ids))
grid <- matrix(NA_character_, nrow = length(ids), ncol = length(weeks))
grid[cbind(match(raw$participant_id, ids), raw$week + 1)] <- raw$status
benefits <- c("cash_benefit", "sick_leave", "other_benefit", "disability_pension")

# The first week w in (0, F − s + 1] starting a run of s weeks of one class (class(code) > 0).
first_run <- function(st, class_of, s) {
  f <- 0
  while (f < 130 && !is.na(st[f + 2])) f <- f + 1
  if (f == 0 && is.na(st[1]) && all(is.na(st[-1]))) return(c(NA, NA))
  run <- 0; cls <- 0
  if (f >= 1) for (w in 1:f) {
    k <- if (is.na(st[w + 1])) 0 else class_of(st[w + 1])
    if (k != 0 && k == cls) run <- run + 1 else { run <- if (k == 0) 0 else 1; cls <- k }
    if (run == s) return(c(w - s + 1, cls))
  }
  c(max(0, f - s + 1), 0)
}

derived <- data.frame(id = ids, site = first$site, arm = first$arm, stringsAsFactors = FALSE)
engaged <- function(st, to) as.integer(any(st[2:(to + 1)] %in% c("employed", "education")))
derived$engaged_78 <- apply(grid, 1, engaged, to = 78)
derived$engaged_130 <- apply(grid, 1, engaged, to = 130)
derived$weeks_worked <- apply(grid, 1, function(st) sum(st[2:131] == "employed", na.rm = TRUE))
fj <- t(apply(grid, 1, first_run, class_of = function(x) as.integer(x == "employed"), s = 1))
derived$first_job_t <- fj[, 1]; derived$first_job_e <- fj[, 2]
ob <- t(apply(grid, 1, function(st) if (is.na(st[1]) || !(st[1] %in% benefits)) c(NA, NA) else first_run(st, function(x) as.integer(!(x %in% benefits)), 4)))
derived$off_benefits_t <- ob[, 1]; derived$off_benefits_e <- ob[, 2]
causes <- c("job", "education", "disability_pension")
fe <- t(apply(grid, 1, first_run, class_of = function(x) match(x, c("employed", "education", "disability_pension"), nomatch = 0), s = 1))
derived$first_exit_t <- fe[, 1]; derived$first_exit_e <- fe[, 2]

arms <- c("SAU", "IPS", "IPSE")
comparisons <- list(c("IPS", "SAU"), c("IPSE", "SAU"), c("IPSE", "IPS"))
tau <- 130
landmarks <- c(26, 52, 78, 104, 130)
z975 <- qnorm(0.975)
ctl <- coxph.control(eps = 1e-12, toler.chol = 1e-14, iter.max = 100)
wald <- function(est, se) list(estimate = est, se = se, lower = est - z975 * se, upper = est + z975 * se, z = est / se, p = 2 * pnorm(-abs(est / se)))
derived$arm <- factor(derived$arm, levels = arms)

per_arm <- lapply(arms, function(a) {
  s <- derived[derived$arm == a, ]
  list(arm = a, n = nrow(s), engaged78 = sum(s$engaged_78), engaged130 = sum(s$engaged_130), weeksWorked = sum(s$weeks_worked))
})

survival_case <- function(id, tau, landmarks) {
  d <- derived
  d$t <- d[[paste0(id, "_t")]]; d$e <- d[[paste0(id, "_e")]]
  d <- d[!is.na(d$t), ]
  fit <- survfit(Surv(t, e) ~ arm, data = d, conf.type = "log-log")
  q <- quantile(fit, 0.5)
  s <- summary(fit, times = landmarks, extend = TRUE)
  rm <- summary(fit, rmean = tau)$table
  arm_res <- lapply(seq_along(arms), function(k) {
    sel <- as.character(s$strata) == paste0("arm=", arms[k])
    stopifnot(names(fit$strata)[k] == paste0("arm=", arms[k]))
    list(arm = arms[k], n = fit$n[k], events = sum(d$e[d$arm == arms[k]]),
         median = list(estimate = unname(q$quantile[k]), lower = unname(q$lower[k]), upper = unname(q$upper[k])),
         landmarks = list(time = s$time[sel], surv = s$surv[sel], se = s$std.err[sel], lower = s$lower[sel], upper = s$upper[sel], nRisk = s$n.risk[sel]),
         rmst = list(estimate = unname(rm[k, "rmean"]), se = unname(rm[k, "se(rmean)"])))
  })
  g <- survdiff(Surv(t, e) ~ arm + strata(site), data = d)
  comps <- lapply(comparisons, function(cp) {
    sub <- d[d$arm %in% cp, ]
    sub$arm1 <- as.integer(sub$arm == cp[1])
    sub$arm <- factor(as.character(sub$arm), levels = c(cp[2], cp[1]))
    lr <- survdiff(Surv(t, e) ~ arm + strata(site), data = sub)
    cf <- coxph(Surv(t, e) ~ arm1 + strata(site), data = sub, ties = "efron", control = ctl)
    co <- summary(cf)$coefficients["arm1", ]
    ci <- summary(cf)$conf.int["arm1", ]
    zph <- cox.zph(cf, transform = "km")$table["arm1", ]
    r2 <- summary(survfit(Surv(t, e) ~ arm, data = sub), rmean = tau)$table
    list(id = paste(cp[1], "vs", cp[2]), intervention = cp[1], control = cp[2],
         logRank = list(statistic = lr$chisq, df = 1, p = pchisq(lr$chisq, 1, lower.tail = FALSE)),
         cox = list(logHr = unname(co["coef"]), se = unname(co["se(coef)"]), hazardRatio = unname(co["exp(coef)"]), lower = unname(ci["lower .95"]), upper = unname(ci["upper .95"]), p = unname(co["Pr(>|z|)"]),
                    n = cf$n, events = cf$nevent, zph = list(statistic = unname(zph["chisq"]), df = unname(zph["df"]), p = unname(zph["p"]))),
         rmstDifference = wald(r2[2, "rmean"] - r2[1, "rmean"], sqrt(r2[1, "se(rmean)"]^2 + r2[2, "se(rmean)"]^2)))
  })
  list(id = id, tau = tau, landmarks = landmarks, missing = sum(is.na(derived[[paste0(id, "_t")]])), sumTime = sum(d$t), arms = arm_res,
       globalLogRank = list(statistic = g$chisq, df = 2, p = pchisq(g$chisq, 2, lower.tail = FALSE)), comparisons = comps)
}

competing_case <- function(id) {
  d <- derived
  d$t <- d[[paste0(id, "_t")]]
  d$status <- factor(c("censored", causes)[d[[paste0(id, "_e")]] + 1], levels = c("censored", causes))
  d <- d[!is.na(d$t), ]
  fit <- survfit(Surv(t, status) ~ arm, data = d)
  s <- summary(fit, times = landmarks, extend = TRUE)
  states <- fit$states
  at <- function(arm, cause, time) { sel <- as.character(s$strata) == paste0("arm=", arm) & s$time == time; stopifnot(sum(sel) == 1); c(s$pstate[sel, states == cause], s$std.err[sel, states == cause]) }
  arm_res <- lapply(arms, function(a) list(arm = a, byCause = lapply(causes, function(cause) {
    v <- sapply(landmarks, function(tm) at(a, cause, tm))
    list(cause = cause, time = landmarks, estimate = v[1, ], se = v[2, ])
  })))
  comps <- lapply(comparisons, function(cp) {
    sub <- d[d$arm %in% cp, ]
    sub$arm1 <- as.integer(sub$arm == cp[1])
    list(id = paste(cp[1], "vs", cp[2]), byCause = lapply(seq_along(causes), function(k) {
      a <- at(cp[1], causes[k], tau); b <- at(cp[2], causes[k], tau)
      cf <- coxph(Surv(t, as.integer(status) == k + 1) ~ arm1 + strata(site), data = sub, ties = "efron", control = ctl)
      co <- summary(cf)$coefficients["arm1", ]
      list(cause = causes[k], difference = wald(a[1] - b[1], sqrt(a[2]^2 + b[2]^2)),
           cox = list(logHr = unname(co["coef"]), se = unname(co["se(coef)"]), hazardRatio = unname(co["exp(coef)"]), p = unname(co["Pr(>|z|)"])))
    }))
  })
  list(id = id, arms = arm_res, comparisons = comps)
}

write_json16(list(R = R.version.string, survival = as.character(packageVersion("survival")), tau = tau, landmarks = landmarks,
                  perArm = per_arm, survival_cases = list(survival_case("first_job", 130, landmarks),
                                        # Leaving benefits needs 4 weeks in a row: follow-up for it ends at week 127 (plan: tau 127).
                                        survival_case("off_benefits", 127, c(26, 52, 78, 104, 127))),
                  competing_cases = list(competing_case("first_exit"))),
             "test/reference/ips-twin.json")
