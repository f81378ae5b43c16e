# Reference values for src/stats/resample: boot::boot.ci percentile and BCa limits computed from
# R's own bootstrap replicates (exported, so the interval code is compared on identical input),
# jackknife influence values (boot::empinf type "jack") and an exact permutation p-value by
# enumerating combn(). Writes test/reference/resample.json.
suppressMessages({ library(jsonlite); library(boot) })
set.seed(2718)
twin <- read.csv("data-samples/peer-trial.csv", stringsAsFactors = FALSE)
m <- as.matrix(twin[twin$visit == "end", paste0("qpr_", 1:15)]); s <- round(rowMeans(m, na.rm = TRUE) * 15, 8)
s[rowSums(is.na(m)) > 3] <- NA; arm <- twin$arm[twin$visit == "end"]; ok <- !is.na(s)
sets <- list(
  list(name = "twin QPR-15 at end", y = s[ok], g = as.integer(arm[ok] == "PEER")),
  list(name = "small n with ties", y = c(3, 5, 5, 6, 8, 2, 3, 3, 4, 7, 5, 6), g = rep(0:1, each = 6)),
  list(name = "heavy tails", y = round(rt(40, 2) * 4 + rep(c(0, 2), each = 20), 6), g = rep(0:1, each = 20))
)
diffmean <- function(d, i) { d <- d[i, ]; mean(d$y[d$g == 1]) - mean(d$y[d$g == 0]) }
out <- lapply(sets, function(st) {
  d <- data.frame(y = st$y, g = st$g)
  b <- boot(d, diffmean, R = 1999, strata = d$g)
  L <- empinf(b, type = "jack")
  ci <- boot.ci(b, conf = 0.95, type = c("perc", "bca"), L = L)
  ci90 <- boot.ci(b, conf = 0.90, type = c("perc", "bca"), L = L)
  list(name = st$name, y = st$y, g = st$g, t0 = b$t0, t = as.vector(b$t), L = as.vector(L),
       perc = ci$percent[4:5], bca = ci$bca[4:5], perc90 = ci90$percent[4:5], bca90 = ci90$bca[4:5])
})
x <- c(12.1, 15.3, 9.8, 14.2, 11.0); y <- c(10.0, 8.7, 11.9, 9.1, 10.4, 9.9)
allv <- c(x, y); tobs <- mean(x) - mean(y)
splits <- combn(length(allv), length(x))
stat <- apply(splits, 2, function(ix) mean(allv[ix]) - mean(allv[-ix]))
tol <- 1e-12
perm <- list(x = x, y = y, observed = tobs,
  two.sided = mean(abs(stat) >= abs(tobs) - tol * abs(tobs) - tol), greater = mean(stat >= tobs - tol * abs(tobs) - tol), less = mean(stat <= tobs + tol * abs(tobs) + tol))
# More exact permutation references (drawn after everything above): ties, heavy tails, unequal sizes.
exact_perm <- function(name, x, y) { allv <- c(x, y); tobs <- mean(x) - mean(y)
  sp <- combn(length(allv), length(x)); st <- apply(sp, 2, function(ix) mean(allv[ix]) - mean(allv[-ix]))
  list(name = name, x = x, y = y, observed = tobs, permutations = ncol(sp),
       two.sided = mean(abs(st) >= abs(tobs) - tol * abs(tobs) - tol), greater = mean(st >= tobs - tol * abs(tobs) - tol), less = mean(st <= tobs + tol * abs(tobs) + tol)) }
permMore <- list(
  exact_perm("ties", c(3, 3, 4, 4, 5, 5, 6), c(2, 3, 3, 4, 4, 2)),
  exact_perm("heavy tails", round(rt(7, 2) * 3 + 1, 6), round(rt(8, 2) * 3, 6)),
  exact_perm("unequal sizes, a shift", c(10.2, 11.5, 9.9), c(8.1, 7.7, 9.0, 8.8, 9.5, 7.2, 8.4, 9.9, 8.0)))
write_json(list(R = R.version.string, boot = as.character(packageVersion("boot")), sets = out, permutation = perm, permutationMore = permMore), "test/reference/resample.json", digits = NA, auto_unbox = TRUE, pretty = TRUE)
