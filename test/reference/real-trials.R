# Independent re-analysis in R of the four public trials exported by export-real-trials.R into
# data-samples/real/, for test/real-trials/real-trials.test.ts. The analyses are the ones declared
# in each trial's spec and plan (data-samples/real/*.spec.json, *.plan.json), written out here from
# the documented models (docs/spec.md, docs/analysis.md, docs/binary-and-count.md):
#   Baumann (3 arms, wide, pre/post): ANCOVA lm(post ~ group + pre) with emmeans EMMs and
#     trt.vs.ctrl contrasts vs Basal (all arms in one model); test 3 has no pretest: lm(post ~ group);
#     Welch t.test of each comparison's two arms; Holm over the primary's two comparisons (no
#     plan declares their order, so no fixed sequence) and Holm over the secondary outcomes x
#     comparisons (gated by the primary family).
#   respiratory (binary, months 1-4, strata centre, covariates age, gender, baseline status):
#     glm(binomial) y ~ arm + base + age + gender + centre to 1e-14, marginal standardisation
#     (predict under each arm, average), the unconditional variance of Ye et al. (2023) with the
#     stratified permuted-block reduction over centre, and (month 4) Ge et al.'s delta method over
#     sandwich::vcovHC(type = "HC0"); delta method for RD, log RR, log OR; month 4 also unadjusted:
#     prop.test(correct = FALSE), Newcombe's hybrid score CI, log-scale Wald CIs for RR and OR.
#   epilepsy (counts per 2-week period 1-4, covariates base, age; exposure 2 weeks):
#     MASS::glm.nb(y ~ arm + base + age + offset(log(2))) refined to the joint MLE (below: glm's
#     deviance test stops the NB fit short), Wald rate ratio from summary(dispersion = 1); Poisson
#     glm at period 4.
#   schizophrenia2 (binary, months 2-10, baseline month 0, groups by age at onset; not randomised):
#     as respiratory without covariates or strata (Ye variance, simple randomisation); month 8 has
#     no event in the "> 20 yrs" group, so no logistic estimate exists (checked by the test).
#   BtheB (2 arms, wide, BDI at baseline and months 2, 3, 5, 8 with dropouts, covariates drug and
#     length): ANCOVA lm(bdi.<v> ~ arm + bdi.pre + drug + length) at every follow-up visit, emmeans
#     EMMs (equal weights over the covariates' levels, emmeans' default); complete case and Welch at
#     month 8; MMRM nlme::gls(bdi ~ arm * visit + pre * visit + drug + length), unstructured
#     (corSymm + varIdent), REML, over every participant with a follow-up value, polished to the
#     REML optimum by Newton steps (below), emmeans' contrasts at each visit, the Satterthwaite df
#     written out (satterthwaite-un.R).
#   anorexia (3 arms, wide, Prewt/Postwt, no missing values): ANCOVA lm(Postwt ~ Treat + Prewt),
#     emmeans trt.vs.ctrl contrasts vs Cont; Welch per comparison; Holm over the primary's two
#     comparisons (the default when no order of the comparisons is declared).
# Run from the repository root: Rscript test/reference/real-trials.R
suppressMessages({ library(emmeans); library(MASS); library(sandwich); library(nlme) })
source("test/reference/json16.R")
source("test/reference/satterthwaite-un.R")
emm_options(opt.digits = FALSE)
dir <- "data-samples/real"
ctl <- glm.control(epsilon = 1e-14, maxit = 200)
z975 <- qnorm(0.975)
wald <- function(est, se) list(estimate = est, se = se, lower = est - z975 * se, upper = est + z975 * se,
                               statistic = est / se, p = 2 * pnorm(-abs(est / se)))

## ---------------------------------------------------------------- Baumann
b <- read.csv(file.path(dir, "baumann.csv"), stringsAsFactors = FALSE)
b$group <- factor(b$group, levels = c("Basal", "DRTA", "Strat"))
brows <- list()
for (k in 1:3) {
  id <- paste0("comprehension", k)
  d <- data.frame(group = b$group, post = b[[paste0("post.test.", k)]])
  if (k < 3) d$pre <- b[[paste0("pretest.", k)]]
  fit <- if (k < 3) lm(post ~ group + pre, data = d) else lm(post ~ group, data = d)
  em <- emmeans(fit, "group")
  es <- as.data.frame(summary(em))
  ct <- as.data.frame(summary(contrast(em, "trt.vs.ctrl", ref = 1, adjust = "none"), infer = c(TRUE, TRUE)))
  for (j in 1:2) {
    arm <- levels(d$group)[j + 1]; cmp <- paste(arm, "vs Basal")
    ix <- c(1, j + 1)
    emm <- lapply(ix, function(i) list(estimate = es$emmean[i], se = es$SE[i], df = es$df[i], lower = es$lower.CL[i], upper = es$upper.CL[i]))
    names(emm) <- levels(d$group)[ix]
    base <- list(trial = "baumann", outcome = id, visit = "post", comparison = cmp,
                 n = setNames(as.list(as.integer(table(d$group)[ix])), levels(d$group)[ix]),
                 model = if (k < 3) paste0(id, " ~ arm + ", id, "@baseline") else paste0(id, " ~ arm"))
    for (est in c("ancova", "complete-case"))
      brows[[length(brows) + 1]] <- c(base, list(estimator = est, diff = ct$estimate[j], se = ct$SE[j], df = ct$df[j],
                                                   p = ct$p.value[j], lower = ct$lower.CL[j], upper = ct$upper.CL[j], emm = emm))
    tt <- t.test(d$post[d$group == arm], d$post[d$group == "Basal"], var.equal = FALSE)
    brows[[length(brows) + 1]] <- c(base[c("trial", "outcome", "visit", "comparison", "n")],
      list(estimator = "welch", diff = unname(tt$estimate[1] - tt$estimate[2]), se = tt$stderr, df = unname(tt$parameter),
           p = tt$p.value, lower = tt$conf.int[1], upper = tt$conf.int[2]))
  }
}
pA <- sapply(Filter(function(r) r$estimator == "ancova", brows), function(r) r$p)
names(pA) <- sapply(Filter(function(r) r$estimator == "ancova", brows), function(r) paste(r$outcome, r$comparison))
prim <- pA[1:2]; sec <- pA[3:6]
padj <- c(p.adjust(prim, "holm"), if (all(p.adjust(prim, "holm") <= 0.05)) p.adjust(sec, "holm") else rep(1, 4))
baumann <- list(rows = brows, pAdjusted = lapply(as.list(padj), identity))

## ---------------------------------------------------------------- binary helpers
# Ye et al. (2023) unconditional variance (docs/binary-and-count.md), with the stratified
# permuted-block reduction over the cells of `strata` (a factor or NULL).
ye_cov <- function(y, arm, mu, strata = NULL) {
  n <- length(y); lv <- levels(arm); K <- length(lv)
  pi <- as.numeric(table(arm)) / n
  V <- matrix(0, K, K)
  for (a in 1:K) for (c in 1:K) {
    ia <- arm == lv[a]; ic <- arm == lv[c]
    if (a == c) V[a, a] <- var((y - mu[, a])[ia]) / pi[a] + 2 * cov(y[ia], mu[ia, a]) - var(mu[, a])
    else V[a, c] <- cov(y[ia], mu[ia, c]) + cov(y[ic], mu[ic, a]) - cov(mu[, a], mu[, c])
  }
  if (!is.null(strata)) {
    Om <- diag(pi) - pi %o% pi
    for (z in levels(strata)) {
      iz <- strata == z
      rbar <- sapply(1:K, function(a) { i <- iz & arm == lv[a]; if (any(i)) mean(y[i] - mu[i, a]) else 0 })
      R <- diag(rbar / pi)
      V <- V - (sum(iz) / n) * R %*% Om %*% R
    }
  }
  V / n
}
# Ge et al. (2011): V = G Vbeta G', Vbeta = HC0 sandwich
ge_cov <- function(fit, d, lv) {
  Vb <- vcovHC(fit, type = "HC0")
  G <- t(sapply(lv, function(a) {
    da <- d; da$arm <- factor(rep(a, nrow(d)), levels = lv)
    X <- model.matrix(formula(fit), da); m <- plogis(drop(X %*% coef(fit)))
    colMeans(m * (1 - m) * X)
  }))
  G %*% Vb %*% t(G)
}
gcomp <- function(d, form, variance, strata = NULL) {
  lv <- levels(d$arm)
  fit <- glm(form, family = binomial, data = d, control = ctl)
  mu <- sapply(lv, function(a) { da <- d; da$arm <- factor(rep(a, nrow(d)), levels = lv); predict(fit, da, type = "response") })
  p <- colMeans(mu)
  V <- if (variance == "ye-2023") ye_cov(d$y, d$arm, mu, strata) else ge_cov(fit, d, lv)
  risk <- lapply(1:2, function(a) { se <- sqrt(V[a, a]); lse <- se / (p[a] * (1 - p[a]))
    list(estimate = p[a], se = se, lower = plogis(qlogis(p[a]) - z975 * lse), upper = plogis(qlogis(p[a]) + z975 * lse)) })
  names(risk) <- lv
  dl <- function(g1, g2, est) wald(est, sqrt(g1^2 * V[2, 2] + g2^2 * V[1, 1] - 2 * g1 * g2 * V[1, 2]))
  list(risk = risk,
       rd = dl(1, 1, p[2] - p[1]),
       logRr = dl(1 / p[2], 1 / p[1], log(p[2] / p[1])),
       logOr = dl(1 / (p[2] * (1 - p[2])), 1 / (p[1] * (1 - p[1])), qlogis(p[2]) - qlogis(p[1])),
       n = setNames(as.list(as.integer(table(d$arm))), lv), events = setNames(as.list(as.integer(tapply(d$y, d$arm, sum))), lv))
}
wilson <- function(x, n) { ci <- prop.test(x, n, correct = FALSE)$conf.int; c(ci[1], ci[2]) }
two_prop <- function(d) {
  lv <- levels(d$arm)
  x <- as.numeric(tapply(d$y, d$arm, sum)); n <- as.numeric(table(d$arm)); p <- x / n
  w1 <- wilson(x[2], n[2]); w0 <- wilson(x[1], n[1])
  rd <- p[2] - p[1]
  se_rr <- sqrt(1 / x[2] - 1 / n[2] + 1 / x[1] - 1 / n[1])
  se_or <- sqrt(1 / x[2] + 1 / (n[2] - x[2]) + 1 / x[1] + 1 / (n[1] - x[1]))
  rr <- p[2] / p[1]; or <- (x[2] / (n[2] - x[2])) / (x[1] / (n[1] - x[1]))
  list(n = setNames(as.list(as.integer(n)), lv), events = setNames(as.list(as.integer(x)), lv),
       p = prop.test(x[2:1], n[2:1], correct = FALSE)$p.value,
       rd = rd, rdSe = sqrt(p[2] * (1 - p[2]) / n[2] + p[1] * (1 - p[1]) / n[1]),
       rdLower = rd - sqrt((p[2] - w1[1])^2 + (w0[2] - p[1])^2), rdUpper = rd + sqrt((w1[2] - p[2])^2 + (p[1] - w0[1])^2),
       rr = rr, rrLower = rr * exp(-z975 * se_rr), rrUpper = rr * exp(z975 * se_rr),
       or = or, orLower = or * exp(-z975 * se_or), orUpper = or * exp(z975 * se_or))
}

## ---------------------------------------------------------------- respiratory
r <- read.csv(file.path(dir, "respiratory.csv"), stringsAsFactors = FALSE)
r$y <- as.numeric(r$status == "good")
rb <- r[r$month == 0, c("subject", "y")]; names(rb)[2] <- "base"
resp <- list()
for (m in 1:4) {
  d <- merge(r[r$month == m, ], rb, by = "subject")
  d$arm <- factor(d$treatment, levels = c("placebo", "treatment"))
  d$gender <- factor(d$gender, levels = c("female", "male")); d$centre <- factor(d$centre)
  form <- y ~ arm + base + age + gender + centre
  vars <- if (m == 4) c("ye-2023", "ge-hc0") else "ye-2023"
  for (v in vars) resp[[length(resp) + 1]] <- c(list(trial = "respiratory", outcome = "good", visit = as.character(m),
      comparison = "treatment vs placebo", estimator = "logistic", variance = v), gcomp(d, form, v, d$centre))
  if (m == 4) {
    resp[[length(resp) + 1]] <- c(list(trial = "respiratory", outcome = "good", visit = "4", comparison = "treatment vs placebo",
                                       estimator = "two-proportion"), two_prop(d))
    # the unadjusted g-computation (arm only): equals the crude proportions; Ye's variance then
    # equals the unpooled Wald variance up to the n/(n-1) factors
    resp[[length(resp) + 1]] <- c(list(trial = "respiratory", outcome = "good", visit = "4", comparison = "treatment vs placebo",
                                       estimator = "logistic-unadjusted", variance = "ge-hc0"), gcomp(d, y ~ arm, "ge-hc0"))
  }
}

## ---------------------------------------------------------------- epilepsy
e <- read.csv(file.path(dir, "epilepsy.csv"), stringsAsFactors = FALSE)
# glm's deviance test (even at epsilon = 1e-14) stops Fisher scoring for the negative binomial
# (log link, not canonical: linear convergence, rate ~0.2 here) ~3.5e-9 from the MLE, because the
# deviance is flat at the optimum; so every fit at fixed theta is continued from its own coefficients
# until they move by < 1e-13, and theta.ml / glm are alternated until theta moves by < 1e-14 theta.
glm_at <- function(form, d, th) {
  g <- glm(form, data = d, family = negative.binomial(th), control = ctl)
  for (k in 1:200) {
    g1 <- glm(form, data = d, family = negative.binomial(th), control = ctl, start = coef(g))
    moved <- max(abs(coef(g1) - coef(g)) / (abs(coef(g1)) + 0.1)); g <- g1
    if (moved < 1e-13) break
  }
  g
}
nb_refined <- function(form, d) {
  fit <- glm.nb(form, data = d, control = ctl)
  th <- fit$theta
  for (it in 1:500) {
    g <- glm_at(form, d, th)
    th1 <- theta.ml(d$y, fitted(g), limit = 200, eps = 1e-12)
    done <- abs(th1 - th) < 1e-14 * th; th <- as.numeric(th1)
    if (done) break
  }
  g <- glm_at(form, d, th)
  thse <- attr(theta.ml(d$y, fitted(g), limit = 200, eps = 1e-12), "SE")
  list(fit = g, vc = summary(g, dispersion = 1)$cov.scaled, theta = th, thetaSe = thse, thetaGlmNb = fit$theta)
}
epi <- list()
for (per in 1:4) {
  d <- e[e$period == per, ]
  d$arm <- factor(d$treatment, levels = c("placebo", "Progabide")); d$y <- d$seizure.rate
  form <- y ~ arm + base + age + offset(log(rep(2, nrow(d))))
  models <- if (per == 4) c("negative-binomial", "poisson") else "negative-binomial"
  for (mod in models) {
    if (mod == "negative-binomial") { f <- nb_refined(form, d); fit <- f$fit; vc <- f$vc }
    else { fit <- glm(form, family = poisson, data = d, control = ctl); vc <- vcov(fit); f <- list() }
    w <- wald(unname(coef(fit)["armProgabide"]), sqrt(vc["armProgabide", "armProgabide"]))
    ev <- tapply(d$y, d$arm, sum); ex <- 2 * as.numeric(table(d$arm))
    epi[[length(epi) + 1]] <- list(trial = "epilepsy", outcome = "seizures", visit = as.character(per), comparison = "Progabide vs placebo",
      estimator = mod, n = setNames(as.list(as.integer(table(d$arm))), levels(d$arm)),
      rr = exp(w$estimate), seLog = w$se, lower = exp(w$lower), upper = exp(w$upper), statistic = w$statistic, p = w$p,
      rate = setNames(as.list(as.numeric(ev) / ex), levels(d$arm)),
      theta = if (mod == "negative-binomial") f$theta else NA, thetaSe = if (mod == "negative-binomial") f$thetaSe else NA,
      thetaGlmNb = if (mod == "negative-binomial") f$thetaGlmNb else NA)
  }
}

## ---------------------------------------------------------------- schizophrenia2
s <- read.csv(file.path(dir, "schizophrenia2.csv"), stringsAsFactors = FALSE, na.strings = "NA")
s$y <- as.numeric(s$disorder == "present")
sb <- s[s$month == 0, c("subject", "y")]; names(sb)[2] <- "base"
sz <- list()
for (m in c(2, 6, 10)) {
  d <- merge(s[s$month == m & !is.na(s$y), ], sb, by = "subject")
  d$arm <- factor(d$onset, levels = c("> 20 yrs", "< 20 yrs"))
  sz[[length(sz) + 1]] <- c(list(trial = "schizophrenia2", outcome = "disorder", visit = as.character(m), comparison = "< 20 yrs vs > 20 yrs",
                                 estimator = "logistic", variance = "ye-2023"), gcomp(d, y ~ arm + base, "ye-2023"))
  if (m == 10) sz[[length(sz) + 1]] <- c(list(trial = "schizophrenia2", outcome = "disorder", visit = "10", comparison = "< 20 yrs vs > 20 yrs",
                                              estimator = "two-proportion"), two_prop(d))
}
d8 <- s[s$month == 8 & !is.na(s$y), ]
zero8 <- as.list(tapply(d8$y, factor(d8$onset, levels = c("> 20 yrs", "< 20 yrs")), sum))

## ---------------------------------------------------------------- BtheB
bt <- read.csv(file.path(dir, "btheb.csv"), stringsAsFactors = FALSE, na.strings = "NA")
bt$arm <- factor(bt$treatment, levels = c("TAU", "BtheB"))
bt$drug <- factor(bt$drug, levels = c("No", "Yes")); bt$length <- factor(bt$length, levels = c("<6m", ">6m"))
bt$id <- seq_len(nrow(bt))   # no id column: the participant is the data row
btv <- c("2m", "3m", "5m", "8m")
ci_row <- function(est, se, df) { tq <- qt(0.975, df); list(diff = est, se = se, df = df, p = 2 * pt(-abs(est / se), df), lower = est - tq * se, upper = est + tq * se) }
btheb <- list()
for (v in btv) {
  d <- data.frame(arm = bt$arm, y = bt[[paste0("bdi.", v)]], pre = bt$bdi.pre, drug = bt$drug, length = bt$length)
  d <- d[!is.na(d$y), ]
  fit <- lm(y ~ arm + pre + drug + length, data = d)
  em <- emmeans(fit, "arm"); es <- as.data.frame(summary(em))
  ct <- as.data.frame(summary(contrast(em, "trt.vs.ctrl", ref = 1, adjust = "none"), infer = c(TRUE, TRUE)))
  emm <- lapply(1:2, function(i) list(estimate = es$emmean[i], se = es$SE[i], df = es$df[i], lower = es$lower.CL[i], upper = es$upper.CL[i]))
  names(emm) <- levels(d$arm)
  base <- list(trial = "btheb", outcome = "bdi", visit = v, comparison = "BtheB vs TAU", n = as.list(table(d$arm)))
  for (est in if (v == "8m") c("ancova", "complete-case") else "ancova")
    btheb[[length(btheb) + 1]] <- c(base, list(estimator = est, model = "bdi ~ arm + bdi@baseline + drug + length",
      diff = ct$estimate[1], se = ct$SE[1], df = ct$df[1], p = ct$p.value[1], lower = ct$lower.CL[1], upper = ct$upper.CL[1], emm = emm))
  if (v == "8m") {
    tt <- t.test(d$y[d$arm == "BtheB"], d$y[d$arm == "TAU"], var.equal = FALSE)
    btheb[[length(btheb) + 1]] <- c(base, list(estimator = "welch", diff = unname(tt$estimate[1] - tt$estimate[2]), se = tt$stderr,
      df = unname(tt$parameter), p = tt$p.value, lower = tt$conf.int[1], upper = tt$conf.int[2]))
  }
}
# MMRM: long over the follow-up visits, observed values only; no baseline is missing (nothing to impute)
ml <- do.call(rbind, lapply(btv, function(v) data.frame(id = bt$id, arm = bt$arm, pre = bt$bdi.pre, drug = bt$drug, length = bt$length,
                                                         visit = v, y = bt[[paste0("bdi.", v)]])))
ml <- ml[!is.na(ml$y), ]
stopifnot(!anyNA(ml$pre))
ml$visit <- factor(ml$visit, levels = btv); ml$k <- as.integer(ml$visit); ml <- ml[order(ml$id, ml$k), ]
mform <- y ~ arm * visit + pre * visit + drug + length
gf <- gls(mform, data = ml, correlation = corSymm(form = ~ k | id), weights = varIdent(form = ~ 1 | visit), method = "REML",
          control = glsControl(tolerance = 1e-12, msTol = 1e-12, maxIter = 500, msMaxIter = 500, opt = "optim"))
set.seed(1)  # emmeans falls back to its stochastic appx-satterthwaite for gls: seeded so dfEmmeans is reproducible
gm <- emmeans(gf, ~ arm | visit, mode = "appx-satterthwaite", data = ml)
cg <- contrast(gm, list(d = c(-1, 1))); cs <- as.data.frame(summary(cg, infer = TRUE))
# The REML surface is flat along the covariance parameters: gls's optimisers stop with logLik
# right to ~1e-11 but the estimates only to ~1e-5 (nlminb) or ~1e-6 (optim). Newton steps on the
# REML log-likelihood in the log-Cholesky parameters of Σ (written out, numerical derivatives)
# from gls's Σ take them to the optimum; β, its covariance and the contrasts are then the GLS
# solution at that Σ.
mX <- model.matrix(mform, ml); T4 <- length(btv); mp <- ncol(mX); mgroups <- split(seq_len(nrow(ml)), as.character(ml$id))
msig <- function(th) { C <- diag(exp(th[1:T4]), T4); C[lower.tri(C)] <- th[-(1:T4)]; C %*% t(C) }
mparts <- function(th) {
  S <- msig(th); xvx <- matrix(0, mp, mp); xvy <- numeric(mp); ld <- 0; yvy <- 0
  for (g in mgroups) { Wi <- solve(S[ml$k[g], ml$k[g], drop = FALSE]); ld <- ld - determinant(Wi)$modulus; Xg <- mX[g, , drop = FALSE]
    xvx <- xvx + t(Xg) %*% Wi %*% Xg; xvy <- xvy + t(Xg) %*% Wi %*% ml$y[g]; yvy <- yvy + sum(ml$y[g] * (Wi %*% ml$y[g])) }
  list(xvx = xvx, xvy = xvy, yvy = yvy, ld = as.numeric(ld))
}
mnll <- function(th) { q <- mparts(th); r <- q$yvy - sum(q$xvy * solve(q$xvx, q$xvy))
  0.5 * ((nrow(ml) - mp) * log(2 * pi) + q$ld + r + as.numeric(determinant(q$xvx)$modulus)) }
full <- names(which(table(ml$id) == T4))[1]
C0 <- t(chol(unclass(getVarCov(gf, individual = full)))); th <- c(log(diag(C0)), C0[lower.tri(C0)])
for (it in 1:3) {
  g <- sapply(seq_along(th), function(k) { a <- th; b <- th; a[k] <- a[k] + 1e-4; b[k] <- b[k] - 1e-4; (mnll(a) - mnll(b)) / 2e-4 })
  th <- th - solve(optimHess(th, mnll, control = list(ndeps = rep(1e-4, length(th)))), g)
}
mq <- mparts(th); mbeta <- solve(mq$xvx, mq$xvy); mphi <- solve(mq$xvx)
stopifnot(-mnll(th) >= as.numeric(logLik(gf)) - 1e-9)
mdf <- sat_df_un(mX, ml$id, ml$k, ml$y, msig(th), cg@linfct)
cest <- drop(cg@linfct %*% mbeta); cse <- sqrt(diag(cg@linfct %*% mphi %*% t(cg@linfct)))
eest <- drop(gm@linfct %*% mbeta); ese <- sqrt(diag(gm@linfct %*% mphi %*% t(gm@linfct))); ginfo <- gm@grid
for (i in seq_along(btv)) {
  v <- btv[i]; k <- which(cs$visit == v); e <- function(a) { j <- which(ginfo$visit == v & ginfo$arm == a); list(estimate = eest[j], se = ese[j]) }
  btheb[[length(btheb) + 1]] <- c(list(trial = "btheb", outcome = "bdi", visit = v, comparison = "BtheB vs TAU", estimator = "mmrm",
      n = as.list(table(ml$arm[ml$visit == v])), participants = as.list(table(unique(ml[, c("id", "arm")])$arm)),
      logLik = -mnll(th), logLikGls = as.numeric(logLik(gf)), diffGls = cs$estimate[k], dfEmmeans = cs$df[k],
      emm = list(TAU = e("TAU"), BtheB = e("BtheB"))),
    ci_row(cest[k], cse[k], mdf[k]))
}

## ---------------------------------------------------------------- anorexia
an <- read.csv(file.path(dir, "anorexia.csv"), stringsAsFactors = FALSE)
an$arm <- factor(an$Treat, levels = c("Cont", "CBT", "FT"))
afit <- lm(Postwt ~ arm + Prewt, data = an)
aem <- emmeans(afit, "arm"); aes <- as.data.frame(summary(aem))
act <- as.data.frame(summary(contrast(aem, "trt.vs.ctrl", ref = 1, adjust = "none"), infer = c(TRUE, TRUE)))
anorexia <- list()
for (j in 1:2) {
  a <- levels(an$arm)[j + 1]; ix <- c(1, j + 1)
  emm <- lapply(ix, function(i) list(estimate = aes$emmean[i], se = aes$SE[i], df = aes$df[i], lower = aes$lower.CL[i], upper = aes$upper.CL[i]))
  names(emm) <- levels(an$arm)[ix]
  base <- list(trial = "anorexia", outcome = "weight", visit = "post", comparison = paste(a, "vs Cont"), n = as.list(table(an$arm)))
  for (est in c("ancova", "complete-case"))
    anorexia[[length(anorexia) + 1]] <- c(base, list(estimator = est, model = "weight ~ arm + weight@baseline",
      diff = act$estimate[j], se = act$SE[j], df = act$df[j], p = act$p.value[j], lower = act$lower.CL[j], upper = act$upper.CL[j], emm = emm))
  tt <- t.test(an$Postwt[an$arm == a], an$Postwt[an$arm == "Cont"], var.equal = FALSE)
  anorexia[[length(anorexia) + 1]] <- c(base[c("trial", "outcome", "visit", "comparison")], list(n = as.list(table(an$arm)[ix]), estimator = "welch",
    diff = unname(tt$estimate[1] - tt$estimate[2]), se = tt$stderr, df = unname(tt$parameter), p = tt$p.value, lower = tt$conf.int[1], upper = tt$conf.int[2]))
}
anorexiaPAdjusted <- as.list(setNames(p.adjust(act$p.value, "holm"), paste("weight", levels(an$arm)[2:3], "vs Cont")))

ver <- function(p) as.character(packageVersion(p))
write_json16(list(R = R.version.string, packages = list(emmeans = ver("emmeans"), MASS = ver("MASS"), sandwich = ver("sandwich"),
                                                        carData = ver("carData"), HSAUR3 = ver("HSAUR3"), nlme = ver("nlme")),
                  baumann = baumann, respiratory = resp, epilepsy = epi, schizophrenia2 = sz, schizophrenia2Month8Events = zero8,
                  btheb = btheb, anorexia = list(rows = anorexia, pAdjusted = anorexiaPAdjusted)),
             "test/reference/real-trials.json")
cat("wrote test/reference/real-trials.json\n")
