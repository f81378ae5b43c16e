# Reference values for src/stats/dist (continuous distributions), written to distributions.json.
library(jsonlite)
grid_t <- expand.grid(x = c(-40, -8, -3.5, -1.96, -0.3, 0, 0.7, 2.1, 6, 12), df = c(1, 2.5, 5, 30, 294))
grid_n <- c(-37.5, -20, -8.5, -3, -1, 0, 0.5, 1.96, 4, 9)
p_grid <- c(1e-300, 1e-100, 1e-12, 1e-6, 0.001, 0.025, 0.1, 0.5, 0.8, 0.975, 0.999, 1 - 1e-10)
grid_chi <- expand.grid(x = c(0.01, 0.5, 3, 10, 50, 300, 2000), df = c(1, 3, 10, 120))
grid_f <- expand.grid(x = c(0.01, 0.4, 1, 3.2, 20, 1e4), d1 = c(1, 3, 8), d2 = c(5, 200, 4000))
q_t <- expand.grid(p = c(1e-12, 1e-4, 0.025, 0.3, 0.5, 0.975, 0.9999), df = c(2.5, 5, 30, 294))
out <- list(
  R = R.version.string,
  normal = list(x = grid_n, cdf = pnorm(grid_n), sf = pnorm(grid_n, lower.tail = FALSE),
                p = p_grid, quantile = qnorm(p_grid)),
  t = list(x = grid_t$x, df = grid_t$df, cdf = pt(grid_t$x, grid_t$df), sf = pt(grid_t$x, grid_t$df, lower.tail = FALSE)),
  tq = list(p = q_t$p, df = q_t$df, quantile = qt(q_t$p, q_t$df)),
  chisq = list(x = grid_chi$x, df = grid_chi$df, cdf = pchisq(grid_chi$x, grid_chi$df), sf = pchisq(grid_chi$x, grid_chi$df, lower.tail = FALSE)),
  f = list(x = grid_f$x, d1 = grid_f$d1, d2 = grid_f$d2, cdf = pf(grid_f$x, grid_f$d1, grid_f$d2), sf = pf(grid_f$x, grid_f$d1, grid_f$d2, lower.tail = FALSE))
)
write_json(out, "test/reference/distributions.json", digits = NA, auto_unbox = TRUE, pretty = TRUE)
