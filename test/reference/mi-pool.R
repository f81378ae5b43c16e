# Reference values for pooling ANCOVA fits over multiple imputations: reads effekt's m completed
# datasets of the twin's QPR-15 (test/reference/mi-twin-imputations.csv, written by
# mi-imputations.ts), fits the primary ANCOVA y ~ arm + baseline + municipality on each, and pools
#   the arm difference with mice::pool (complete-data df = residual df, Barnard-Rubin df), and
#   the equal-weight EMMs per arm (emmeans) with mice::pool.scalar(n, k),
# at end and fu6, and at end with the imputed PEER values shifted by delta = -3 (MNAR sensitivity).
# Also the responder risk difference pooled with pool.scalar. Writes test/reference/mi-pool.json.
suppressMessages({ library(jsonlite); library(mice); library(emmeans) })
long <- read.csv("test/reference/mi-twin-imputations.csv", stringsAsFactors = FALSE, check.names = FALSE)
long$arm <- factor(long$arm, levels = c("SAU", "PEER"))
long$municipality <- factor(long$municipality)
orig <- long[long$.imp == 0, ]
m <- max(long$.imp)
emm_opts <- emm_options(opt.digits = FALSE)

case <- function(visit, delta = 0) {
  fits <- lapply(seq_len(m), function(k) {
    d <- long[long$.imp == k, ]
    shifted <- is.na(orig[[visit]]) & d$arm == "PEER"
    d$y <- d[[visit]] + ifelse(shifted, delta, 0)
    lm(y ~ arm + baseline + municipality, data = d)
  })
  p <- pool(as.mira(fits))
  s <- summary(p, conf.int = TRUE)
  row <- which(s$term == "armPEER")
  emm <- lapply(c("SAU", "PEER"), function(a) {
    q <- u <- numeric(m)
    for (k in seq_len(m)) { e <- summary(emmeans(fits[[k]], "arm")); q[k] <- e$emmean[e$arm == a]; u[k] <- e$SE[e$arm == a]^2 }
    ps <- pool.scalar(q, u, n = nobs(fits[[1]]), k = length(coef(fits[[1]])))
    tq <- qt(0.975, ps$df)
    list(arm = a, estimate = ps$qbar, se = sqrt(ps$t), df = ps$df, lower = ps$qbar - tq * sqrt(ps$t), upper = ps$qbar + tq * sqrt(ps$t), fmi = ps$fmi)
  })
  list(visit = visit, delta = delta, dfCom = fits[[1]]$df.residual,
    Q = unname(sapply(fits, function(f) coef(f)["armPEER"])),
    estimate = s$estimate[row], se = s$std.error[row], df = s$df[row], statistic = s$statistic[row], p = s$p.value[row],
    lower = s[row, "2.5 %"], upper = s[row, "97.5 %"], fmi = p$pooled$fmi[row], riv = p$pooled$riv[row], lambda = p$pooled$lambda[row], emm = emm)
}
# Responder (QPR-15 improvement >= 5 points from baseline, 1e-9 tolerance as effekt) at end:
# risk difference with Wald variance per completed dataset, pooled with pool.scalar (n = Inf).
responder <- local({
  q <- u <- numeric(m)
  for (k in seq_len(m)) {
    d <- long[long$.imp == k, ]
    resp <- (d$end - d$baseline) >= 5 - 1e-9
    p1 <- mean(resp[d$arm == "PEER"]); p0 <- mean(resp[d$arm == "SAU"])
    n1 <- sum(d$arm == "PEER"); n0 <- sum(d$arm == "SAU")
    q[k] <- p1 - p0; u[k] <- p1 * (1 - p1) / n1 + p0 * (1 - p0) / n0
  }
  ps <- pool.scalar(q, u, n = Inf)
  tq <- qt(0.975, ps$df)
  list(estimate = ps$qbar, se = sqrt(ps$t), df = ps$df, lower = ps$qbar - tq * sqrt(ps$t), upper = ps$qbar + tq * sqrt(ps$t), fmi = ps$fmi)
})
write_json(list(R = R.version.string, mice = as.character(packageVersion("mice")), emmeans = as.character(packageVersion("emmeans")), m = m,
  cases = list(case("end"), case("fu6"), case("end", -3)), responder = responder),
  "test/reference/mi-pool.json", digits = NA, auto_unbox = TRUE, pretty = TRUE)
