# Reference values for paired t, χ², Fisher's exact test, Wilcoxon rank-sum and signed-rank tests.
# Fisher's MLE and CI are recomputed with a tight uniroot tolerance (fisher.test uses eps^0.25).
# Writes test/reference/hypothesis-tests.json.
library(jsonlite)
set.seed(99)
twin <- read.csv("data-samples/peer-trial.csv", stringsAsFactors = FALSE)
sc <- function(v) { m <- as.matrix(twin[twin$visit == v, paste0("qpr_", 1:15)]); s <- rowMeans(m, na.rm = TRUE) * 15; s[rowSums(is.na(m)) > 3] <- NA; s }
b <- round(sc("baseline"), 8); e <- round(sc("end"), 8); arm <- twin$arm[twin$visit == "end"]; ok <- !is.na(e)
two <- list(
  list(name = "twin QPR-15 at end", x = e[ok & arm == "PEER"], y = e[ok & arm == "SAU"]),
  list(name = "small, no ties", x = c(1.83, 0.50, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.30), y = c(0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29)),
  list(name = "ties", x = c(3, 3, 4, 4, 4, 5, 5, 6, 2, 3), y = c(2, 2, 3, 3, 3, 4, 1, 2)),
  list(name = "heavy tails, no ties", x = round(rt(30, 2) * 5 + 2, 6), y = round(rt(25, 2) * 5, 6)),
  list(name = "complete separation, exact (p near 1e-23)", x = 100 + (1:40) * 1.01, y = (1:40) * 0.99)
)
paired <- list(
  list(name = "twin QPR-15 baseline to end (PEER)", x = e[ok & arm == "PEER"], y = b[ok & arm == "PEER"]),
  list(name = "small, no ties", x = c(1.83, 0.50, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.30), y = c(0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29)),
  list(name = "ties and zeros", x = c(5, 6, 7, 7, 8, 9, 4, 6, 6, 5), y = c(4, 6, 5, 5, 6, 9, 4, 4, 3, 5)),
  list(name = "heavy tails", x = round(rt(20, 2) * 3 + 1, 6), y = round(rt(20, 2) * 3, 6))
)
alts <- c("two.sided", "less", "greater")
wr <- function(d, paired) lapply(alts, function(a) { r <- suppressWarnings(wilcox.test(d$x, d$y, paired = paired, alternative = a, conf.int = TRUE))
  list(alternative = a, statistic = unname(r$statistic), p = r$p.value, estimate = unname(r$estimate), lower = r$conf.int[1], upper = r$conf.int[2]) })
pt_ <- function(d) lapply(alts, function(a) { r <- t.test(d$x, d$y, paired = TRUE, alternative = a)
  list(alternative = a, statistic = unname(r$statistic), df = unname(r$parameter), p = r$p.value, estimate = unname(r$estimate), lower = r$conf.int[1], upper = r$conf.int[2]) })
# The twin's QPR-15 responders (improvement ≥ 5 points) by arm: rows PEER, SAU; columns responder, not.
resp <- (e - b >= 5)[ok]; rarm <- arm[ok]
twin_tab <- matrix(c(sum(resp & rarm == "PEER"), sum(resp & rarm == "SAU"), sum(!resp & rarm == "PEER"), sum(!resp & rarm == "SAU")), 2)
tables <- list(matrix(c(68, 49, 47, 79), 2), matrix(c(3, 1, 1, 3), 2), matrix(c(10, 2, 3, 15), 2), matrix(c(0, 5, 7, 3), 2), matrix(c(120, 80, 95, 110), 2), matrix(c(200, 5, 5, 200), 2), twin_tab)
fisher_tight <- function(x, alt, conf.level = 0.95) {
  m <- sum(x[, 1L]); n <- sum(x[, 2L]); k <- sum(x[1L, ]); x <- x[1L, 1L]
  lo <- max(0L, k - n); hi <- min(k, m); support <- lo:hi; logdc <- dhyper(support, m, n, k, log = TRUE)
  dnhyper <- function(ncp) { d <- logdc + log(ncp) * support; d <- exp(d - max(d)); d / sum(d) }
  mnhyper <- function(ncp) { if (ncp == 0) return(lo); if (ncp == Inf) return(hi); sum(support * dnhyper(ncp)) }
  pnhyper <- function(q, ncp, upper.tail = FALSE) { if (ncp == 1) { return(if (upper.tail) phyper(x - 1, m, n, k, lower.tail = FALSE) else phyper(x, m, n, k)) }
    if (ncp == 0) return(as.numeric(if (upper.tail) q <= lo else q >= lo)); if (ncp == Inf) return(as.numeric(if (upper.tail) q <= hi else q >= hi))
    sum(dnhyper(ncp)[if (upper.tail) support >= q else support <= q]) }
  ur <- function(f, lower, upper) uniroot(f, c(lower, upper), tol = 1e-15)$root
  mle <- if (x == lo) 0 else if (x == hi) Inf else { mu <- mnhyper(1); if (mu > x) ur(function(t) mnhyper(t) - x, 0, 1) else if (mu < x) 1 / ur(function(t) mnhyper(1/t) - x, .Machine$double.eps, 1) else 1 }
  ncp.U <- function(x, alpha) { if (x == hi) return(Inf); p <- pnhyper(x, 1); if (p < alpha) ur(function(t) pnhyper(x, t) - alpha, 0, 1) else if (p > alpha) 1 / ur(function(t) pnhyper(x, 1/t) - alpha, .Machine$double.eps, 1) else 1 }
  ncp.L <- function(x, alpha) { if (x == lo) return(0); p <- pnhyper(x, 1, upper.tail = TRUE); if (p > alpha) ur(function(t) pnhyper(x, t, upper.tail = TRUE) - alpha, 0, 1) else if (p < alpha) 1 / ur(function(t) pnhyper(x, 1/t, upper.tail = TRUE) - alpha, .Machine$double.eps, 1) else 1 }
  ci <- switch(alt, less = c(0, ncp.U(x, 1 - conf.level)), greater = c(ncp.L(x, 1 - conf.level), Inf), two.sided = { a <- (1 - conf.level) / 2; c(ncp.L(x, a), ncp.U(x, a)) })
  list(estimate = mle, lower = ci[1], upper = ci[2])
}
fis <- lapply(tables, function(t) list(table = t, results = lapply(alts, function(a) { r <- fisher.test(t, alternative = a); f <- fisher_tight(t, a)
  list(alternative = a, p = r$p.value, estimate = f$estimate, lower = f$lower, upper = f$upper, rEstimate = unname(r$estimate)) })))
chi_tables <- list(matrix(c(68, 49, 47, 79), 2), matrix(c(12, 5, 9, 7), 2), matrix(c(30, 20, 10, 25, 25, 15, 5, 10, 20), 3), matrix(c(2, 8, 5, 4), 2), matrix(c(500, 10, 10, 500), 2), twin_tab)
chi <- lapply(chi_tables, function(t) list(table = t, yates = { r <- suppressWarnings(chisq.test(t)); list(statistic = unname(r$statistic), df = unname(r$parameter), p = r$p.value) },
  plain = { r <- suppressWarnings(chisq.test(t, correct = FALSE)); list(statistic = unname(r$statistic), df = unname(r$parameter), p = r$p.value) }))
# Rank tests with options (drawn after everything above): the normal approximation without ties
# (n ≥ 50), exact = FALSE on small data, correct = FALSE, and a paired large sample.
wo <- function(name, x, y, paired, exact, correct) list(name = name, x = x, y = y, paired = paired, exact = exact, correct = correct,
  results = lapply(alts, function(a) { r <- suppressWarnings(wilcox.test(x, y, paired = paired, alternative = a, conf.int = TRUE, exact = exact, correct = correct))
    list(alternative = a, statistic = unname(r$statistic), p = r$p.value, estimate = unname(r$estimate), lower = r$conf.int[1], upper = r$conf.int[2]) }))
lx <- round(rnorm(60, 0.4), 6); ly <- round(rnorm(55), 6); px <- round(rnorm(70, 0.3), 6); py <- round(rnorm(70), 6)
sx <- c(1.83, 0.50, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.30); sy <- c(0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29)
rankOptions <- list(
  wo("rank-sum, n = 60/55, no ties (normal approximation)", lx, ly, FALSE, NULL, TRUE),
  wo("rank-sum, n = 60/55, no ties, correct = FALSE", lx, ly, FALSE, NULL, FALSE),
  wo("rank-sum, small, exact = FALSE", sx, sy, FALSE, FALSE, TRUE),
  wo("rank-sum, ties, correct = FALSE", c(3, 3, 4, 4, 4, 5, 5, 6, 2, 3), c(2, 2, 3, 3, 3, 4, 1, 2), FALSE, NULL, FALSE),
  wo("signed-rank, n = 70, no ties (normal approximation)", px, py, TRUE, NULL, TRUE),
  wo("signed-rank, small, exact = FALSE, correct = FALSE", sx, sy, TRUE, FALSE, FALSE))
write_json(list(R = R.version.string, rankOptions = rankOptions,
  rankSum = lapply(two, function(d) list(name = d$name, x = d$x, y = d$y, results = wr(d, FALSE))),
  signedRank = lapply(paired, function(d) list(name = d$name, x = d$x, y = d$y, results = wr(d, TRUE))),
  pairedT = lapply(paired, function(d) list(name = d$name, x = d$x, y = d$y, results = pt_(d))),
  fisher = fis, chisq = chi), "test/reference/hypothesis-tests.json", digits = NA, auto_unbox = TRUE, pretty = TRUE)
