# Scores every instrument of the bundled twin from its items by the registry's rules
# (src/instruments/registry.json): prorated mean × items when at most the allowed number of
# items is missing, otherwise NA. Sourced by analyze-twin*.R; defines `d`, `outcomes`, `base`.
# EFFEKT_TWIN_CSV: another file of the twin's shape (bench/r/scale-job.R: `effekt simulate --participants N`).
d <- read.csv(Sys.getenv("EFFEKT_TWIN_CSV", "data-samples/peer-trial.csv"), stringsAsFactors = FALSE)
score <- function(prefix, k, max_missing, type = "sum", reverse = integer(0), lo = 0, hi = 0) {
  m <- as.matrix(d[, paste0(prefix, 1:k)])
  if (length(reverse)) m[, reverse] <- lo + hi - m[, reverse]
  s <- rowMeans(m, na.rm = TRUE); if (type == "sum") s <- s * k
  s[rowSums(is.na(m)) > max_missing] <- NA; s
}
d$qpr15 <- score("qpr_", 15, 3); d$esr <- score("esr_", 28, 5, "mean", c(3, 7, 10, 14, 16, 18, 21, 24, 27), 1, 4)
d$mansa <- score("mansa_", 12, 2, "mean"); d$wsas <- score("wsas_", 5, 1); d$shs <- score("shs_", 6, 1)
d$gse <- score("gse_", 10, 3); d$sa <- score("sa_", 8, 1, "mean"); d$csrq <- score("csrq_", 10, 2)
outcomes <- c("qpr15", "esr", "mansa", "wsas", "shs", "gse", "sa", "csrq")
base <- d[d$visit == "baseline", ]
