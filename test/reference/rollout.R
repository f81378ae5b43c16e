# Reference values for the roll-out status (src/rollout/status, src/stats): per municipality ×
# period and per municipality to date, the pre/post change of each outcome (t.test paired: mean,
# 95 % CI), the share achieving each payment metric with its Wilson interval (prop.test without
# continuity correction) — on the cohort the store holds after every synthetic delivery
# (test/reference/rollout-cohort.csv, written by rollout-cohort.ts) — and funnel-plot control
# limits (Spiegelhalter 2005, interpolated binomial quantiles) from qbinom/pbinom/dbinom.
# Writes test/reference/rollout.json. Run from the repository root.
source("test/reference/json16.R")
d <- read.csv("test/reference/rollout-cohort.csv", check.names = FALSE, stringsAsFactors = FALSE)
outcomes <- c("qpr15", "mansa", "psych_contacts")
metrics <- c("personal-recovery", "life-satisfaction", "less-psychiatric-contact")
cell <- function(x, municipality, period) {
  change <- lapply(outcomes, function(o) {
    s <- x[[paste0(o, "_start")]]; e <- x[[paste0(o, "_end")]]; ok <- !is.na(s) & !is.na(e)
    if (sum(ok) < 2) return(list(outcome = o, n = sum(ok)))
    t <- t.test(e[ok], s[ok], paired = TRUE)
    list(outcome = o, n = sum(ok), mean = unname(t$estimate), lower = t$conf.int[1], upper = t$conf.int[2], p = t$p.value)
  })
  share <- lapply(metrics, function(m) {
    a <- sum(x[[paste0(m, "_achieved")]]); n <- nrow(x)
    w <- suppressWarnings(prop.test(a, n, correct = FALSE))
    list(metric = m, achieved = a, n = n, estimate = a / n, lower = w$conf.int[1], upper = w$conf.int[2])
  })
  list(municipality = municipality, period = period, started = nrow(x),
       finished = sum(!is.na(x$qpr15_end) | !is.na(x$mansa_end)), change = change, metrics = share)
}
cells <- list()
for (m in sort(unique(d$municipality))) {
  for (p in sort(unique(d$period[d$municipality == m]))) cells[[length(cells) + 1]] <- cell(d[d$municipality == m & d$period == p, ], m, p)
  cells[[length(cells) + 1]] <- cell(d[d$municipality == m, ], m, NA)
}
limit <- function(p, n, theta) { r <- qbinom(p, n, theta); a <- (pbinom(r, n, theta) - p) / dbinom(r, n, theta); (r - a) / n }
grid <- expand.grid(n = c(5, 12, 48, 84, 100, 252, 1000), theta = c(68 / 117, 60 / 117, 0.33, 0.05))
funnel <- lapply(seq_len(nrow(grid)), function(i) { n <- grid$n[i]; th <- grid$theta[i]
  list(n = n, theta = th, lower95 = max(0, limit(0.025, n, th)), upper95 = min(1, limit(0.975, n, th)), lower998 = max(0, limit(0.001, n, th)), upper998 = min(1, limit(0.999, n, th))) })
write_json16(list(generated_by = "test/reference/rollout.R", r_version = R.version.string, packages = list(jsonlite = as.character(packageVersion("jsonlite"))), cells = cells, funnel = funnel),
  "test/reference/rollout.json")
