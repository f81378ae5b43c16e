# survival::colon (data-samples/real/colon.csv) with death's time in years (death_days / 365.25) as
# `t`, the event as `e`, and τ = 5 years: the data the colon-years-*.R references share (sourced).
suppressMessages(library(survival))
d <- read.csv("data-samples/real/colon.csv")
d$t <- d$death_days / 365.25
d$e <- d$death == "yes"
tau <- 5
