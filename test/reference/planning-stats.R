# Reference for src/analysis/describe/planning-stats.ts on the bundled twin (planning-stats.json):
# per scored outcome and follow-up visit, over all randomised observed at baseline and the visit,
# the within-arm pooled SDs, pooled correlation, pooled SD of the change and mean change per arm.
suppressMessages(library(jsonlite))
source("test/reference/twin-scores.R")
rows <- list()
for (o in outcomes) for (v in c("end", "fu6")) {
  fv <- d[d$visit == v, c("participant_id", o)]; names(fv)[2] <- "y"
  w <- merge(base[, c("participant_id", "arm", o)], fv, by = "participant_id"); names(w)[3] <- "x"
  w <- w[!is.na(w$x) & !is.na(w$y), ]
  # Within-arm centring, then pooled sums of squares and products (df = N - number of arms).
  w$cx <- w$x - ave(w$x, w$arm); w$cy <- w$y - ave(w$y, w$arm); w$cc <- (w$y - w$x) - ave(w$y - w$x, w$arm)
  df <- nrow(w) - length(unique(w$arm))
  rows[[length(rows) + 1]] <- list(outcome = o, visit = v, pairs = as.list(table(w$arm)),
    sdBaseline = sqrt(sum(w$cx^2) / df), sdVisit = sqrt(sum(w$cy^2) / df), correlation = sum(w$cx * w$cy) / sqrt(sum(w$cx^2) * sum(w$cy^2)),
    sdChange = sqrt(sum(w$cc^2) / df), meanChange = as.list(tapply(w$y - w$x, w$arm, mean)))
}
num17 <- function(x) {
  if (is.list(x)) return(lapply(x, num17))
  if (!is.numeric(x)) return(x)
  structure(if (length(x) == 1) sprintf("%.17g", x) else paste0("[", paste(sprintf("%.17g", x), collapse = ","), "]"), class = "json")
}
writeLines(toJSON(num17(list(R = R.version.string, rows = rows)), auto_unbox = TRUE, pretty = TRUE, json_verbatim = TRUE), "test/reference/planning-stats.json")
