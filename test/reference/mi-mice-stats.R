# Statistical reference for effekt's PMM and norm imputation (not draw by draw: the RNGs differ).
# On a fixed dataset — the twin's QPR-15 at baseline, end and fu6 with arm, municipality and
# severity group (the original data, .imp = 0, of mi-twin-imputations.csv) — mice imputes with
# m = 5, maxit = 5 under `reps` different seeds, every variable predicting every other; the
# ANCOVA end ~ arm + baseline + municipality is fitted on each completed dataset and pooled.
# The fixture keeps, per method, the pooled estimate, SE and FMI of every seed; the TS test
# compares their means and SDs with effekt's over the same number of seeds.
# Writes test/reference/mi-mice-stats.json.
suppressMessages({ library(jsonlite); library(mice) })
long <- read.csv("test/reference/mi-twin-imputations.csv", stringsAsFactors = FALSE, check.names = FALSE)
d <- long[long$.imp == 0, c("arm", "municipality", "severity_group", "baseline", "end", "fu6")]
d$arm <- factor(d$arm, levels = c("SAU", "PEER"))
d$municipality <- factor(d$municipality)
d$severity_group <- factor(d$severity_group)
reps <- 200
run <- function(method) {
  meth <- c(arm = "", municipality = "", severity_group = "", baseline = "", end = method, fu6 = method)
  res <- t(sapply(seq_len(reps), function(s) {
    imp <- mice(d, m = 5, maxit = 5, method = meth, seed = s, printFlag = FALSE)
    p <- pool(with(imp, lm(end ~ arm + baseline + municipality)))
    r <- which(p$pooled$term == "armPEER")
    c(estimate = p$pooled$estimate[r], se = sqrt(p$pooled$t[r]), fmi = p$pooled$fmi[r])
  }))
  list(method = method, estimate = unname(res[, "estimate"]), se = unname(res[, "se"]), fmi = unname(res[, "fmi"]))
}
write_json(list(R = R.version.string, mice = as.character(packageVersion("mice")), reps = reps, m = 5, maxit = 5,
  methods = list(run("pmm"), run("norm"))), "test/reference/mi-mice-stats.json", digits = NA, auto_unbox = TRUE, pretty = TRUE)
