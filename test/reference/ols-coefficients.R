# Reference values for the public stats.ols coefficient table (issue 12, item 10): estimate, SE,
# t, p from summary(lm) and the 95% and 90% CIs from confint(lm), which use qt(1 - (1 - level)/2, df)
# (a CI built on the 0.95 quantile instead of 0.975 would miss these at every digit). Datasets:
# carData::Baumann (real, three arms), a simulated trial (seed 20240614) with a factor and a numeric
# covariate, and a tiny one (n = 7, df = 4) where the t quantile matters most.
# Writes test/reference/ols-coefficients.json. Run from the repository root.
suppressMessages(library(carData))
source("test/reference/json16.R")
set.seed(20240614)
sim <- local({ n <- 60
  d <- data.frame(arm = sample(c("control", "active"), n, TRUE), x = round(rnorm(n, 10, 3), 2), site = sample(c("a", "b", "c"), n, TRUE))
  d$y <- 5 + 1.5 * (d$arm == "active") + 0.8 * d$x + 0.5 * (d$site == "b") + rnorm(n, 0, 2); d })
tiny <- data.frame(arm = c("control", "active", "control", "active", "control", "active", "active"), x = c(1.2, 3.4, 2.2, 0.7, 5.1, 4.4, 2.9), y = c(3.1, 6.2, 4.0, 4.4, 7.9, 8.8, 6.1))
baumann <- data.frame(arm = as.character(Baumann$group), x = Baumann$pretest.1, y = Baumann$post.test.1)
cases <- list(
  list(name = "carData::Baumann: post.test.1 ~ group + pretest.1", d = baumann, levels = c("Basal", "DRTA", "Strat"), factors = character()),
  list(name = "simulated: y ~ arm + x + site", d = sim, levels = c("control", "active"), factors = "site"),
  list(name = "tiny (n = 7, df = 4): y ~ arm + x", d = tiny, levels = c("control", "active"), factors = character()))
one <- function(cs) { d <- cs$d; d$arm <- factor(d$arm, levels = cs$levels)
  for (v in cs$factors) d[[v]] <- factor(d[[v]], levels = sort(unique(d[[v]])))
  f <- reformulate(c("arm", "x", cs$factors), "y"); fit <- lm(f, d); s <- summary(fit)$coefficients
  list(name = cs$name, data = list(y = d$y, arm = list(levels = cs$levels, values = as.character(d$arm)), x = d$x,
      factors = lapply(cs$factors, function(v) list(name = v, levels = levels(d[[v]]), values = as.character(d[[v]])))),
    names = rownames(s), estimate = unname(s[, 1]), se = unname(s[, 2]), t = unname(s[, 3]), p = unname(s[, 4]), df = fit$df.residual,
    qt975 = qt(0.975, fit$df.residual), ci95 = list(lower = unname(confint(fit)[, 1]), upper = unname(confint(fit)[, 2])),
    ci90 = list(lower = unname(confint(fit, level = 0.9)[, 1]), upper = unname(confint(fit, level = 0.9)[, 2]))) }
write_json16(list(R = R.version.string, carData = as.character(packageVersion("carData")), cases = lapply(cases, one)), "test/reference/ols-coefficients.json")
