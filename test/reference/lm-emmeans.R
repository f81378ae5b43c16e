# Reference values for OLS (src/stats/models/ols), robust SEs and EMMs (src/stats/emm).
# Writes test/reference/lm-emmeans.json. Run from the repository root: Rscript test/reference/lm-emmeans.R
suppressMessages({ library(jsonlite); library(emmeans); library(sandwich) })
emm_options(opt.digits = FALSE)

score_sum <- function(d, prefix, k, max_missing) {
  m <- as.matrix(d[, paste0(prefix, 1:k)]); s <- rowMeans(m, na.rm = TRUE) * k
  s[rowSums(is.na(m)) > max_missing] <- NA; s
}
twin <- read.csv("data-samples/peer-trial.csv", stringsAsFactors = FALSE)
twin$qpr15 <- score_sum(twin, "qpr_", 15, 3)
b <- twin[twin$visit == "baseline", c("participant_id", "arm", "municipality", "qpr15")]
e <- twin[twin$visit == "end", c("participant_id", "qpr15")]
w <- merge(b, e, by = "participant_id", suffixes = c("_base", "_end"))
w <- w[!is.na(w$qpr15_end) & !is.na(w$qpr15_base), ]
twin_data <- data.frame(y = w$qpr15_end, arm = w$arm, site = w$municipality, base = w$qpr15_base)

set.seed(20261124)
small <- data.frame(arm = rep(c("SAU", "PEER"), 6), site = rep(c("A", "A", "B"), 4), base = round(rnorm(12, 30, 8)))
small$y <- round(small$base * 0.6 + ifelse(small$arm == "PEER", 4, 0) + rnorm(12, 0, 5))

n3 <- 60
heavy <- data.frame(arm = sample(c("SAU", "PEER"), n3, TRUE), site = sample(c("X", "Y", "Z"), n3, TRUE, prob = c(.6, .3, .1)), base = sample(1:6, n3, TRUE))
heavy$y <- 2 + 0.5 * heavy$base + ifelse(heavy$arm == "PEER", 1.5, 0) + rt(n3, 2) * 3

deficient <- data.frame(arm = rep(c("SAU", "PEER"), 10), site = rep(c("A", "B"), each = 10), base = rnorm(20))
deficient$base2 <- 2 * deficient$base
deficient$y <- deficient$base + rnorm(20)

fit_case <- function(name, d, formula, covs) {
  d$arm <- factor(d$arm, levels = c("SAU", "PEER"))
  d$site <- factor(d$site, levels = sort(unique(d$site)))
  f <- lm(formula, data = d)
  s <- summary(f)
  cf <- coef(f)
  se <- rep(NA_real_, length(cf)); names(se) <- names(cf)
  se[rownames(s$coefficients)] <- s$coefficients[, 2]
  hc <- lapply(c("HC0", "HC1", "HC2", "HC3"), function(t) { v <- vcovHC(f, type = t); unname(sqrt(diag(v))) })
  names(hc) <- c("HC0", "HC1", "HC2", "HC3")
  emm <- function(wt) {
    g <- emmeans(f, ~ arm, weights = wt)
    es <- summary(g); ct <- summary(contrast(g, list(diff = c(-1, 1))), infer = TRUE)
    list(estimate = es$emmean, se = es$SE, df = es$df, lower = es$lower.CL, upper = es$upper.CL,
         diff = list(estimate = ct$estimate, se = ct$SE, df = ct$df, t = ct$t.ratio, p = ct$p.value, lower = ct$lower.CL, upper = ct$upper.CL))
  }
  list(name = name, formula = deparse(formula),
       data = list(y = d$y, arm = as.character(d$arm), site = as.character(d$site), covariates = lapply(d[covs], identity)),
       coefNames = names(cf), coef = unname(cf), se = unname(se), sigma = s$sigma, df = f$df.residual,
       r2 = s$r.squared, adjR2 = s$adj.r.squared, hc = hc,
       emmEqual = emm("equal"), emmProportional = emm("proportional"))
}

out <- list(
  R = R.version.string, emmeans = as.character(packageVersion("emmeans")), sandwich = as.character(packageVersion("sandwich")),
  cases = list(
    fit_case("twin ANCOVA (QPR-15 end ~ arm + baseline + municipality)", twin_data, y ~ arm + base + site, "base"),
    fit_case("small n = 12", small, y ~ arm + base + site, "base"),
    fit_case("heavy tails, ties, unbalanced 3-level site", heavy, y ~ arm + base + site, "base"),
    fit_case("rank deficient (base2 = 2 base)", deficient, y ~ arm + base + base2 + site, c("base", "base2"))
  )
)
write_json(out, "test/reference/lm-emmeans.json", digits = NA, auto_unbox = TRUE, pretty = TRUE, na = "null")
