# The work of `npm start` (effekt run on the bundled twin) done in R, for `npm run bench`'s
# whole-process comparison. Run from the repository root: Rscript bench/r/peer-job.R
#   validate  – read the CSV, check arms/visits/ids, score the instruments (twin-scores.R)
#   analyze   – the reference analyses (test/reference/analyze-twin.R: ANCOVA + emmeans, complete
#               case, per protocol, Welch, responders, counts; analyze-twin-mmrm.R: nlme::gls
#               unstructured REML + emmeans Satterthwaite), MI-ANCOVA for the eight outcomes at
#               the primary visit (mice pmm, m = 50, maxit = 10; lm; pool), and a δ tipping point
#               (m = 20, 21-point grid + 20 bisection steps) for the primary and secondary outcomes
#   economics – the business case and settlement (test/reference/economics.R's functions) for
#               10,000 PSA draws of the effect rate and the cost per citizen
# It writes nothing (the reference scripts' write_json is replaced by a no-op) and makes no
# report: R has no counterpart of the HTML/SVG/PDF reports here, so the ratio understates effekt.
suppressMessages({ library(jsonlite); library(emmeans); library(nlme); library(mice); library(MASS) })
quiet_source <- function(script) { e <- new.env(); e$write_json <- function(...) invisible(NULL); sys.source(script, envir = e); e }

# validate + score
v <- quiet_source("test/reference/twin-scores.R")
stopifnot(all(v$d$arm %in% c("SAU", "PEER")), all(v$d$visit %in% c("baseline", "end", "fu6")), !anyDuplicated(v$d[, c("participant_id", "visit")]))

# analyze
invisible(quiet_source("test/reference/analyze-twin.R"))
invisible(quiet_source("test/reference/analyze-twin-mmrm.R"))
d <- v$d; base <- v$base
wide <- function(o) {
  w <- base[, c("participant_id", "arm", "municipality", "severity_group", o)]; names(w)[5] <- "b"
  for (vv in c("end", "fu6")) { fv <- d[d$visit == vv, c("participant_id", o)]; names(fv)[2] <- vv; w <- merge(w, fv, by = "participant_id") }
  w$arm <- factor(w$arm, levels = c("SAU", "PEER")); w$municipality <- factor(w$municipality); w$severity_group <- factor(w$severity_group)
  w
}
pooled_p <- function(imp, delta) {
  fits <- lapply(seq_len(imp$m), function(k) {
    cd <- complete(imp, k)
    miss <- is.na(imp$data$end) & cd$arm == "PEER"
    cd$end[miss] <- cd$end[miss] - delta
    lm(end ~ arm + b + municipality, data = cd)
  })
  summary(pool(as.mira(fits)))[2, "p.value"]
}
for (o in v$outcomes) {
  w <- wide(o)
  imp <- mice(w[, -1], m = 50, maxit = 10, method = "pmm", seed = 1, printFlag = FALSE)
  invisible(pool(with(imp, lm(end ~ arm + b + municipality))))
  if (o %in% c("qpr15", "esr", "mansa", "wsas")) {
    imp20 <- mice(w[, -1], m = 20, maxit = 10, method = "pmm", seed = 2, printFlag = FALSE)
    maxDelta <- sd(w$end, na.rm = TRUE)
    grid <- seq(0, maxDelta, length.out = 21)
    sig <- sapply(grid, function(dl) pooled_p(imp20, dl) < 0.05)
    hit <- which(sig != sig[1])[1]
    if (!is.na(hit)) { lo <- grid[hit - 1]; hi <- grid[hit]; for (s in 1:20) { mid <- (lo + hi) / 2; if ((pooled_p(imp20, mid) < 0.05) == sig[1]) lo <- mid else hi <- mid } }
  }
}

# economics with PSA
econ <- quiet_source("test/reference/economics.R")
sc <- econ$read_scenario("data-samples/economics/dsi-base-case.json")
set.seed(20240601)
draws <- 10000
# The scenario's own rate and SE (effekt links the trial's responder difference instead): the
# work per draw — a business case and a settlement — is the same, the probabilities are not.
rates <- rnorm(draws, sc$effects[[1]]$rate, sc$effects[[1]]$se)
costs <- rgamma(draws, shape = (9694 / 485)^2, rate = 9694 / 485^2)
net <- numeric(draws)
for (k in seq_len(draws)) {
  s <- sc; s$effects[[1]]$rate <- rates[k]; s$costPerCitizen <- costs[k]
  net[k] <- econ$business_case(s)$totalNet
  # A draw whose investor cash flows never change sign has no IRR: uniroot stops; effekt reports none.
  invisible(tryCatch(econ$settle(s), error = function(e) NULL))
}
cat(sprintf("P(net > 0) = %.4f\n", mean(net > 0)))
