# The scale cases' stages in R, for `npm run bench`'s scale comparison (bench/cases/scale.ts).
# Run from the repository root: Rscript bench/r/scale-job.R <validate|analyze-no-mi> <file.csv>
# on a file from `effekt simulate --participants N` (the twin's shape, 3 visits).
#   validate       – read the CSV, check arms, visits and (id, visit) uniqueness, score the eight
#                    instruments from their items (test/reference/twin-scores.R)
#   analyze-no-mi  – the reference analyses of the twin (test/reference/analyze-twin.R: per outcome
#                    and visit ANCOVA + emmeans, complete case, per protocol, Welch; responders;
#                    negative-binomial safety models; analyze-twin-mmrm.R: nlme::gls unstructured
#                    REML + emmeans) — effekt's MI-off plan less its subgroups and report tables
# Nothing is written (the scripts' write_json is a no-op).
args <- commandArgs(trailingOnly = TRUE)
stopifnot(length(args) == 2, args[1] %in% c("validate", "analyze-no-mi"), file.exists(args[2]))
Sys.setenv(EFFEKT_TWIN_CSV = args[2])
suppressMessages({ library(jsonlite); library(emmeans); library(nlme); library(MASS) })
quiet_source <- function(script) { e <- new.env(); e$write_json <- function(...) invisible(NULL); sys.source(script, envir = e); e }
if (args[1] == "validate") {
  v <- quiet_source("test/reference/twin-scores.R")
  stopifnot(all(v$d$arm %in% c("SAU", "PEER")), all(v$d$visit %in% c("baseline", "end", "fu6")), !anyDuplicated(v$d[, c("participant_id", "visit")]))
} else {
  invisible(quiet_source("test/reference/analyze-twin.R"))
  invisible(quiet_source("test/reference/analyze-twin-mmrm.R"))
}
