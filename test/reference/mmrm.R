# Reference values for the MMRM (src/stats/models/mmrm): nlme::gls fits of y ~ arm * visit +
# base * visit + site for every covariance structure, with emmeans(~ arm | visit,
# mode = "satterthwaite") — emmeans' analytic Satterthwaite for gls (apVar and the gradient of
# vcov(beta) in nlme's variance parameters). Writes test/reference/mmrm.json.
# Run from the repo root: Rscript test/reference/mmrm.R (about a minute).
#   unstructured  corSymm(~ vindex | id) + varIdent(~ 1 | visit)
#   cs            corCompSymm(~ vindex | id)
#   csh           corCompSymm(~ vindex | id) + varIdent(~ 1 | visit)
#   ar1           corAR1(~ vindex | id)
#   ar1h          corAR1(~ vindex | id) + varIdent(~ 1 | visit)
#   toeplitz      corARMA(~ vindex | id, p = T - 1): over lags 0..T-1 the correlations of a
#                 stationary AR(T-1) are any positive-definite Toeplitz correlation matrix
#                 (Durbin-Levinson: one-to-one with partial autocorrelations in (-1, 1)), so
#                 this is exactly the homogeneous Toeplitz structure. Checked independently by
#                 maximising a REML likelihood written here over the banded covariance (logLikOwn).
#   independence  varIdent(~ 1 | visit) only
# Datasets (monotone dropout and intermittent missingness in each): the twin (QPR-15 at end and
# fu6, baseline as covariate, participants with a baseline score), a simulated trial with three
# post-baseline visits, and one with four visits and t(3) errors. Plus the twin as the analysis
# estimator sees it (all randomised, missing baseline mean-imputed, unstructured REML).
suppressMessages({ library(jsonlite); library(nlme); library(emmeans) })
emm_options(opt.digits = FALSE)
twin <- read.csv("data-samples/peer-trial.csv", stringsAsFactors = FALSE)
sc <- function(v) {
  w <- twin[twin$visit == v, ]
  m <- as.matrix(w[, paste0("qpr_", 1:15)]); s <- rowMeans(m, na.rm = TRUE) * 15; s[rowSums(is.na(m)) > 3] <- NA
  s[match(b$participant_id, w$participant_id)]
}
b <- twin[twin$visit == "baseline", ]
long_twin <- rbind(data.frame(id = b$participant_id, arm = b$arm, site = b$municipality, base = sc("baseline"), visit = "end", y = sc("end")),
                   data.frame(id = b$participant_id, arm = b$arm, site = b$municipality, base = sc("baseline"), visit = "fu6", y = sc("fu6")))
set.seed(77)
sim <- function(n, visits, heavy = FALSE) {
  id <- sprintf("S%03d", 1:n); arm <- sample(c("SAU", "PEER"), n, TRUE); site <- sample(c("A", "B", "C"), n, TRUE); base <- round(rnorm(n, 30, 10), 2)
  u <- rnorm(n, 0, 5); ar <- rep(0, n)
  out <- do.call(rbind, lapply(seq_along(visits), function(k) {
    ar <<- 0.6 * ar + (if (heavy) rt(n, 3) * 3 else rnorm(n, 0, 4))
    data.frame(id, arm, site, base, visit = visits[k], y = round(10 + 0.6 * base + k + ifelse(arm == "PEER", 2 + k, 0) + u + ar * sqrt(k), 6))
  }))
  # monotone MAR dropout (more likely with a low baseline), then 5 % intermittent gaps
  last <- ifelse(runif(n) < plogis(-1.5 + 0.04 * (30 - base)), sample(seq_along(visits)[-length(visits)], n, TRUE), length(visits))
  out$y[match(out$visit, visits) > last[match(out$id, id)]] <- NA
  out$y[sample(nrow(out), round(0.05 * nrow(out)))] <- NA
  out
}
datasets <- list(list(name = "twin QPR-15 (end, fu6)", d = long_twin, visits = c("end", "fu6")),
                 list(name = "simulated, 3 visits", d = sim(150, c("v1", "v2", "v3")), visits = c("v1", "v2", "v3")),
                 list(name = "simulated, 4 visits, t(3) errors", d = sim(120, c("v1", "v2", "v3", "v4"), heavy = TRUE), visits = c("v1", "v2", "v3", "v4")))
ctl <- glsControl(tolerance = 1e-10, msTol = 1e-12, maxIter = 1000, msMaxIter = 1000, returnObject = TRUE)
ctl_optim <- glsControl(tolerance = 1e-10, msTol = 1e-14, maxIter = 1000, msMaxIter = 1000, returnObject = TRUE, opt = "optim")
ctl_nm <- glsControl(tolerance = 1e-12, msTol = 1e-15, maxIter = 1000, msMaxIter = 5000, returnObject = TRUE, opt = "optim", optimMethod = "Nelder-Mead")
best_gls <- function(args) {
  f <- do.call(gls, args); optimizer <- "nlminb"
  for (alt in list(list(name = "optim BFGS", control = ctl_optim), list(name = "optim Nelder-Mead", control = ctl_nm))) {
    args$control <- alt$control; f2 <- try(suppressWarnings(do.call(gls, args)), silent = TRUE)
    if (!inherits(f2, "try-error") && logLik(f2) > logLik(f)) { f <- f2; optimizer <- alt$name }
  }
  attr(f, "optimizer") <- optimizer
  f
}
structures <- list(
  unstructured = function(T) list(correlation = corSymm(form = ~ vindex | id), weights = varIdent(form = ~ 1 | visit)),
  cs = function(T) list(correlation = corCompSymm(form = ~ vindex | id), weights = NULL),
  csh = function(T) list(correlation = corCompSymm(form = ~ vindex | id), weights = varIdent(form = ~ 1 | visit)),
  ar1 = function(T) list(correlation = corAR1(form = ~ vindex | id), weights = NULL),
  ar1h = function(T) list(correlation = corAR1(form = ~ vindex | id), weights = varIdent(form = ~ 1 | visit)),
  toeplitz = function(T) list(correlation = corARMA(form = ~ vindex | id, p = T - 1, q = 0), weights = NULL),
  independence = function(T) list(correlation = NULL, weights = varIdent(form = ~ 1 | visit)))

# REML log-likelihood of the homogeneous Toeplitz model, written out (as gls: no + 1/2 log|X'X| term).
toep_loglik <- function(par, X, y, id, vi, T) {
  S <- exp(par[1]) * toeplitz(c(1, par[-1])); if (min(eigen(S, symmetric = TRUE, only.values = TRUE)$values) <= 0) return(-1e10)
  p <- ncol(X); xvx <- matrix(0, p, p); xvy <- numeric(p); ld <- 0; yvy <- 0
  for (g in split(seq_along(y), id)) {
    Si <- S[vi[g], vi[g], drop = FALSE]; Wi <- solve(Si); ld <- ld + determinant(Si)$modulus
    xvx <- xvx + t(X[g, , drop = FALSE]) %*% Wi %*% X[g, , drop = FALSE]; xvy <- xvy + t(X[g, , drop = FALSE]) %*% Wi %*% y[g]; yvy <- yvy + t(y[g]) %*% Wi %*% y[g]
  }
  bh <- solve(xvx, xvy); n <- length(y)
  -0.5 * ((n - p) * log(2 * pi) + ld + (yvy - t(xvy) %*% bh) + determinant(xvx)$modulus)
}

# Satterthwaite df written out for the unstructured fit (satterthwaite-un.R), where emmeans falls
# back to its stochastic "appx-satterthwaite" (nlme's apVar for corSymm is not on coef(modelStruct)'s scale).
source("test/reference/satterthwaite-un.R")
un_sat_df <- function(f, cc, L, reml) {
  X <- model.matrix(y ~ arm * visit + base * visit + site, cc); T <- nlevels(cc$visit)
  S0 <- unclass(getVarCov(f, individual = names(which(table(cc$id) == T))[1]))
  sat_df_un(X, cc$id, cc$vindex, cc$y, S0, L, reml)
}

# Unstructured Sigma separate per arm (no gls equivalent: corSymm cannot differ by group), by a REML
# likelihood written out: log-Cholesky per arm, started at gls's common Sigma-hat, optim (BFGS) then
# Newton steps on a central-difference gradient and optimHess. Checked first to reproduce gls's
# logLik with one common Sigma. Returns logLik, coef, SE, and EMMs/contrasts (emmeans' L) with the
# Satterthwaite df as above.
own_un <- function(f, cc, L, by_arm) {
  X <- model.matrix(y ~ arm * visit + base * visit + site, cc); T <- nlevels(cc$visit); p <- ncol(X); m <- T * (T + 1) / 2
  grp <- if (by_arm) as.integer(cc$arm) else rep(1L, nrow(cc)); G <- max(grp)
  groups <- split(seq_len(nrow(cc)), as.character(cc$id)); vi <- cc$vindex; y <- cc$y
  Xs <- lapply(groups, function(g) X[g, , drop = FALSE]); ys <- lapply(groups, function(g) y[g]); vs <- lapply(groups, function(g) vi[g]); gs <- sapply(groups, function(g) grp[g[1]])
  S0 <- unclass(getVarCov(f, individual = names(which(table(cc$id) == T))[1])); C0 <- t(chol(S0))
  th0 <- rep(c(log(diag(C0)), C0[lower.tri(C0)]), G)
  sig <- function(th) { C <- diag(exp(th[1:T]), T); C[lower.tri(C)] <- th[-(1:T)]; C %*% t(C) }
  parts <- function(th) {
    S <- lapply(1:G, function(k) sig(th[(k - 1) * m + 1:m])); xvx <- matrix(0, p, p); xvy <- numeric(p); ld <- 0; yvy <- 0
    for (i in seq_along(groups)) { Si <- S[[gs[i]]][vs[[i]], vs[[i]], drop = FALSE]; Wi <- solve(Si); ld <- ld + determinant(Si)$modulus; Xg <- Xs[[i]]; WX <- Wi %*% Xg
      xvx <- xvx + crossprod(Xg, WX); xvy <- xvy + crossprod(WX, ys[[i]]); yvy <- yvy + sum(ys[[i]] * (Wi %*% ys[[i]])) }
    list(xvx = xvx, xvy = xvy, yvy = yvy, ld = ld)
  }
  nll <- function(th) tryCatch({ q <- parts(th); r <- q$yvy - t(q$xvy) %*% solve(q$xvx, q$xvy); n <- length(y)
    as.numeric(0.5 * ((n - p) * log(2 * pi) + q$ld + r + determinant(q$xvx)$modulus)) }, error = function(e) 1e10)
  gr <- function(th) sapply(seq_along(th), function(k) { h <- 1e-4; e <- replace(numeric(length(th)), k, h)
    (8 * (nll(th + e) - nll(th - e)) - (nll(th + 2 * e) - nll(th - 2 * e))) / (12 * h) })
  o <- optim(th0, nll, gr, method = "BFGS", control = list(reltol = 1e-15, maxit = 2000)); th <- o$par
  for (k in 1:8) { H <- optimHess(th, nll, gr); th <- th - solve(H, gr(th)) }
  H <- optimHess(th, nll, gr); q <- parts(th); P <- solve(q$xvx); b <- drop(P %*% q$xvy)
  G2 <- lapply(seq_along(th), function(k) { h <- 1e-5; a <- th; z <- th; a[k] <- a[k] + h; z[k] <- z[k] - h; (solve(parts(a)$xvx) - solve(parts(z)$xvx)) / (2 * h) })
  df <- apply(L, 1, function(l) { g <- sapply(G2, function(M) sum(l * (M %*% l))); 2 * sum(l * (P %*% l))^2 / sum(g * solve(H, g)) })
  list(logLik = -nll(th), gradientMax = max(abs(gr(th))), coef = b, se = sqrt(diag(P)), estimate = drop(L %*% b), estimateSe = sqrt(diag(L %*% P %*% t(L))), df = df)
}

prep <- function(d, visits) {
  d$arm <- factor(d$arm, levels = c("SAU", "PEER")); d$visit <- factor(d$visit, levels = visits); d$site <- factor(d$site)
  d$vindex <- as.integer(d$visit); d$id <- factor(d$id)
  d[order(d$id, d$vindex), ]
}
fit_one <- function(cc, visits, structure, method) {
  s <- structures[[structure]](length(visits))
  args <- list(y ~ arm * visit + base * visit + site, data = cc, method = method, control = ctl)
  if (!is.null(s$correlation)) args$correlation <- s$correlation
  if (!is.null(s$weights)) args$weights <- s$weights
  # gls optimises with numerical derivatives and can stop ~1e-8 short of the maximum, which moves
  # the estimates in the 5th digit: fit with nlminb, optim (BFGS) and optim (Nelder-Mead), keep the
  # highest logLik.
  f <- best_gls(args); optimizer <- attr(f, "optimizer")
  mode <- "satterthwaite"
  if (max(abs(coef(f$modelStruct) - attr(f$apVar, "Pars")[-length(attr(f$apVar, "Pars"))])) > 0.001) mode <- "appx-satterthwaite"
  e <- emmeans(f, ~ arm | visit, mode = mode, data = cc); es <- summary(e)
  ct <- summary(contrast(e, list(d = c(-1, 1))), infer = TRUE)
  if (structure == "unstructured") {
    out_df <- un_sat_df(f, cc, rbind(e@linfct, contrast(e, list(d = c(-1, 1)))@linfct), method == "REML")
    k <- nrow(e@linfct)
  }
  cm <- if (is.null(f$modelStruct$corStruct)) NULL else corMatrix(f$modelStruct$corStruct)
  T <- length(visits); full <- names(which(table(cc$id) == T))[1]
  R <- if (is.null(f$modelStruct$corStruct)) diag(T) else if (is.list(cm)) cm[[full]] else cm
  sdv <- if (is.null(f$modelStruct$varStruct)) rep(1, T) else 1 / unname(varWeights(f$modelStruct$varStruct)[match(visits, as.character(cc$visit))])
  out <- list(structure = structure, method = method, coef = unname(coef(f)), se = unname(sqrt(diag(vcov(f)))), logLik = as.numeric(logLik(f)),
       AIC = AIC(f), BIC = BIC(f), nPar = attr(logLik(f), "df"), emmMode = mode, glsOptimizer = optimizer, apVar = is.matrix(f$apVar),
       cov = f$sigma^2 * unname(diag(sdv, T) %*% R %*% diag(sdv, T)),
       emm = list(visit = as.character(es$visit), arm = as.character(es$arm), estimate = es$emmean, se = es$SE, df = es$df),
       diff = list(visit = as.character(ct$visit), estimate = ct$estimate, se = ct$SE, df = ct$df, p = ct$p.value, lower = ct$lower.CL, upper = ct$upper.CL))
  if (structure == "unstructured") { out$emm$dfOwn <- out_df[1:k]; out$diff$dfOwn <- out_df[-(1:k)] }
  if (structure == "toeplitz" && method == "REML") {
    X <- model.matrix(y ~ arm * visit + base * visit + site, cc)
    # started away from the gls optimum (variance x 1.2, correlations - 0.05), banded covariance as it is
    o <- optim(c(log(1.2 * f$sigma^2), out$cov[1, -1] / out$cov[1, 1] - 0.05), function(p) -toep_loglik(p, X, cc$y, as.character(cc$id), cc$vindex, T), method = "BFGS", control = list(reltol = 1e-14, maxit = 1000))
    for (k in 1:3) o <- optim(o$par, function(p) -toep_loglik(p, X, cc$y, as.character(cc$id), cc$vindex, T), method = "Nelder-Mead", control = list(reltol = 1e-15, maxit = 5000))
    out$logLikOwn <- -o$value
  }
  out
}
cases <- lapply(datasets, function(ds) {
  d <- prep(ds$d, ds$visits)
  cc <- d[!is.na(d$y) & !is.na(d$base), ]
  fits <- lapply(names(structures), function(s) fit_one(cc, ds$visits, s, "REML"))
  fits[[length(fits) + 1]] <- fit_one(cc, ds$visits, "unstructured", "ML")
  # Separate by arm, after checking that the written-out likelihood reproduces gls with one Sigma.
  s <- structures$unstructured(length(ds$visits))
  f <- best_gls(list(y ~ arm * visit + base * visit + site, data = cc, correlation = s$correlation, weights = s$weights, method = "REML", control = ctl))
  e <- emmeans(f, ~ arm | visit, mode = "df.error", data = cc); L <- rbind(e@linfct, contrast(e, list(d = c(-1, 1)))@linfct)
  common <- own_un(f, cc, L, FALSE)
  if (abs(common$logLik - as.numeric(logLik(f))) > 1e-6) stop(sprintf("written-out REML %.12f vs gls %.12f", common$logLik, as.numeric(logLik(f))))
  byArm <- own_un(f, cc, L, TRUE); k <- nrow(e@linfct)
  byArm <- list(logLik = byArm$logLik, gradientMax = byArm$gradientMax, coef = byArm$coef, se = byArm$se,
    emm = list(visit = as.character(summary(e)$visit), arm = as.character(summary(e)$arm), estimate = byArm$estimate[1:k], se = byArm$estimateSe[1:k], df = byArm$df[1:k]),
    diff = list(visit = ds$visits, estimate = byArm$estimate[-(1:k)], se = byArm$estimateSe[-(1:k)], df = byArm$df[-(1:k)]))
  list(name = ds$name, data = list(id = as.character(cc$id), arm = as.character(cc$arm), site = as.character(cc$site), base = cc$base, visit = as.character(cc$visit), y = cc$y),
       visits = ds$visits, coefNames = colnames(model.matrix(y ~ arm * visit + base * visit + site, cc)), nObs = nrow(cc), nSubjects = length(unique(cc$id)), fits = fits,
       unstructuredByArm = byArm)
})

# The analysis estimator's view of the twin: all randomised, baseline mean-imputed with the mean
# over participants with at least one post-baseline score, municipality as stratum.
d <- prep(long_twin, c("end", "fu6")); d <- d[!is.na(d$y), ]
bs <- d$base[!duplicated(d$id)]; d$base[is.na(d$base)] <- mean(bs, na.rm = TRUE)
est <- fit_one(d, c("end", "fu6"), "unstructured", "REML")
est$imputed <- sum(is.na(bs)); est$n <- as.list(table(d$arm[!duplicated(d$id)]))

write_json(list(R = R.version.string, nlme = as.character(packageVersion("nlme")), emmeans = as.character(packageVersion("emmeans")), cases = cases, estimator = est),
  "test/reference/mmrm.json", digits = NA, auto_unbox = TRUE, pretty = TRUE)
