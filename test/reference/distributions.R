# Reference values for src/stats/dist (continuous distributions), written to distributions.json.
library(jsonlite)
grid_t <- expand.grid(x = c(-40, -8, -3.5, -1.96, -0.3, 0, 0.7, 2.1, 6, 12), df = c(1, 2.5, 5, 30, 294))
grid_n <- c(-37.5, -20, -8.5, -3, -1, 0, 0.5, 1.96, 4, 9)
p_grid <- c(1e-300, 1e-100, 1e-12, 1e-6, 0.001, 0.025, 0.1, 0.5, 0.8, 0.975, 0.999, 1 - 1e-10)
grid_chi <- expand.grid(x = c(0.01, 0.5, 3, 10, 50, 300, 2000), df = c(1, 3, 10, 120))
grid_f <- expand.grid(x = c(0.01, 0.4, 1, 3.2, 20, 1e4), d1 = c(1, 3, 8), d2 = c(5, 200, 4000))
q_t <- expand.grid(p = c(1e-12, 1e-4, 0.025, 0.3, 0.5, 0.975, 0.9999), df = c(2.5, 5, 30, 294))
gb <- expand.grid(x = c(0, 1, 5, 20, 45, 60, 99), n = c(60, 100), p = c(0.01, 0.3, 0.75))
gp <- expand.grid(x = c(0, 2, 7, 30, 80), lambda = c(0.3, 4, 25))
gh <- expand.grid(x = c(0, 3, 8, 15, 20), m = c(20, 145), n = c(30, 151), k = c(20, 60)); gh <- gh[gh$k <= gh$m + gh$n, ]
qp <- c(1e-10, 0.01, 0.3, 0.5, 0.97, 0.999999)
q_chi <- expand.grid(p = c(1e-10, 0.001, 0.05, 0.5, 0.95, 0.999), df = c(1, 3, 10, 120))
q_f <- expand.grid(p = c(1e-6, 0.025, 0.5, 0.95, 0.999), d1 = c(1, 3, 8), d2 = c(5, 200, 4000))
qf_tight <- function(p, d1, d2) { g <- qf(p, d1, d2)
  r <- uniroot(function(lx) pf(exp(lx), d1, d2, log.p = TRUE) - log(p), log(g) + c(-2, 2), tol = 1e-15)$root
  # polish with Newton steps on the log scale (pf is accurate; density from df)
  x <- exp(r); for (k in 1:3) x <- x - (pf(x, d1, d2) - p) / df(x, d1, d2); x }
out <- list(
  R = R.version.string,
  normal = list(x = grid_n, cdf = pnorm(grid_n), sf = pnorm(grid_n, lower.tail = FALSE),
                p = p_grid, quantile = qnorm(p_grid)),
  t = list(x = grid_t$x, df = grid_t$df, cdf = pt(grid_t$x, grid_t$df), sf = pt(grid_t$x, grid_t$df, lower.tail = FALSE)),
  tq = list(p = q_t$p, df = q_t$df, quantile = qt(q_t$p, q_t$df)),
  chisq = list(x = grid_chi$x, df = grid_chi$df, cdf = pchisq(grid_chi$x, grid_chi$df), sf = pchisq(grid_chi$x, grid_chi$df, lower.tail = FALSE)),
  binom = list(x = gb$x, n = gb$n, p = gb$p, pmf = dbinom(gb$x, gb$n, gb$p), cdf = pbinom(gb$x, gb$n, gb$p), sf = pbinom(gb$x, gb$n, gb$p, lower.tail = FALSE)),
  binomQ = list(q = rep(qp, 2), n = rep(c(60, 100), each = length(qp)), p = 0.3, quantile = qbinom(rep(qp, 2), rep(c(60, 100), each = length(qp)), 0.3)),
  pois = list(x = gp$x, lambda = gp$lambda, pmf = dpois(gp$x, gp$lambda), cdf = ppois(gp$x, gp$lambda), sf = ppois(gp$x, gp$lambda, lower.tail = FALSE)),
  poisQ = list(q = qp, lambda = 4, quantile = qpois(qp, 4)),
  hyper = list(x = gh$x, m = gh$m, n = gh$n, k = gh$k, pmf = dhyper(gh$x, gh$m, gh$n, gh$k), cdf = phyper(gh$x, gh$m, gh$n, gh$k), sf = phyper(gh$x, gh$m, gh$n, gh$k, lower.tail = FALSE)),
  hyperQ = list(q = qp, m = 145, n = 151, k = 60, quantile = qhyper(qp, 145, 151, 60)),
  f = list(x = grid_f$x, d1 = grid_f$d1, d2 = grid_f$d2, cdf = pf(grid_f$x, grid_f$d1, grid_f$d2), sf = pf(grid_f$x, grid_f$d1, grid_f$d2, lower.tail = FALSE)),
  chisqQ = list(p = q_chi$p, df = q_chi$df, quantile = qchisq(q_chi$p, q_chi$df)),
  # qf loses digits in the far lower tail (qbeta near 0: e.g. qf(1e-6, 1, 4000) = 1.776e-12, while
  # pf(1.5710e-12, 1, 4000) = 1e-6); the reference inverts pf on the log scale to full precision.
  fQ = list(p = q_f$p, d1 = q_f$d1, d2 = q_f$d2, quantile = mapply(qf_tight, q_f$p, q_f$d1, q_f$d2), qf = qf(q_f$p, q_f$d1, q_f$d2))
)
write_json(out, "test/reference/distributions.json", digits = NA, auto_unbox = TRUE, pretty = TRUE)
