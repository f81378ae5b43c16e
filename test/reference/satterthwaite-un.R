# Satterthwaite df for linear combinations L of an unstructured-covariance gls fit, written out:
# emmeans falls back to a stochastic "appx-satterthwaite" for corSymm + varIdent (nlme's apVar is
# not on coef(modelStruct)'s scale), which is only good to a few per cent.
#   df = 2 (l'Φl)² / (g' H⁻¹ g),  Φ = (X'V⁻¹X)⁻¹,  H = optimHess of −logLik (REML) in the
#   log-Cholesky parameters of Σ,  g = central differences of l'Φl.  Invariant to parameterisation.
# X: the fixed-effects design; id, vindex, y: subject, visit index and response per row; S0: Σ̂.
sat_df_un <- function(X, id, vindex, y, S0, L, reml = TRUE) {
  T <- nrow(S0); p <- ncol(X); groups <- split(seq_along(y), as.character(id))
  C0 <- t(chol(S0)); th0 <- c(log(diag(C0)), C0[lower.tri(C0)])
  sig <- function(th) { C <- diag(exp(th[1:T]), T); C[lower.tri(C)] <- th[-(1:T)]; C %*% t(C) }
  parts <- function(th) {
    S <- sig(th); xvx <- matrix(0, p, p); xvy <- numeric(p); ld <- 0; yvy <- 0
    for (g in groups) { Si <- S[vindex[g], vindex[g], drop = FALSE]; Wi <- solve(Si); ld <- ld + determinant(Si)$modulus; Xg <- X[g, , drop = FALSE]
      xvx <- xvx + t(Xg) %*% Wi %*% Xg; xvy <- xvy + t(Xg) %*% Wi %*% y[g]; yvy <- yvy + t(y[g]) %*% Wi %*% y[g] }
    list(xvx = xvx, xvy = xvy, yvy = yvy, ld = ld)
  }
  nll <- function(th) { q <- parts(th); r <- q$yvy - t(q$xvy) %*% solve(q$xvx, q$xvy); n <- length(y)
    as.numeric(0.5 * ((n - reml * p) * log(2 * pi) + q$ld + r + reml * determinant(q$xvx)$modulus)) }
  H <- optimHess(th0, nll, control = list(ndeps = rep(1e-4, length(th0))))
  phi <- function(th) solve(parts(th)$xvx)
  G <- lapply(seq_along(th0), function(k) { h <- 1e-5; a <- th0; b <- th0; a[k] <- a[k] + h; b[k] <- b[k] - h; (phi(a) - phi(b)) / (2 * h) })
  P <- phi(th0)
  apply(L, 1, function(l) { g <- sapply(G, function(M) sum(l * (M %*% l))); 2 * sum(l * (P %*% l))^2 / sum(g * solve(H, g)) })
}
