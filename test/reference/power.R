# Reference values for src/stats/power, written to power.json (Rscript test/reference/power.R).
# 1. R's own functions: pwr.t.test, pwr.t2n.test, pwr.2p.test, pwr.2p2n.test, ES.h (pwr) and
#    power.t.test, power.prop.test (stats), each as R returns it (uniroot's default tolerance,
#    ~1e-4 in n) and "tight": the same R power function solved with uniroot(tol = 1e-13).
# 2. The noncentral t (pt with ncp) over the range the power functions use.
# 3. Closed forms written out here from their papers (ANCOVA, risk ratio, negative binomial
#    (Zhu & Lakkis 2014), Schoenfeld, pooled z with unequal arms) and the planner's scenarios
#    (allocation ratio, dropout, design effect), solved with uniroot(tol = 1e-13).
suppressMessages({ library(jsonlite); library(pwr) })
TOL <- 1e-13
tight <- function(f, target, lo, hi) uniroot(function(x) f(x) - target, c(lo, hi), tol = TOL)$root

## 1. R's functions ---------------------------------------------------------------------------
d_int <- function(alt, lo = 1e-7) switch(alt, two.sided = c(lo, 10), less = c(-10, 5), greater = c(-5, 10))
pwrT <- list()
for (type in c("two.sample", "one.sample", "paired")) for (alt in c("two.sided", "less", "greater")) {
  s <- if (alt == "less") -1 else 1
  pw <- function(n, d) pwr.t.test(n = n, d = d, type = type, alternative = alt)$power
  pwrT[[length(pwrT) + 1]] <- list(type = type, alternative = alt, solve = "power", n = 20, d = 0.6 * s, power = NULL, out = pw(20, 0.6 * s), tight = pw(20, 0.6 * s))
  for (cfg in list(list(d = 0.5, p = 0.8), list(d = 0.1, p = 0.95), list(d = 1.8, p = 0.9))) {
    pwrT[[length(pwrT) + 1]] <- list(type = type, alternative = alt, solve = "n", n = NULL, d = cfg$d * s, power = cfg$p,
      out = pwr.t.test(d = cfg$d * s, power = cfg$p, type = type, alternative = alt)$n,
      tight = tight(function(n) pw(n, cfg$d * s), cfg$p, 2 + 1e-10, 1e9))
  }
  di <- d_int(alt)
  pwrT[[length(pwrT) + 1]] <- list(type = type, alternative = alt, solve = "d", n = 30, d = NULL, power = 0.9,
    out = pwr.t.test(n = 30, power = 0.9, type = type, alternative = alt)$d, tight = tight(function(d) pw(30, d), 0.9, di[1], di[2]))
}
pwrT2n <- list()
for (alt in c("two.sided", "less", "greater")) {
  s <- if (alt == "less") -1 else 1
  pw <- function(n1, n2, d) pwr.t2n.test(n1 = n1, n2 = n2, d = d, alternative = alt)$power
  pwrT2n[[length(pwrT2n) + 1]] <- list(alternative = alt, solve = "power", n1 = 25, n2 = 50, d = 0.55 * s, power = NULL, out = pw(25, 50, 0.55 * s), tight = pw(25, 50, 0.55 * s))
  pwrT2n[[length(pwrT2n) + 1]] <- list(alternative = alt, solve = "n2", n1 = 40, n2 = NULL, d = 0.6 * s, power = 0.8,
    out = pwr.t2n.test(n1 = 40, d = 0.6 * s, power = 0.8, alternative = alt)$n2, tight = tight(function(n2) pw(40, n2, 0.6 * s), 0.8, 2 + 1e-10, 1e9))
  di <- d_int(alt)
  pwrT2n[[length(pwrT2n) + 1]] <- list(alternative = alt, solve = "d", n1 = 145, n2 = 151, d = NULL, power = 0.8,
    out = pwr.t2n.test(n1 = 145, n2 = 151, power = 0.8, alternative = alt)$d, tight = tight(function(d) pw(145, 151, d), 0.8, di[1], di[2]))
}
esh <- list(p1 = c(0.57, 0.2, 0.05, 0.9), p2 = c(0.37, 0.35, 0.01, 0.5))
esh$h <- ES.h(esh$p1, esh$p2)
pwr2p <- list()
for (alt in c("two.sided", "less", "greater")) {
  s <- if (alt == "less") -1 else 1
  h <- ES.h(0.57, 0.37) * s
  pw <- function(n, h) pwr.2p.test(h = h, n = n, alternative = alt)$power
  pw2 <- function(n1, n2, h) pwr.2p2n.test(h = h, n1 = n1, n2 = n2, alternative = alt)$power
  di <- d_int(alt, 1e-10)
  pwr2p[[length(pwr2p) + 1]] <- list(fn = "2p", alternative = alt, solve = "power", n = 60, h = h, power = NULL, out = pw(60, h), tight = pw(60, h))
  pwr2p[[length(pwr2p) + 1]] <- list(fn = "2p", alternative = alt, solve = "n", n = NULL, h = h, power = 0.8, out = pwr.2p.test(h = h, power = 0.8, alternative = alt)$n, tight = tight(function(n) pw(n, h), 0.8, 2 + 1e-10, 1e9))
  pwr2p[[length(pwr2p) + 1]] <- list(fn = "2p", alternative = alt, solve = "h", n = 80, h = NULL, power = 0.9, out = pwr.2p.test(n = 80, power = 0.9, alternative = alt)$h, tight = tight(function(h) pw(80, h), 0.9, di[1], di[2]))
  pwr2p[[length(pwr2p) + 1]] <- list(fn = "2p2n", alternative = alt, solve = "power", n1 = 50, n2 = 90, h = h, power = NULL, out = pw2(50, 90, h), tight = pw2(50, 90, h))
  pwr2p[[length(pwr2p) + 1]] <- list(fn = "2p2n", alternative = alt, solve = "n2", n1 = 70, n2 = NULL, h = h, power = 0.8, out = pwr.2p2n.test(h = h, n1 = 70, power = 0.8, alternative = alt)$n2, tight = tight(function(n2) pw2(70, n2, h), 0.8, 2 + 1e-10, 1e9))
  pwr2p[[length(pwr2p) + 1]] <- list(fn = "2p2n", alternative = alt, solve = "h", n1 = 70, n2 = 140, h = NULL, power = 0.8, out = pwr.2p2n.test(n1 = 70, n2 = 140, power = 0.8, alternative = alt)$h, tight = tight(function(h) pw2(70, 140, h), 0.8, di[1], di[2]))
}
powerT <- list()
for (type in c("two.sample", "one.sample", "paired")) for (alt in c("two.sided", "one.sided")) for (strict in c(FALSE, TRUE)) {
  powerT[[length(powerT) + 1]] <- list(type = type, alternative = alt, strict = strict, solve = "power", n = 12, delta = 1.1, sd = 2, power = NULL,
    out = power.t.test(n = 12, delta = 1.1, sd = 2, type = type, alternative = alt, strict = strict)$power, tight = power.t.test(n = 12, delta = 1.1, sd = 2, type = type, alternative = alt, strict = strict)$power)
  powerT[[length(powerT) + 1]] <- list(type = type, alternative = alt, strict = strict, solve = "n", n = NULL, delta = 5.1, sd = 11.9, power = 0.9,
    out = power.t.test(delta = 5.1, sd = 11.9, power = 0.9, type = type, alternative = alt, strict = strict)$n,
    tight = power.t.test(delta = 5.1, sd = 11.9, power = 0.9, type = type, alternative = alt, strict = strict, tol = TOL)$n)
  powerT[[length(powerT) + 1]] <- list(type = type, alternative = alt, strict = strict, solve = "delta", n = 40, delta = NULL, sd = 11.9, power = 0.8,
    out = power.t.test(n = 40, sd = 11.9, power = 0.8, type = type, alternative = alt, strict = strict)$delta,
    tight = power.t.test(n = 40, sd = 11.9, power = 0.8, type = type, alternative = alt, strict = strict, tol = TOL)$delta)
}
powerProp <- list()
for (alt in c("two.sided", "one.sided")) for (strict in c(FALSE, TRUE)) {
  powerProp[[length(powerProp) + 1]] <- list(alternative = alt, strict = strict, solve = "power", n = 90, p1 = 0.37, p2 = 0.57, power = NULL,
    out = power.prop.test(n = 90, p1 = 0.37, p2 = 0.57, alternative = alt, strict = strict)$power, tight = power.prop.test(n = 90, p1 = 0.37, p2 = 0.57, alternative = alt, strict = strict)$power)
  powerProp[[length(powerProp) + 1]] <- list(alternative = alt, strict = strict, solve = "n", n = NULL, p1 = 0.37, p2 = 0.57, power = 0.8,
    out = power.prop.test(p1 = 0.37, p2 = 0.57, power = 0.8, alternative = alt, strict = strict)$n,
    tight = power.prop.test(p1 = 0.37, p2 = 0.57, power = 0.8, alternative = alt, strict = strict, tol = TOL)$n)
  powerProp[[length(powerProp) + 1]] <- list(alternative = alt, strict = strict, solve = "p2", n = 150, p1 = 0.37, p2 = NULL, power = 0.8,
    out = power.prop.test(n = 150, p1 = 0.37, power = 0.8, alternative = alt, strict = strict)$p2,
    tight = power.prop.test(n = 150, p1 = 0.37, power = 0.8, alternative = alt, strict = strict, tol = TOL)$p2)
}

## 2. Noncentral t -----------------------------------------------------------------------------
g <- expand.grid(q = c(-2.6, -1.97, 0.4, 1.66, 1.97, 2.6, 3.4), nu = c(1.5, 4, 18.6, 58, 125.5, 598, 4e3, 1.5e5), ncp = c(-3, 0.2, 1.4, 2.8, 4.1, 7, 12))
# R warns "full precision may not have been achieved in pnt" in a few cells: recorded, not compared.
warned <- function(expr) { w <- FALSE; v <- withCallingHandlers(expr, warning = function(c) { w <<- TRUE; invokeRestart("muffleWarning") }); c(v, w) }
lw <- t(mapply(function(q, nu, ncp) warned(pt(q, nu, ncp)), g$q, g$nu, g$ncp))
uw <- t(mapply(function(q, nu, ncp) warned(pt(q, nu, ncp, lower.tail = FALSE)), g$q, g$nu, g$ncp))
nct <- list(q = g$q, nu = g$nu, ncp = g$ncp, lower = lw[, 1], upper = uw[, 1], warned = as.logical(lw[, 2] | uw[, 2]))

## 3. Closed forms and the planner ------------------------------------------------------------
za <- function(alpha, sides) qnorm(if (sides == "two.sided") alpha / 2 else alpha, lower.tail = FALSE)
# ANCOVA: noncentral t, ncp = d / sqrt((1 - rho^2)(1/n0 + 1/n1)), df = n0 + n1 - 3, both tails (as pwr).
ancova_power <- function(n0, n1, d, rho, alpha, sides) {
  nu <- n0 + n1 - 3; ncp <- abs(d) / sqrt((1 - rho^2) * (1 / n0 + 1 / n1))
  if (sides == "two.sided") { q <- qt(alpha / 2, nu, lower.tail = FALSE); pt(q, nu, ncp, lower.tail = FALSE) + pt(-q, nu, ncp) }
  else pt(qt(alpha, nu, lower.tail = FALSE), nu, ncp, lower.tail = FALSE)
}
# Pooled-variance z for two proportions, n1 = r * n0 (power.prop.test when r = 1, not strict).
pooledz_power <- function(n0, n1, p0, p1, alpha, sides) {
  pbar <- (n0 * p0 + n1 * p1) / (n0 + n1)
  pnorm((abs(p1 - p0) - za(alpha, sides) * sqrt(pbar * (1 - pbar) * (1 / n0 + 1 / n1))) / sqrt(p0 * (1 - p0) / n0 + p1 * (1 - p1) / n1))
}
# Risk ratio: Wald test on log RR.
rr_power <- function(n0, n1, p0, rr, alpha, sides) {
  p1 <- rr * p0
  pnorm(abs(log(rr)) / sqrt((1 - p1) / (n1 * p1) + (1 - p0) / (n0 * p0)) - za(alpha, sides))
}
# Negative binomial (Zhu & Lakkis 2014): Var = mu + k mu^2, exposure t, r = n1/n0.
nb_V <- function(mu0, rr, k, t, r, approach) {
  mu1 <- mu0 * rr; over <- k * (1 + r) / r
  V1 <- (1 / mu0 + 1 / (r * mu1)) / t + over
  V0 <- switch(approach, (1 + r) / (t * r * mu0) + over, V1, (1 + r)^2 / (t * r * (mu0 + r * mu1)) + over)
  c(V0 = V0, V1 = V1)
}
nb_n0 <- function(power, mu0, rr, k, t, r, approach, alpha, sides) {
  V <- nb_V(mu0, rr, k, t, r, approach); ((za(alpha, sides) * sqrt(V[["V0"]]) + qnorm(power) * sqrt(V[["V1"]])) / log(rr))^2
}
nb_power <- function(n0, mu0, rr, k, t, r, approach, alpha, sides) {
  V <- nb_V(mu0, rr, k, t, r, approach); pnorm((sqrt(n0) * abs(log(rr)) - za(alpha, sides) * sqrt(V[["V0"]])) / sqrt(V[["V1"]]))
}
# Schoenfeld: events D, allocation pi = r/(1+r); p1 = 1 - (1 - p0)^HR.
psi <- function(p0, hr, r) (p0 + r * (1 - (1 - p0)^hr)) / (1 + r)
lr_power <- function(n0, p0, hr, r, alpha, sides) { pi <- r / (1 + r); D <- n0 * (1 + r) * psi(p0, hr, r); pnorm(sqrt(D * pi * (1 - pi)) * abs(log(hr)) - za(alpha, sides)) }
lr_events <- function(power, hr, r, alpha, sides) { pi <- r / (1 + r); (za(alpha, sides) + qnorm(power))^2 / (pi * (1 - pi) * log(hr)^2) }
means_power <- function(n0, n1, d, alpha, sides) pwr.t2n.test(n1 = n1, n2 = n0, d = abs(d), sig.level = alpha, alternative = if (sides == "two.sided") "two.sided" else "greater")$power
arcsine_power <- function(n0, n1, p0, p1, alpha, sides) pwr.2p2n.test(h = abs(ES.h(p1, p0)), n1 = n1, n2 = n0, sig.level = alpha, alternative = if (sides == "two.sided") "two.sided" else "greater")$power
onesample_power <- function(n, d, alpha, sides) pwr.t.test(n = n, d = abs(d), sig.level = alpha, type = "one.sample", alternative = if (sides == "two.sided") "two.sided" else "greater")$power

# The planner's scenarios. `n` = recruited control arm (intervention = ratio * n); inflation per arm
# = DE/(1 - dropout) with DE = 1 + (m - 1) ICC on the arms delivered in groups; the formula sees
# n / inflation and the analysable ratio r_f = ratio * infl_control / infl_intervention.
plan <- list()
add <- function(input, f, theta_int = NULL) {
  get <- function(name, default) if (is.null(input[[name]])) default else input[[name]]  # [[ ]]: `$` would match n to nbApproach
  ratio <- get("ratio", 1); drop <- get("dropout", 0); icc <- get("icc", 0); m <- get("clusterSize", 1)
  arms <- get("clusterArms", "both"); alpha <- get("alpha", 0.05); sides <- get("alternative", "two.sided")
  de <- 1 + (m - 1) * icc
  single <- input[["design"]] == "single-arm"
  infl0 <- (if (arms == "both" || single) de else 1) / (1 - drop); infl1 <- de / (1 - drop)
  rf <- if (single) 1 else ratio * infl0 / infl1
  solve <- if (is.null(input[["power"]])) "power" else if (is.null(input[["n"]])) "n" else "effect"
  out <- list(input = input, solve = solve, designEffect = de)
  if (solve == "n") {
    n0 <- if (!is.null(input[["closed"]])) input[["closed"]](rf, alpha, sides) else tight(function(n) f(n, rf, input[["theta"]], alpha, sides), input[["power"]], if (single) 2 + 1e-10 else (2 + 1e-10) / min(1, rf), 1e9)
    out$n0 <- n0
    out$recruit <- if (single) ceiling(n0 * infl0 * (1 - 1e-12)) else c(ceiling(n0 * infl0 * (1 - 1e-12)), ceiling(n0 * rf * infl1 * (1 - 1e-12)))
  } else {
    n0 <- input[["n"]] / infl0; out$n0 <- n0
    if (solve == "power") out$power <- f(n0, rf, input[["theta"]], alpha, sides)
    else out$theta <- tight(function(th) f(n0, rf, th, alpha, sides), input[["power"]], theta_int[1], theta_int[2])
  }
  out$input[["closed"]] <- NULL; out$input[["theta"]] <- NULL
  plan[[length(plan) + 1]] <<- out
}
f_means <- function(n0, r, d, alpha, sides) means_power(n0, r * n0, d, alpha, sides)
add(list(design = "two-sample", effectSize = 0.5, power = 0.8, theta = 0.5), f_means)
add(list(design = "two-sample", delta = 5.1, sd = 11.9, power = 0.9, ratio = 2, dropout = 0.15, theta = 5.1 / 11.9), f_means)
add(list(design = "two-sample", effectSize = 0.4, n = 110, icc = 0.05, clusterSize = 8, clusterArms = "intervention", dropout = 0.1, theta = 0.4), f_means)
add(list(design = "two-sample", n = 148, power = 0.8, alternative = "one.sided", alpha = 0.025), f_means, c(1e-7, 10))
add(list(design = "two-sample", n = 60, power = 0.9, ratio = 1.5, icc = 0.03, clusterSize = 10), f_means, c(1e-7, 10))
f_ancova <- function(rho) function(n0, r, d, alpha, sides) ancova_power(n0, r * n0, d, rho, alpha, sides)
add(list(design = "ancova", effectSize = 0.43, rho = 0.45, power = 0.8, theta = 0.43), f_ancova(0.45))
add(list(design = "ancova", delta = 4, sd = 11.9, rho = 0.6, n = 145, ratio = 1, dropout = 0.2, icc = 0.02, clusterSize = 8, clusterArms = "intervention", theta = 4 / 11.9), f_ancova(0.6))
add(list(design = "ancova", rho = 0.5, n = 100, power = 0.8, ratio = 0.5), f_ancova(0.5), c(1e-7, 10))
f_single <- function(n0, r, d, alpha, sides) onesample_power(n0, d, alpha, sides)
add(list(design = "single-arm", delta = 3, sd = 11.9, rho = 0.5, power = 0.8, dropout = 0.25, theta = 3 / (11.9 * sqrt(2 * (1 - 0.5)))), f_single)
add(list(design = "single-arm", effectSize = 0.35, n = 80, icc = 0.05, clusterSize = 8, theta = 0.35), f_single)
add(list(design = "single-arm", n = 40, power = 0.8, alternative = "one.sided"), f_single, c(1e-7, 10))
f_arc <- function(p0) function(n0, r, p1, alpha, sides) arcsine_power(n0, r * n0, p0, p1, alpha, sides)
f_pz <- function(p0) function(n0, r, p1, alpha, sides) pooledz_power(n0, r * n0, p0, p1, alpha, sides)
add(list(design = "proportions", controlRate = 0.37, delta = 0.2, power = 0.8, theta = 0.57), f_arc(0.37))
add(list(design = "proportions", controlRate = 0.37, interventionRate = 0.5, power = 0.8, ratio = 1.5, dropout = 0.1, theta = 0.5), f_arc(0.37))
add(list(design = "proportions", controlRate = 0.37, n = 120, power = 0.8), f_arc(0.37), c(0.37 + 1e-9, 1 - 1e-9))
add(list(design = "proportions", method = "pooled-z", controlRate = 0.37, delta = 0.2, power = 0.8, theta = 0.57), f_pz(0.37))
add(list(design = "proportions", method = "pooled-z", controlRate = 0.2, interventionRate = 0.1, n = 200, ratio = 2, theta = 0.1), f_pz(0.2))
add(list(design = "proportions", method = "pooled-z", controlRate = 0.3, n = 150, power = 0.8, direction = "decrease"), f_pz(0.3), c(1e-9, 0.3 - 1e-9))
f_rr <- function(p0) function(n0, r, rr, alpha, sides) rr_power(n0, r * n0, p0, rr, alpha, sides)
add(list(design = "risk-ratio", controlRate = 0.37, effectSize = 1.5, power = 0.8, theta = 1.5), f_rr(0.37))
add(list(design = "risk-ratio", controlRate = 0.1, effectSize = 0.6, n = 400, ratio = 1.5, theta = 0.6), f_rr(0.1))
add(list(design = "risk-ratio", controlRate = 0.37, n = 150, power = 0.8), f_rr(0.37), c(1 + 1e-9, (1 - 1e-9) / 0.37))
for (approach in 1:3) {
  f_nb <- function(n0, r, rr, alpha, sides) nb_power(n0, 0.5, rr, 1.6, 1, r, approach, alpha, sides)
  add(list(design = "negative-binomial", controlRate = 0.5, dispersion = 1.6, effectSize = 0.7, power = 0.8, nbApproach = approach,
           closed = function(r, alpha, sides) nb_n0(0.8, 0.5, 0.7, 1.6, 1, r, approach, alpha, sides)), f_nb)
  f_nb2 <- function(n0, r, rr, alpha, sides) nb_power(n0, 0.8, rr, 0.6, 1.5, r, approach, alpha, sides)
  add(list(design = "negative-binomial", controlRate = 0.8, dispersion = 0.6, exposure = 1.5, effectSize = 0.75, power = 0.9, ratio = 2, nbApproach = approach,
           closed = function(r, alpha, sides) nb_n0(0.9, 0.8, 0.75, 0.6, 1.5, r, approach, alpha, sides)), f_nb2)
  add(list(design = "negative-binomial", controlRate = 0.8, dispersion = 0.6, exposure = 1.5, effectSize = 0.75, n = 200, ratio = 2, nbApproach = approach, theta = 0.75), f_nb2)
}
f_nb3 <- function(n0, r, rr, alpha, sides) nb_power(n0, 0.5, rr, 1.6, 1, r, 3, alpha, sides)
# power is not monotone in a rate ratio towards 0 (V1 grows as mu1 -> 0): the root nearest 1 is bracketed from 0.2.
add(list(design = "negative-binomial", controlRate = 0.5, dispersion = 1.6, n = 300, power = 0.8), f_nb3, c(0.2, 1 - 1e-9))
f_lr <- function(p0) function(n0, r, hr, alpha, sides) lr_power(n0, p0, hr, r, alpha, sides)
add(list(design = "log-rank", controlRate = 0.3, effectSize = 0.7, power = 0.8,
         closed = function(r, alpha, sides) lr_events(0.8, 0.7, r, alpha, sides) / ((1 + r) * psi(0.3, 0.7, r))), f_lr(0.3))
add(list(design = "log-rank", controlRate = 0.3, effectSize = 0.6, power = 0.9, ratio = 2, dropout = 0.1,
         closed = function(r, alpha, sides) lr_events(0.9, 0.6, r, alpha, sides) / ((1 + r) * psi(0.3, 0.6, r))), f_lr(0.3))
add(list(design = "log-rank", controlRate = 0.25, effectSize = 0.65, n = 300, theta = 0.65), f_lr(0.25))
add(list(design = "log-rank", controlRate = 0.25, n = 300, power = 0.8), f_lr(0.25), c(1e-6, 1 - 1e-9))
events <- list(hr = c(0.7, 0.6, 1.4), ratio = c(1, 2, 1), power = c(0.8, 0.9, 0.8))
events$D <- mapply(function(hr, r, p) lr_events(p, hr, r, 0.05, "two.sided"), events$hr, events$ratio, events$power)

out <- list(R = R.version.string, pwr = as.character(packageVersion("pwr")), tol = TOL,
  pwrT = pwrT, pwrT2n = pwrT2n, esh = esh, pwr2p = pwr2p, powerT = powerT, powerProp = powerProp, nct = nct, plan = plan, schoenfeldEvents = events)
# jsonlite prints at most 15 significant digits: numbers are written verbatim with 17 (round-trip exact).
num17 <- function(x) {
  if (is.list(x)) return(lapply(x, num17))
  if (!is.numeric(x)) return(x)
  s <- ifelse(is.na(x), "null", sprintf("%.17g", x))
  structure(if (length(x) == 1) s else paste0("[", paste(s, collapse = ","), "]"), class = "json")
}
writeLines(toJSON(num17(out), auto_unbox = TRUE, pretty = TRUE, null = "null", json_verbatim = TRUE), "test/reference/power.json")
