# A synthetic three-arm trial for the analysis-level checks of outcome kinds and k arms
# (test/analysis/anytrial-vs-r.test.ts): 180 participants (Control, A, B) in two sites, visits at
# weeks 0, 8 and 16; age (one decimal, a few missing) and sex as baseline covariates; outcomes of
# every kind — weight in kg with decimals (continuous), employed yes/no (binary), GP visits with
# days at risk (count with exposure), and follow-up days with death (time-to-event). Seeded; run
# from the repository root: Rscript test/reference/anytrial/make-data.R
set.seed(20261126)
n <- 180
arm <- rep(c("Control", "A", "B"), each = n / 3)
site <- sample(c("north", "south"), n, TRUE, prob = c(0.6, 0.4))
age <- round(rnorm(n, 45, 12), 1); age[c(7, 55, 121)] <- NA
sex <- sample(c("f", "m"), n, TRUE)
effW <- c(Control = 0, A = -1.5, B = -3.0)[arm]
w0 <- round(rnorm(n, 88, 12) + 3 * (sex == "m"), 1)
w8 <- round(w0 + 0.5 * effW + rnorm(n, 0, 2.5) + 0.03 * (ifelse(is.na(age), 45, age) - 45), 1)
w16 <- round(w0 + effW + rnorm(n, 0, 3.5) + 0.05 * (ifelse(is.na(age), 45, age) - 45), 1)
effE <- c(Control = 0, A = 0.4, B = 0.9)[arm]
lp0 <- -0.4 + 0.02 * (ifelse(is.na(age), 45, age) - 45)
e0 <- rbinom(n, 1, plogis(lp0))
e8 <- rbinom(n, 1, plogis(lp0 + 1.2 * e0 + 0.5 * effE))
e16 <- rbinom(n, 1, plogis(lp0 + 1.2 * e0 + effE + 0.3 * (site == "south")))
effG <- c(Control = 0, A = -0.2, B = -0.45)[arm]
days0 <- rep(90, n); days8 <- sample(50:56, n, TRUE); days16 <- sample(50:60, n, TRUE)
mu0 <- exp(log(days0 / 30) + 0.3); g0 <- rnbinom(n, size = 2, mu = mu0)
g8 <- rnbinom(n, size = 2, mu = exp(log(days8 / 30) + 0.2 + effG + 0.15 * log1p(g0)))
g16 <- rnbinom(n, size = 2, mu = exp(log(days16 / 30) + 0.2 + effG + 0.15 * log1p(g0)))
fu <- round(pmin(rexp(n, 1 / 900), 400), 1); died <- as.integer(fu < 400)
# Missed visits (more among the heavier at baseline), a few item gaps.
m8 <- runif(n) < plogis(-2.6 + 0.03 * (w0 - 88)); m16 <- m8 | runif(n) < plogis(-2.2 + 0.03 * (w0 - 88))
row <- function(i, week, w, e, g, d) data.frame(pid = sprintf("T%03d", i), group = arm[i], week = week, site = site[i],
  age = ifelse(is.na(age[i]), "", format(age[i], nsmall = 1)), sex = sex[i], weight_kg = w, employed = e, gp_visits = g, days_at_risk = d,
  followup_days = ifelse(week == "0", format(fu[i], nsmall = 1), ""), died = ifelse(week == "0", as.character(died[i]), ""))
out <- do.call(rbind, lapply(seq_len(n), function(i) rbind(
  row(i, "0", format(w0[i], nsmall = 1), ifelse(e0[i] == 1, "yes", "no"), g0[i], days0[i]),
  row(i, "8", ifelse(m8[i], "", format(w8[i], nsmall = 1)), ifelse(m8[i], "", ifelse(e8[i] == 1, "yes", "no")), ifelse(m8[i], "", g8[i]), ifelse(m8[i], "", days8[i])),
  row(i, "16", ifelse(m16[i], "", format(w16[i], nsmall = 1)), ifelse(m16[i], "", ifelse(e16[i] == 1, "yes", "no")), ifelse(m16[i], "", g16[i]), ifelse(m16[i], "", days16[i])))))
write.csv(out, "test/reference/anytrial/three-arm.csv", row.names = FALSE, quote = FALSE)
