# Reference values for employment scenarios (docs/economics.md § 6), written independently of the
# TypeScript code: the weekly build-up (municipal saving per participant M, saving per additional
# start S = M / s, expected outcome payments per participant), the municipal business case over the
# horizon with discounting, the investor's settlement and IRR (uniroot to 1e-15), and the break-even
# points found by root-finding (uniroot) rather than the closed forms the TS code uses: the weeks off
# cash benefit at which the municipal net is 0, the price per start and the net start rate at which
# the outcome payments repay the investment. Writes test/reference/employment-economics.json.
source("test/reference/json16.R")
sc0 <- fromJSON("data-samples/economics/aarhus-ips-din-vej-i-job.json", simplifyVector = FALSE)

build_up <- function(sc) {
  N <- sc$programme$citizensPerYear * sc$programme$years
  s <- sc$outcome$interventionRate - sc$outcome$counterfactualRate
  weeks <- c(`week-off-benefit` = sc$weeks$offBenefit$value, `week-in-work` = sc$weeks$inWork$value)
  amt <- function(per, payer) sum(sapply(Filter(function(c) c$per == per && c$payer == payer, sc$components), function(c) c$amount))
  a_off <- amt("week-off-benefit", "municipality"); a_work <- amt("week-in-work", "municipality")
  M <- a_off * weeks[["week-off-benefit"]] + a_work * weeks[["week-in-work"]]
  state <- amt("week-off-benefit", "state") * weeks[["week-off-benefit"]] + amt("week-in-work", "state") * weeks[["week-in-work"]]
  rate_paid <- if (sc$rateCard$basis == "gross") sc$outcome$interventionRate else s
  cap <- if (is.null(sc$rateCard$cap)) Inf else sc$rateCard$cap
  pay <- min(cap, max(sc$rateCard$floor, sc$rateCard$pricePerStart * rate_paid * N))
  list(N = N, s = s, a_off = a_off, a_work = a_work, M = M, state = state, S = M / s, cost = pay / N)
}

# The municipal business case at a net start rate `rate` (weeks scale with rate / s): yearly cost
# = cohort × cost per participant in the cohort's year; savings = cohort × rate × S × profile.
business <- function(sc, b, rate = b$s, weeks_off = sc$weeks$offBenefit$value) {
  Y <- sc$programme$years; H <- sc$horizonYears; ny <- sc$programme$citizensPerYear
  r <- sc$discountRate; w <- if (is.null(sc$savingsProfile)) rep(1 / H, H) else unlist(sc$savingsProfile)
  M <- (b$a_off * weeks_off + b$a_work * sc$weeks$inWork$value) * rate / b$s
  Tn <- Y + H - 1; cost <- numeric(Tn); sav <- numeric(Tn)
  for (y in 1:Y) { cost[y] <- ny * b$cost; for (k in 0:(H - 1)) sav[y + k] <- sav[y + k] + ny * M * w[k + 1] }
  d <- (1 + r)^-(0:(Tn - 1))
  S <- sum(sav * d) / b$N; C <- sum(cost * d) / b$N
  list(savingPerCitizen = S, costPerCitizenDiscounted = C, netPerCitizen = S - C, totalNet = b$N * (S - C),
       breakEvenEffectRate = rate * C / S, cumulativeNetDiscounted = cumsum((sav - cost) * d))
}

npv <- function(rate, flows) sum(flows / (1 + rate)^(seq_along(flows) - 1))

settle <- function(sc, b, rate = b$s, price = sc$rateCard$pricePerStart) {
  Y <- sc$programme$years; ny <- sc$programme$citizensPerYear; lag <- sc$rateCard$paymentLagYears
  Tn <- Y + lag; pre <- numeric(Tn); pay <- numeric(Tn)
  starts <- max(0, rate) + if (sc$rateCard$basis == "gross") sc$outcome$counterfactualRate else 0
  for (y in 1:Y) { pre[y] <- sc$investment$amount / Y; pay[y + lag] <- starts * ny * price }
  before <- sum(pay); cap <- if (is.null(sc$rateCard$cap)) Inf else sc$rateCard$cap
  total <- min(cap, max(sc$rateCard$floor, before))
  if (before > 0) pay <- pay * total / before
  flows <- pay - pre
  irr <- if (sign(npv(-0.99, flows)) != sign(npv(10, flows))) uniroot(function(x) npv(x, flows), c(-0.99, 10), tol = 1e-15, maxiter = 10000)$root else NA
  list(flows = flows, totalPayments = total, investorReturn = total - sum(pre), irr = irr)
}

run_case <- function(name, sc, rate = NULL) {
  b <- build_up(sc); if (is.null(rate)) rate <- b$s
  bc <- business(sc, b, rate)
  st <- settle(sc, b, rate)
  # Break-evens by root-finding.
  w_star <- uniroot(function(w) business(sc, b, rate, weeks_off = w * b$s / rate)$netPerCitizen, c(-1000, 1000), tol = 1e-13)$root
  starts_for <- function(price) settle(within(sc, rateCard$cap <- NULL), b, rate, price)$totalPayments - sc$investment$amount
  p_star <- uniroot(starts_for, c(0, 1e7), tol = 1e-9)$root
  r_star <- uniroot(function(x) settle(within(sc, rateCard$cap <- NULL), b, x)$totalPayments - sc$investment$amount, c(-1, 1), tol = 1e-15)$root
  list(name = name, rate = rate, discountRate = sc$discountRate, basis = sc$rateCard$basis,
       buildUp = list(participants = b$N, netStartRate = b$s, municipality = b$M, state = b$state, savingPerSuccess = b$S, costPerParticipant = b$cost,
                      municipalPerWeekOffBenefit = b$a_off, municipalPerWeekInWork = b$a_work),
       businessCase = bc, settlement = st,
       breakEven = list(weeksOffBenefit = w_star, pricePerStartInvestorRepaid = p_star, netStartRateInvestorRepaid = r_star))
}

sc_r0 <- sc0; sc_r0$discountRate <- 0
sc_net <- sc0; sc_net$rateCard$basis <- "net"; sc_net$rateCard$pricePerStart <- 200000; sc_net$rateCard$cap <- NULL
cases <- list(
  run_case("Aarhus 'Din vej i job' base case (r = 3.5 %, gross)", sc0),
  run_case("base case at r = 0", sc_r0),
  run_case("base case with the trial's rate 0.15 (linked)", sc0, rate = 0.15),
  run_case("net basis at 200,000 per net start, no cap", sc_net)
)
write_json16(list(R = R.version.string, file = "data-samples/economics/aarhus-ips-din-vej-i-job.json", cases = cases), "test/reference/employment-economics.json")
