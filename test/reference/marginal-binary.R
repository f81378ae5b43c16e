# Reference values for src/stats/models/glm/marginal-binary.ts: covariate-adjusted binary effects
# by logistic regression with marginal standardisation (g-computation). Everything is written out:
#   glm(y ~ arm + covariates + strata, binomial) iterated to 1e-14;
#   counterfactual predictions with predict(type = "response") on copies of the data with arm set;
#   Ge et al. (2011): G %*% sandwich::vcovHC(fit, type = "HC0") %*% t(G), G the analytic Jacobian
#     of the standardised risks, rows colMeans(model.matrix(arm = a) * mu_a (1 - mu_a));
#   Ye et al. (2023): the unconditional variance from the paper's formula, with the stratified
#     permuted-block reduction of Ye, Shao, Yi & Zhao (2023, JASA, eq. 18) when strata are given;
#   delta method for RD, log RR, log OR; Wald CIs; p = 2 pnorm(-|z|).
# Datasets: simulated (seed 20240612) two arms, three arms with strata and effect heterogeneity,
# a small trial, a trial without covariates, and HSAUR3::respiratory (month 4, real).
# Writes test/reference/marginal-binary.json. Run from the repository root.
suppressMessages({ library(sandwich); library(HSAUR3) })
source("test/reference/json16.R")
set.seed(20240612)

sim_two <- local({ n <- 200
  d <- data.frame(arm = sample(c("control", "active"), n, TRUE), x = round(rnorm(n, 50, 10), 1), sex = sample(c("f", "m"), n, TRUE))
  d$y <- rbinom(n, 1, plogis(-2 + 0.7 * (d$arm == "active") + 0.04 * (d$x - 50) + 0.5 * (d$sex == "m"))); d })
sim_three <- local({ n <- 300
  d <- data.frame(arm = sample(c("usual", "low", "high"), n, TRUE), age = round(runif(n, 18, 70)), region = sample(c("north", "south", "east"), n, TRUE, prob = c(.5, .3, .2)))
  # Effect heterogeneity (arm x age in truth, main effects in the working model) makes Ge and Ye differ.
  d$y <- rbinom(n, 1, plogis(-0.5 + 0.4 * (d$arm == "low") + (0.9 + 0.03 * (d$age - 40)) * (d$arm == "high") - 0.02 * (d$age - 40) + 0.3 * (d$region == "south"))); d })
sim_small <- local({ n <- 40
  d <- data.frame(arm = rep(c("control", "active"), n / 2), x = round(runif(n, 0, 10), 2))
  d$y <- rbinom(n, 1, plogis(-0.8 + 0.9 * (d$arm == "active") + 0.15 * (d$x - 5))); d })
sim_nocov <- local({ n <- 90
  d <- data.frame(arm = sample(c("control", "active"), n, TRUE)); d$y <- rbinom(n, 1, ifelse(d$arm == "active", 0.55, 0.35)); d })
resp <- local({ r <- HSAUR3::respiratory
  b <- r[r$month == "0", ]; e <- r[r$month == "4", ]; stopifnot(all(b$subject == e$subject))
  data.frame(arm = as.character(e$treatment), y = as.numeric(e$status == "good"), baseline = as.character(b$status), age = e$age, gender = as.character(e$gender), centre = as.character(e$centre)) })

cases <- list(
  list(name = "simulated two arms, numeric + factor covariate", d = sim_two, levels = c("control", "active"), cov = c("x", "sex"), strata = character()),
  list(name = "simulated three arms, strata, heterogeneous effect", d = sim_three, levels = c("usual", "low", "high"), cov = "age", strata = "region"),
  list(name = "small trial (n = 40)", d = sim_small, levels = c("control", "active"), cov = "x", strata = character()),
  list(name = "no covariates", d = sim_nocov, levels = c("control", "active"), cov = character(), strata = character()),
  list(name = "HSAUR3::respiratory, month 4, adjusted for baseline, age, gender; centre strata", d = resp, levels = c("placebo", "treatment"), cov = c("baseline", "age", "gender"), strata = "centre"))

wald <- function(est, se) { z <- est / se; list(estimate = est, se = se, lower = est - qnorm(0.975) * se, upper = est + qnorm(0.975) * se, statistic = z, p = 2 * pnorm(-abs(z))) }

one_case <- function(cs) {
  d <- cs$d; levs <- cs$levels; d$arm <- factor(d$arm, levels = levs)
  vars <- c(cs$cov, cs$strata)
  for (v in vars) if (is.character(d[[v]])) d[[v]] <- factor(d[[v]], levels = sort(unique(d[[v]])))
  f <- reformulate(c("arm", vars), "y")
  ctl <- glm.control(epsilon = 1e-14, maxit = 100)
  # Refit from the converged coefficients: glm's last IRLS weights (which vcov and vcovHC use as the
  # bread) then sit at the MLE instead of one Newton step behind it (a ~1e-7 relative difference).
  fit <- glm(f, binomial, d, control = ctl); fit <- glm(f, binomial, d, control = ctl, start = coef(fit))
  tt <- delete.response(terms(fit))
  with_arm <- function(a) { d2 <- d; d2$arm <- factor(rep(a, nrow(d)), levels = levs); d2 }
  cf <- sapply(levs, function(a) predict(fit, newdata = with_arm(a), type = "response"))
  risks <- colMeans(cf); n <- nrow(d); k <- length(levs)
  # Ge et al.: analytic Jacobian of the standardised risks times the HC0 sandwich.
  G <- t(sapply(levs, function(a) colMeans(model.matrix(tt, with_arm(a)) * (cf[, a] * (1 - cf[, a])))))
  V_ge <- G %*% vcovHC(fit, type = "HC0") %*% t(G)
  # Ye et al. (paper's formula, simple randomisation).
  pi <- as.vector(table(d$arm)[levs]) / n; V_ye <- matrix(0, k, k)
  for (a in 1:k) { ia <- d$arm == levs[a]
    V_ye[a, a] <- var(d$y[ia] - cf[ia, a]) / pi[a] + 2 * cov(d$y[ia], cf[ia, a]) - var(cf[, a])
    for (b in seq_len(k)[-a]) { ib <- d$arm == levs[b]
      V_ye[a, b] <- cov(d$y[ia], cf[ia, b]) + cov(d$y[ib], cf[ib, a]) - cov(cf[, a], cf[, b]) } }
  variances <- list(list(variance = "ge-hc0", randomization = if (length(cs$strata)) "stratified-block" else "simple", V = V_ge),
                    list(variance = "ye-2023", randomization = "simple", V = V_ye / n))
  if (length(cs$strata)) {
    # Stratified permuted-block randomisation: subtract sum_z (n_z/n) R_z (diag(pi) - pi pi') R_z.
    cell <- interaction(d[cs$strata], drop = TRUE); res <- d$y - fitted(fit); omega <- diag(pi) - pi %*% t(pi); adj <- matrix(0, k, k)
    for (z in levels(cell)) { iz <- cell == z
      R <- diag(sapply(1:k, function(a) mean(res[iz & d$arm == levs[a]]) / pi[a]), k)
      adj <- adj + mean(iz) * R %*% omega %*% R }
    variances[[3]] <- list(variance = "ye-2023", randomization = "stratified-block", V = (V_ye - adj) / n)
  }
  pairs <- do.call(rbind, lapply(1:(k - 1), function(c) cbind(t = (c + 1):k, c = c)))
  results <- lapply(variances, function(v) { V <- v$V
    dse <- function(t, c, dt, dc) sqrt(dt^2 * V[t, t] + dc^2 * V[c, c] - 2 * dt * dc * V[t, c])
    se <- sqrt(diag(V)); hw <- qnorm(0.975) * se / (risks * (1 - risks))  # Wald interval on the logit scale
    list(variance = v$variance, randomization = v$randomization, risks = unname(risks), riskSe = se, cov = lapply(1:k, function(i) V[i, ]),
      riskLower = unname(plogis(qlogis(risks) - hw)), riskUpper = unname(plogis(qlogis(risks) + hw)),
      rd90 = lapply(seq_len(nrow(pairs)), function(m) { t <- pairs[m, "t"]; c <- pairs[m, "c"]; s <- sqrt(V[t, t] + V[c, c] - 2 * V[t, c])
        c(risks[t] - risks[c] - qnorm(0.95) * s, risks[t] - risks[c] + qnorm(0.95) * s) }),
      comparisons = lapply(seq_len(nrow(pairs)), function(m) { t <- pairs[m, "t"]; c <- pairs[m, "c"]; pt <- risks[t]; pc <- risks[c]
        list(treatment = levs[t], control = levs[c],
          rd = wald(pt - pc, dse(t, c, 1, 1)),
          logRR = wald(log(pt / pc), dse(t, c, 1 / pt, 1 / pc)),
          logOR = wald(qlogis(pt) - qlogis(pc), dse(t, c, 1 / (pt * (1 - pt)), 1 / (pc * (1 - pc))))) })) })
  covs <- lapply(c(cs$cov, cs$strata), function(v) if (is.factor(d[[v]])) list(name = v, kind = "factor", levels = levels(d[[v]]), values = as.character(d[[v]])) else list(name = v, kind = "numeric", values = as.numeric(d[[v]])))
  list(name = cs$name, formula = paste(deparse(f), collapse = ""),
    data = list(y = as.numeric(d$y), arm = list(name = "arm", levels = levs, values = as.character(d$arm)),
      covariates = covs[seq_along(cs$cov)], strata = covs[-seq_along(cs$cov)]),
    crude = list(events = as.numeric(tapply(d$y, d$arm, sum)[levs]), n = as.numeric(table(d$arm)[levs])),
    coefficients = list(names = names(coef(fit)), estimate = unname(coef(fit)), se = unname(sqrt(diag(vcov(fit))))),
    results = results)
}
out <- list(R = R.version.string, sandwich = as.character(packageVersion("sandwich")), HSAUR3 = as.character(packageVersion("HSAUR3")),
  confLevel = 0.95, cases = lapply(cases, one_case))
write_json16(out, "test/reference/marginal-binary.json")
