# Reference values for descriptives, t-tests, noncentral t, Cohen's d, binary effect measures
# and p-value adjustment. Writes test/reference/basic-stats.json. Run from the repository root.
library(jsonlite)
set.seed(424242)
twin <- read.csv("data-samples/peer-trial.csv", stringsAsFactors = FALSE)
m <- as.matrix(twin[twin$visit == "end", paste0("qpr_", 1:15)]); arm <- twin$arm[twin$visit == "end"]
s <- rowMeans(m, na.rm = TRUE) * 15; s[rowSums(is.na(m)) > 3] <- NA
datasets <- list(
  list(name = "twin QPR-15 at end (PEER vs SAU)", x = s[arm == "PEER" & !is.na(s)], y = s[arm == "SAU" & !is.na(s)]),
  list(name = "small n", x = c(12.1, 15.3, 9.8, 14.2), y = c(10.0, 8.7, 11.9)),
  list(name = "ties", x = c(3, 3, 4, 4, 4, 5, 5, 6, 2, 3), y = c(2, 2, 3, 3, 3, 4, 1, 2)),
  list(name = "heavy tails", x = rt(40, 2) * 5 + 2, y = rt(35, 2) * 5),
  list(name = "large offset", x = 1e9 + c(0.1, 0.2, 0.3, 0.4), y = 1e9 + c(0.15, 0.25, 0.35)),
  list(name = "extreme separation (p near 1e-180)", x = 300 + (1:40) * 0.5 + c(0.3, -0.2), y = (1:40) * 0.5)
)
desc <- lapply(datasets, function(d) list(name = d$name, x = d$x, y = d$y, mean = mean(d$x), sd = sd(d$x),
  quantiles = lapply(4:9, function(t) unname(quantile(d$x, c(0, 0.1, 0.25, 0.5, 0.75, 0.9, 1), type = t)))))
tt <- lapply(datasets, function(d) {
  one <- function(ve, alt) { r <- t.test(d$x, d$y, var.equal = ve, alternative = alt)
    list(varEqual = ve, alternative = alt, statistic = unname(r$statistic), df = unname(r$parameter), p = r$p.value,
         lower = r$conf.int[1], upper = r$conf.int[2], estimate = unname(r$estimate[1] - r$estimate[2]), se = unname(r$stderr)) }
  list(name = d$name, results = list(one(FALSE, "two.sided"), one(TRUE, "two.sided"), one(FALSE, "less"), one(FALSE, "greater"), one(TRUE, "greater")))
})
g <- expand.grid(t = c(-4, -1.2, 0.3, 1.96, 3.5, 8), df = c(3, 12, 80, 294), ncp = c(-2, 0.5, 1.5, 4, 9))
# R warns where its own pnt may not reach full precision; those points are flagged and not used as references.
nct_one <- function(t, df, ncp) { warned <- FALSE; v <- withCallingHandlers(pt(t, df, ncp), warning = function(w) { warned <<- TRUE; invokeRestart("muffleWarning") }); c(v, warned) }
nct_vals <- mapply(nct_one, g$t, g$df, g$ncp)
nct <- list(t = g$t, df = g$df, ncp = g$ncp, cdf = nct_vals[1, ], imprecise = as.logical(nct_vals[2, ]))
dci <- lapply(datasets[1:4], function(d) {
  n1 <- length(d$x); n2 <- length(d$y); df <- n1 + n2 - 2
  sp <- sqrt(((n1 - 1) * var(d$x) + (n2 - 1) * var(d$y)) / df)
  dd <- (mean(d$x) - mean(d$y)) / sp; tobs <- dd / sqrt(1/n1 + 1/n2)
  f <- function(p) uniroot(function(ncp) pt(tobs, df, ncp) - p, c(tobs - 40, tobs + 40), tol = 1e-14)$root
  J <- exp(lgamma(df/2) - lgamma((df-1)/2)) / sqrt(df/2)
  list(name = d$name, d = dd, lower = f(0.975) * sqrt(1/n1 + 1/n2), upper = f(0.025) * sqrt(1/n1 + 1/n2), g = J * dd, sd = sp)
})
# The twin's QPR-15 responders (improvement ≥ 5 points): PEER responders, PEER n, SAU responders, SAU n.
mb0 <- as.matrix(twin[twin$visit == "baseline", paste0("qpr_", 1:15)]); s0 <- rowMeans(mb0, na.rm = TRUE) * 15
rs <- (s - s0 >= 5 - 1e-9); okr <- !is.na(rs)  # tolerance as the analysis: a prorated change of 5 may compute as 4.9999999999999964
twin_counts <- c(sum(rs[okr & arm == "PEER"]), sum(okr & arm == "PEER"), sum(rs[okr & arm == "SAU"]), sum(okr & arm == "SAU"))
tables <- list(c(45, 120, 30, 125), c(3, 10, 1, 12), c(60, 100, 60, 100), c(12, 150, 40, 151), c(0, 20, 5, 20), twin_counts)
bin <- lapply(tables, function(tb) {
  e1 <- tb[1]; n1 <- tb[2]; e2 <- tb[3]; n2 <- tb[4]; z <- qnorm(0.975)
  w1 <- prop.test(e1, n1, correct = FALSE)$conf.int; w2 <- prop.test(e2, n2, correct = FALSE)$conf.int
  p1 <- e1/n1; p2 <- e2/n2; rd <- p1 - p2; se <- sqrt(p1*(1-p1)/n1 + p2*(1-p2)/n2)
  rr <- if (e1 > 0 && e2 > 0) c(p1/p2, exp(log(p1/p2) + c(-1, 1) * z * sqrt(1/e1 - 1/n1 + 1/e2 - 1/n2))) else c(NA, NA, NA)
  a <- e1; b <- n1 - e1; cc <- e2; dd <- n2 - e2
  or <- if (min(a, b, cc, dd) > 0) c(a*dd/(b*cc), exp(log(a*dd/(b*cc)) + c(-1, 1) * z * sqrt(1/a + 1/b + 1/cc + 1/dd))) else c(NA, NA, NA)
  list(counts = tb, wilson1 = w1[1:2], wilson2 = w2[1:2], rd = rd, se = se,
       newcombe = c(rd - sqrt((p1 - w1[1])^2 + (w2[2] - p2)^2), rd + sqrt((w1[2] - p1)^2 + (p2 - w2[1])^2)),
       wald = rd + c(-1, 1) * z * se, rr = rr, or = or)
})
pv <- list(c(0.01, 0.02, 0.03, 0.04, 0.05), c(0.2, 0.001, 0.04, 0.04, 0.9, 0.0001, 0.03), c(1, 0.5, 0.5, 1e-10), runif(12)^3, c(0.049))
adj <- lapply(pv, function(p) list(p = p, bonferroni = p.adjust(p, "bonferroni"), holm = p.adjust(p, "holm"),
  hochberg = p.adjust(p, "hochberg"), hommel = p.adjust(p, "hommel"), BH = p.adjust(p, "BH")))
# Hedges' g with its CI (J × the noncentral-t limits of d) and d standardised by a supplied SD (for the
# twin the pooled baseline SD; otherwise 1.25 × the pooled SD): d = diff / s, CI = the pooled-SD
# limits × s_p / s.
tb <- twin[twin$visit == "baseline", ]; mb <- as.matrix(tb[, paste0("qpr_", 1:15)]); sb <- rowMeans(mb, na.rm = TRUE) * 15
bx <- sb[tb$arm == "PEER"]; by <- sb[tb$arm == "SAU"]
sdBase <- sqrt(((length(bx) - 1) * var(bx) + (length(by) - 1) * var(by)) / (length(bx) + length(by) - 2))
dopt <- lapply(seq_along(dci), function(k) { r <- dci[[k]]; d <- datasets[[k]]; n1 <- length(d$x); n2 <- length(d$y); df <- n1 + n2 - 2
  J <- exp(lgamma(df/2) - lgamma((df-1)/2)) / sqrt(df/2); s <- if (k == 1) sdBase else 1.25 * r$sd
  list(name = r$name, gLower = J * r$lower, gUpper = J * r$upper, standardiser = s,
       dS = (mean(d$x) - mean(d$y)) / s, dSLower = r$lower * r$sd / s, dSUpper = r$upper * r$sd / s) })
write_json(list(R = R.version.string, descriptives = desc, ttests = tt, noncentralT = nct, cohensD = dci, cohensDOptions = dopt, binary = bin, padjust = adj),
  "test/reference/basic-stats.json", digits = NA, auto_unbox = TRUE, pretty = TRUE, na = "null")
