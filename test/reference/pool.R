# Reference values for Rubin's rules: mice::pool.scalar on the same Q and U, and mice::pool on
# imputations made by mice (the completed-data ANCOVA fits are exported so the TS test pools
# exactly the same estimates). Writes test/reference/pool.json.
suppressMessages({ library(jsonlite); library(mice) })
set.seed(5)
cases <- list(
  list(name = "m = 5, small between-variance", Q = c(5.1, 4.9, 5.3, 5.0, 5.2), U = c(1.1, 1.0, 1.2, 1.05, 1.15), n = 243, k = 7),
  list(name = "m = 20, large between-variance", Q = rnorm(20, 0.2, 0.08), U = runif(20, 0.002, 0.004), n = 60, k = 3),
  list(name = "m = 3, infinite complete-data df", Q = c(1.5, 2.5, 1.9), U = c(0.3, 0.35, 0.32), n = Inf, k = 0)
)
scalar <- lapply(cases, function(cs) { r <- pool.scalar(cs$Q, cs$U, n = cs$n, k = cs$k)
  list(name = cs$name, Q = cs$Q, U = cs$U, dfCom = if (is.finite(cs$n)) cs$n - cs$k else "Inf", qbar = r$qbar, ubar = r$ubar, b = r$b, t = r$t, df = r$df, r = r$r, fmi = r$fmi) })
twin <- read.csv("data-samples/peer-trial.csv", stringsAsFactors = FALSE)
sc <- function(v) { m <- as.matrix(twin[twin$visit == v, paste0("qpr_", 1:15)]); s <- rowMeans(m, na.rm = TRUE) * 15; s[rowSums(is.na(m)) > 3] <- NA; round(s, 8) }
d <- data.frame(y = sc("end"), base = sc("baseline"), arm = as.numeric(twin$arm[twin$visit == "end"] == "PEER"))
imp <- mice(d, m = 10, method = "pmm", seed = 123, printFlag = FALSE)
fits <- with(imp, lm(y ~ arm + base))
pooled <- summary(pool(fits), conf.int = TRUE)
est <- sapply(fits$analyses, function(f) coef(f)["arm"]); var <- sapply(fits$analyses, function(f) vcov(f)["arm", "arm"])
p <- pool(fits)$pooled
write_json(list(R = R.version.string, mice = as.character(packageVersion("mice")), scalar = scalar,
  mi = list(Q = unname(est), U = unname(var), dfCom = fits$analyses[[1]]$df.residual, estimate = pooled$estimate[2], se = pooled$std.error[2], df = pooled$df[2], p = pooled$p.value[2],
    lower = pooled[2, "2.5 %"], upper = pooled[2, "97.5 %"], riv = p$riv[2], lambda = p$lambda[2], fmi = p$fmi[2], b = p$b[2], ubar = p$ubar[2], t = p$t[2])),
  "test/reference/pool.json", digits = NA, auto_unbox = TRUE, pretty = TRUE)
