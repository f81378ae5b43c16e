# Reference values for src/stats/models/glm/rate-ratios.ts: rate ratios between arms for a count
# outcome with a log-exposure offset,
#   Poisson:  glm(y ~ arm + covariates, family = poisson, offset = log(t)), model-based SEs and
#             sandwich::vcovHC(type = "HC0");
#   NB:       MASS::glm.nb(y ~ arm + covariates + offset(log(t))), theta refined to full ML precision
#             (MASS stops theta.ml at eps^(1/4); its own theta and rate ratios are recorded too);
# log rate ratio of arm t vs c = L'beta with L = e_t - e_c, SE = sqrt(L' V L), Wald CI, p = 2 pnorm(-|z|).
# Each fit is refitted from its converged coefficients so that glm's last IRLS weights (the bread of
# vcov and vcovHC) sit at the MLE. Datasets: simulated (seed 20240613) Poisson with varying exposure,
# three-arm overdispersed counts with a stratum, a small trial, and HSAUR3::epilepsy (real).
# Writes test/reference/count-rate-ratios.json. Run from the repository root.
suppressMessages({ library(MASS); library(sandwich); library(HSAUR3) })
source("test/reference/json16.R")
set.seed(20240613)

sim_pois <- local({ n <- 160
  d <- data.frame(arm = sample(c("control", "active"), n, TRUE), x = round(rnorm(n), 3), t = round(runif(n, 0.25, 3), 2))
  d$y <- rpois(n, d$t * exp(0.5 - 0.4 * (d$arm == "active") + 0.3 * d$x)); d })
sim_nb3 <- local({ n <- 240
  d <- data.frame(arm = sample(c("usual", "brief", "intensive"), n, TRUE), age = round(runif(n, 20, 65)), site = sample(c("A", "B", "C"), n, TRUE), t = round(runif(n, 6, 12)))
  mu <- d$t / 12 * exp(1.2 - 0.3 * (d$arm == "brief") - 0.6 * (d$arm == "intensive") + 0.01 * (d$age - 40) + 0.4 * (d$site == "B"))
  d$y <- rnbinom(n, size = 1.3, mu = mu); d })
sim_small <- local({ n <- 30
  d <- data.frame(arm = rep(c("control", "active"), n / 2), x = round(runif(n, 0, 4), 2), t = rep(c(1, 2, 0.5), n / 3))
  d$y <- rnbinom(n, size = 2, mu = d$t * exp(0.9 - 0.5 * (d$arm == "active") + 0.2 * d$x)); d })
epi <- local({ e <- HSAUR3::epilepsy; e <- e[order(e$subject, e$period), ]
  tot <- aggregate(seizure.rate ~ subject + treatment + base + age, e, sum)
  # Four two-week periods: 8 weeks of follow-up each; the 8-week baseline count enters on the log scale.
  data.frame(arm = as.character(tot$treatment), y = tot$seizure.rate, logbase = log(tot$base), age = as.numeric(tot$age), t = 8) })

cases <- list(
  list(name = "simulated Poisson, two arms, varying exposure", d = sim_pois, levels = c("control", "active"), cov = "x", strata = character()),
  list(name = "simulated overdispersed counts, three arms, site strata", d = sim_nb3, levels = c("usual", "brief", "intensive"), cov = "age", strata = "site"),
  list(name = "small trial (n = 30)", d = sim_small, levels = c("control", "active"), cov = "x", strata = character()),
  list(name = "HSAUR3::epilepsy, seizures over 8 weeks, adjusted for log baseline count and age", d = epi, levels = c("placebo", "Progabide"), cov = c("logbase", "age"), strata = character()))

ctl <- glm.control(epsilon = 1e-14, maxit = 200)
wald <- function(est, se) { z <- est / se; list(estimate = est, se = se, lower = est - qnorm(0.975) * se, upper = est + qnorm(0.975) * se, statistic = z, p = 2 * pnorm(-abs(z))) }
ratios <- function(b, V, levs) { k <- length(levs); idx <- c(NA, match(paste0("arm", levs[-1]), names(b)))
  unlist(lapply(1:(k - 1), function(c) lapply((c + 1):k, function(t) { L <- numeric(length(b)); if (!is.na(idx[t])) L[idx[t]] <- 1; if (!is.na(idx[c])) L[idx[c]] <- -1
    list(treatment = levs[t], control = levs[c], logRR = wald(sum(L * b), sqrt(drop(t(L) %*% V %*% L)))) })), recursive = FALSE) }
coefs <- function(fit, V) list(names = names(coef(fit)), estimate = unname(coef(fit)), se = unname(sqrt(diag(V))))

one_case <- function(cs) {
  d <- cs$d; levs <- cs$levels; d$arm <- factor(d$arm, levels = levs); vars <- c(cs$cov, cs$strata)
  for (v in vars) if (is.character(d[[v]])) d[[v]] <- factor(d[[v]], levels = sort(unique(d[[v]])))
  f <- reformulate(c("arm", vars, "offset(log(t))"), "y")
  pf <- glm(f, poisson, d, control = ctl); pf <- glm(f, poisson, d, control = ctl, start = coef(pf))
  Vhc <- vcovHC(pf, type = "HC0")
  mass <- suppressWarnings(glm.nb(f, d, control = ctl))  # "alternation limit reached" at epsilon 1e-14
  th <- mass$theta; nf <- mass
  # theta.ml may report "iteration limit reached" here: at large theta its Newton step stalls at
  # rounding noise (~1e-12) above eps = 1e-13; the estimate is then at full precision.
  for (k in 1:30) { th <- suppressWarnings(theta.ml(nf$y, fitted(nf), limit = 200, eps = 1e-13))
    nf <- glm(f, family = negative.binomial(as.vector(th)), data = d, control = ctl, start = coef(nf)) }
  Vnb <- vcov(nf, dispersion = 1)
  covs <- lapply(vars, function(v) if (is.factor(d[[v]])) list(name = v, kind = "factor", levels = levels(d[[v]]), values = as.character(d[[v]])) else list(name = v, kind = "numeric", values = as.numeric(d[[v]])))
  list(name = cs$name, formula = "y ~ arm + ... + offset(log(exposure))",
    data = list(y = as.numeric(d$y), arm = list(name = "arm", levels = levs, values = as.character(d$arm)),
      covariates = covs[seq_along(cs$cov)], strata = covs[-seq_along(cs$cov)], exposure = as.numeric(d$t)),
    crude = list(events = as.numeric(tapply(d$y, d$arm, sum)[levs]), exposure = as.numeric(tapply(d$t, d$arm, sum)[levs])),
    results = list(
      list(model = "poisson", variance = "model", coefficients = coefs(pf, vcov(pf)), deviance = pf$deviance, df = pf$df.residual, comparisons = ratios(coef(pf), vcov(pf), levs)),
      list(model = "poisson", variance = "robust-hc0", coefficients = coefs(pf, Vhc), deviance = pf$deviance, df = pf$df.residual, comparisons = ratios(coef(pf), Vhc, levs)),
      list(model = "negative-binomial", variance = "model", coefficients = coefs(nf, Vnb), deviance = nf$deviance, df = nf$df.residual,
        theta = as.vector(th), thetaSe = attr(th, "SE"), comparisons = ratios(coef(nf), Vnb, levs),
        mass = list(theta = mass$theta, thetaSe = mass$SE.theta, comparisons = ratios(coef(mass), vcov(mass), levs)))))
}
out <- list(R = R.version.string, MASS = as.character(packageVersion("MASS")), sandwich = as.character(packageVersion("sandwich")),
  HSAUR3 = as.character(packageVersion("HSAUR3")), confLevel = 0.95, cases = lapply(cases, one_case))
write_json16(out, "test/reference/count-rate-ratios.json")
