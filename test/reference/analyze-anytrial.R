# Independent re-analysis in R of the synthetic three-arm trial (test/reference/anytrial/three-arm.csv,
# its spec three-arm.spec.json) for test/analysis/anytrial-vs-r.test.ts: what `effekt analyze` does
# for k arms, adjustment covariates and each outcome kind, written out here:
#   continuous weight (kg): ANCOVA lm(y ~ arm + baseline + site + age + sex) with emmeans contrasts
#     of each intervention arm vs Control (every arm in one model; age mean-imputed over the analysed
#     participants), complete case, Welch t test of the two arms; MMRM nlme::gls (unstructured,
#     REML) y ~ arm*visit + baseline*visit + site + age + sex with emmeans at each visit;
#   binary employed (yes/no): logistic regression y ~ arm + baseline + age + sex + site, marginal
#     standardisation over the analysed participants, the unconditional variance of Ye et al.
#     (2023) with the stratified permuted-block reduction (strata: site), delta method for RD,
#     log RR, log OR; two proportions: prop.test(correct = FALSE) p, Newcombe hybrid score CI,
#     log-scale Wald CIs for RR and OR;
#   derived binary lost2 (weight loss ≥ 2 kg from baseline): the same logistic standardisation
#     without a baseline term;
#   count GP visits: MASS::glm.nb with offset(log(days at risk)) and θ refined to full precision
#     (as analyze-twin.R), y ~ arm + baseline + age + sex + site; Poisson glm at week 16;
#   multiplicity: fixed sequence over weight's two comparisons, Holm over employed and GP (4 tests).
# Run from the repository root: Rscript test/reference/analyze-anytrial.R
suppressMessages({ library(emmeans); library(nlme); library(MASS) })
source("test/reference/json16.R")
emm_options(opt.digits = FALSE)
d <- read.csv("test/reference/anytrial/three-arm.csv", stringsAsFactors = FALSE)
levs <- c("Control", "A", "B")
base <- d[d$week == 0, ]
mk <- function(week, col) {
  e <- d[d$week == week, c("pid", "group", "site", "age", "sex", col)]; names(e)[6] <- "y"
  b <- base[, c("pid", col)]; names(b)[2] <- "b"
  w <- merge(e, b, by = "pid"); w$arm <- factor(w$group, levels = levs); w$site <- factor(w$site); w$sex <- factor(w$sex, levels = c("f", "m")); w
}
impute_age <- function(w) { w$age[is.na(w$age)] <- mean(w$age, na.rm = TRUE); w }
cmp <- list(c("A", "Control"), c("B", "Control"))

rows <- list()
# Continuous: ANCOVA at 8 and 16 (primary), complete case and Welch at 16.
for (wk in c(8, 16)) {
  w <- mk(wk, "weight_kg"); w <- w[!is.na(w$y), ]; w <- impute_age(w)
  f <- lm(y ~ arm + b + site + age + sex, data = w)
  g <- emmeans(f, ~ arm); es <- summary(g)
  for (c in cmp) {
    ct <- summary(contrast(g, list(d = (levs == c[1]) - (levs == c[2]))), infer = TRUE)
    rows[[length(rows) + 1]] <- list(outcome = "weight", visit = as.character(wk), comparison = paste(c[1], "vs", c[2]), estimator = "ancova",
      n = as.list(table(w$arm)), emm = list(es$emmean[es$arm == c[2]], es$emmean[es$arm == c[1]]), emmSe = list(es$SE[es$arm == c[2]], es$SE[es$arm == c[1]]),
      diff = ct$estimate, se = ct$SE, df = ct$df, p = ct$p.value, lower = ct$lower.CL, upper = ct$upper.CL)
    if (wk == 16) {
      t <- t.test(w$y[w$arm == c[1]], w$y[w$arm == c[2]])
      rows[[length(rows) + 1]] <- list(outcome = "weight", visit = "16", comparison = paste(c[1], "vs", c[2]), estimator = "welch",
        diff = unname(t$estimate[1] - t$estimate[2]), se = t$stderr, df = unname(t$parameter), p = t$p.value, lower = t$conf.int[1], upper = t$conf.int[2])
    }
  }
}
# MMRM over weeks 8 and 16.
mm <- do.call(rbind, lapply(c(8, 16), function(wk) { w <- mk(wk, "weight_kg"); w$visit <- as.character(wk); w[!is.na(w$y), ] }))
ppl <- unique(mm[, c("pid", "age")]); agemean <- mean(ppl$age, na.rm = TRUE); mm$age[is.na(mm$age)] <- agemean
mm$visit <- factor(mm$visit, levels = c("8", "16")); mm$k <- as.integer(mm$visit); mm <- mm[order(mm$pid, mm$k), ]
gfit <- gls(y ~ arm * visit + b * visit + site + age + sex, data = mm, correlation = corSymm(form = ~ k | pid), weights = varIdent(form = ~ 1 | visit), method = "REML",
  control = glsControl(tolerance = 1e-12, msTol = 1e-12, maxIter = 500, msMaxIter = 500))
set.seed(1)  # emmeans' appx-satterthwaite for gls perturbs the fit at random: seeded so the fixture is reproducible
gm <- emmeans(gfit, ~ arm | visit, mode = "appx-satterthwaite")
for (wk in c("8", "16")) for (c in cmp) {
  ct <- summary(contrast(gm, list(d = (levs == c[1]) - (levs == c[2])), by = "visit"), infer = TRUE); ct <- ct[ct$visit == wk, ]
  rows[[length(rows) + 1]] <- list(outcome = "weight", visit = wk, comparison = paste(c[1], "vs", c[2]), estimator = "mmrm", logLik = as.numeric(logLik(gfit)),
    diff = ct$estimate, se = ct$SE, df = ct$df, p = ct$p.value, lower = ct$lower.CL, upper = ct$upper.CL)
}

# Binary: logistic regression + marginal standardisation, Ye et al. (2023) variance with strata.
wald <- function(est, se) { z <- est / se; list(estimate = est, se = se, lower = est - qnorm(0.975) * se, upper = est + qnorm(0.975) * se, statistic = z, p = 2 * pnorm(-abs(z))) }
standardise <- function(w, covs, strata) {
  f <- reformulate(c("arm", covs, strata), "y"); ctl <- glm.control(epsilon = 1e-14, maxit = 100)
  fit <- glm(f, binomial, w, control = ctl); fit <- glm(f, binomial, w, control = ctl, start = coef(fit))
  with_arm <- function(a) { w2 <- w; w2$arm <- factor(rep(a, nrow(w)), levels = levs); w2 }
  cf <- sapply(levs, function(a) predict(fit, newdata = with_arm(a), type = "response")); risks <- colMeans(cf); n <- nrow(w); k <- 3
  pi <- as.vector(table(w$arm)[levs]) / n; V <- matrix(0, k, k)
  for (a in 1:k) { ia <- w$arm == levs[a]
    V[a, a] <- var(w$y[ia] - cf[ia, a]) / pi[a] + 2 * cov(w$y[ia], cf[ia, a]) - var(cf[, a])
    for (bb in seq_len(k)[-a]) { ib <- w$arm == levs[bb]; V[a, bb] <- cov(w$y[ia], cf[ia, bb]) + cov(w$y[ib], cf[ib, a]) - cov(cf[, a], cf[, bb]) } }
  cell <- interaction(w[strata], drop = TRUE); res <- w$y - fitted(fit); omega <- diag(pi) - pi %*% t(pi); adj <- matrix(0, k, k)
  for (z in levels(cell)) { iz <- cell == z; R <- diag(sapply(1:k, function(a) mean(res[iz & w$arm == levs[a]]) / pi[a]), k); adj <- adj + mean(iz) * R %*% omega %*% R }
  V <- (V - adj) / n
  lapply(cmp, function(c) { t <- match(c[1], levs); cc <- match(c[2], levs); pt <- risks[t]; pc <- risks[cc]
    dse <- function(dt, dc) sqrt(dt^2 * V[t, t] + dc^2 * V[cc, cc] - 2 * dt * dc * V[t, cc])
    list(comparison = paste(c[1], "vs", c[2]), n = as.list(table(w$arm)), risk = list(unname(pc), unname(pt)), riskSe = list(sqrt(V[cc, cc]), sqrt(V[t, t])),
      rd = wald(unname(pt - pc), dse(1, 1)), logRr = wald(unname(log(pt / pc)), dse(1 / pt, 1 / pc)),
      logOr = wald(unname(log(pt / (1 - pt)) - log(pc / (1 - pc))), dse(1 / (pt * (1 - pt)), 1 / (pc * (1 - pc))))) })
}
binary <- list()
for (wk in c(8, 16)) {
  w <- mk(wk, "employed"); w <- w[w$y != "" & !is.na(w$y), ]; w$y <- as.numeric(w$y == "yes"); w$b <- as.numeric(w$b == "yes"); w <- impute_age(w)
  for (r in standardise(w, c("b", "age", "sex"), "site")) binary[[length(binary) + 1]] <- c(list(outcome = "employed", visit = as.character(wk), estimator = "logistic"), r)
  if (wk == 16) for (c in cmp) {
    e1 <- sum(w$y[w$arm == c[1]]); n1 <- sum(w$arm == c[1]); e2 <- sum(w$y[w$arm == c[2]]); n2 <- sum(w$arm == c[2])
    w1 <- prop.test(e1, n1, correct = FALSE)$conf.int; w2 <- prop.test(e2, n2, correct = FALSE)$conf.int; p1 <- e1 / n1; p2 <- e2 / n2
    rr <- p1 / p2; srr <- sqrt(1 / e1 - 1 / n1 + 1 / e2 - 1 / n2); or <- (e1 * (n2 - e2)) / ((n1 - e1) * e2); sor <- sqrt(1 / e1 + 1 / (n1 - e1) + 1 / e2 + 1 / (n2 - e2))
    binary[[length(binary) + 1]] <- list(outcome = "employed", visit = "16", estimator = "two-proportion", comparison = paste(c[1], "vs", c[2]), events = list(e2, e1), n = list(n2, n1),
      p = prop.test(c(e1, e2), c(n1, n2), correct = FALSE)$p.value, rd = p1 - p2,
      rdLower = p1 - p2 - sqrt((p1 - w1[1])^2 + (w2[2] - p2)^2), rdUpper = p1 - p2 + sqrt((w1[2] - p1)^2 + (p2 - w2[1])^2),
      rr = rr, rrLower = rr * exp(-qnorm(0.975) * srr), rrUpper = rr * exp(qnorm(0.975) * srr), or = or, orLower = or * exp(-qnorm(0.975) * sor), orUpper = or * exp(qnorm(0.975) * sor))
  }
}
for (wk in c(8, 16)) {
  w <- mk(wk, "weight_kg"); w <- w[!is.na(w$y) & !is.na(w$b), ]; w$y <- as.numeric(-(w$y - w$b) >= 2 - 1e-9); w <- impute_age(w)
  for (r in standardise(w, c("age", "sex"), "site")) binary[[length(binary) + 1]] <- c(list(outcome = "lost2", visit = as.character(wk), estimator = "logistic"), r)
}

# Counts: negative binomial (θ refined) and Poisson with log exposure as offset.
counts <- list()
for (wk in c(8, 16)) {
  w <- mk(wk, "gp_visits"); ex <- d[d$week == wk, c("pid", "days_at_risk")]; w <- merge(w, ex, by = "pid"); w <- w[!is.na(w$y) & !is.na(w$days_at_risk), ]; w <- impute_age(w)
  ctl <- glm.control(epsilon = 1e-14, maxit = 200)
  f <- glm.nb(y ~ arm + b + age + sex + site + offset(log(days_at_risk)), w, control = ctl); th <- f$theta
  for (k in 1:30) { th <- theta.ml(f$y, fitted(f), limit = 200, eps = 1e-13)
    f <- glm(y ~ arm + b + age + sex + site + offset(log(days_at_risk)), family = negative.binomial(as.vector(th)), data = w, control = ctl, start = coef(f)) }
  fits <- list(list(model = "negative-binomial", fit = f, theta = as.vector(th)))
  if (wk == 16) { pf <- glm(y ~ arm + b + age + sex + site + offset(log(days_at_risk)), poisson, w, control = ctl); pf <- glm(y ~ arm + b + age + sex + site + offset(log(days_at_risk)), poisson, w, control = ctl, start = coef(pf))
    fits[[2]] <- list(model = "poisson", fit = pf, theta = NULL) }
  for (ff in fits) { s <- summary(ff$fit, dispersion = 1)$coefficients
    for (c in cmp) { j <- paste0("arm", c[1])
      counts[[length(counts) + 1]] <- list(outcome = "gp", visit = as.character(wk), estimator = ff$model, comparison = paste(c[1], "vs", c[2]), n = as.list(table(w$arm)),
        rr = exp(s[j, 1]), lower = exp(s[j, 1] - qnorm(0.975) * s[j, 2]), upper = exp(s[j, 1] + qnorm(0.975) * s[j, 2]), p = s[j, 4], seLog = s[j, 2])
      if (!is.null(ff$theta)) counts[[length(counts)]]$theta <- ff$theta } }
}

pw <- sapply(Filter(function(x) x$estimator == "ancova" && x$visit == "16", rows), function(x) x$p)
sec <- c(sapply(Filter(function(x) x$outcome == "employed" && x$visit == "16" && x$estimator == "logistic", binary), function(x) x$rd$p),
         sapply(Filter(function(x) x$outcome == "gp" && x$visit == "16" && x$estimator == "negative-binomial", counts), function(x) x$p))
write_json16(list(R = R.version.string, emmeans = as.character(packageVersion("emmeans")), nlme = as.character(packageVersion("nlme")), MASS = as.character(packageVersion("MASS")),
  rows = rows, binary = binary, counts = counts, fixedSequence = as.list(cummax(pw)), holmSecondary = as.list(p.adjust(sec, "holm"))),
  "test/reference/anytrial/analyze-anytrial.json")
