# The R counterpart of `effekt validate` on the bundled twin, for `npm run bench`'s whole-process
# comparison. Run from the repository root: Rscript bench/r/validate-twin.R
# It reads the CSV, checks the arms, visits and unique participant × visit rows, scores the eight
# instruments (test/reference/twin-scores.R: prorated sums/means by the registry's rules) and
# prints participants per arm × site, rows per visit and missing outcome values per visit — less
# checking than effekt does (no spec, no per-cell range/level checks, no plan), so the ratio
# understates effekt.
v <- new.env(); sys.source("test/reference/twin-scores.R", envir = v)
d <- v$d
stopifnot(all(d$arm %in% c("SAU", "PEER")), all(d$visit %in% c("baseline", "end", "fu6")), !anyDuplicated(d[, c("participant_id", "visit")]))
print(table(v$base$municipality, v$base$arm))
print(table(d$visit))
print(sapply(v$outcomes, function(o) tapply(is.na(d[[o]]), d$visit, sum)))
