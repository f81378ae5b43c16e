# Reference values for the economics model, written independently of the TypeScript code from
# the formulas in docs/economics.md: the municipal business case (0 % and 3.5 % discounting,
# uneven yearly profiles, longer horizons, three payment metrics), break-even effect rate and
# cost, payback year; the investor's settlement and IRR (uniroot on the NPV to 1e-15, checked
# against the real root of the cash-flow polynomial from polyroot); and the 2.5 %/97.5 %
# quantiles of the PSA distributions (qnorm, qt, qlnorm, qgamma, qbeta; triangular in closed
# form) that the tornado uses. Writes test/reference/economics.json.
suppressMessages(library(jsonlite))
adm <- c("social", "health", "employment")
read_scenario <- function(f) fromJSON(f, simplifyVector = FALSE)

# Applies the overrides a case names (the TS test applies the same ones).
apply_overrides <- function(sc, o) {
  if (!is.null(o$discountRate)) sc$discountRate <- o$discountRate
  if (!is.null(o$horizonYears)) sc$horizonYears <- o$horizonYears
  if (!is.null(o$savingsProfile)) sc$savingsProfile <- o$savingsProfile
  if (!is.null(o$rates)) for (i in seq_along(sc$effects)) { id <- sc$effects[[i]]$id; if (!is.null(o$rates[[id]])) sc$effects[[i]]$rate <- o$rates[[id]] }
  if (!is.null(o$investor)) for (k in names(o$investor)) sc$investor[[k]] <- o$investor[[k]]
  sc
}

business_case <- function(sc) {
  ny <- sc$programme$groupsPerYear * sc$programme$participantsPerGroup
  Y <- sc$programme$years; H <- sc$horizonYears; N <- ny * Y
  r <- if (is.null(sc$discountRate)) 0 else sc$discountRate
  w <- if (is.null(sc$savingsProfile)) rep(1 / H, H) else unlist(sc$savingsProfile)
  W <- setNames(numeric(3), adm)
  for (g in sc$targetGroups) {
    parts <- unlist(g$savingPerSuccess$byAdministration)[adm]
    if (sum(parts) > 0) W <- W + g$share * g$savingPerSuccess$total * parts / sum(parts)
  }
  rate <- sapply(sc$effects, function(e) e$rate); names(rate) <- sapply(sc$effects, function(e) e$id)
  driver <- sapply(adm, function(a) { hit <- Filter(function(e) a %in% unlist(e$drives), sc$effects); if (length(hit)) hit[[1]]$id else NA })
  Tn <- Y + H - 1
  cost <- numeric(Tn); sav <- matrix(0, Tn, 3, dimnames = list(NULL, adm))
  for (y in 1:Y) {
    cost[y] <- ny * sc$costPerCitizen
    for (k in 0:(H - 1)) for (a in adm) if (!is.na(driver[a])) sav[y + k, a] <- sav[y + k, a] + ny * rate[[driver[a]]] * W[[a]] * w[k + 1]
  }
  d <- (1 + r)^-(0:(Tn - 1))
  S_a <- colSums(sav * d) / N; S <- sum(S_a); C <- sum(cost * d) / N
  cum <- cumsum((rowSums(sav) - cost) * d)
  payback <- NA
  for (t in 1:Tn) if (all(cum[t:Tn] >= 0)) { payback <- t; break }
  list(savingPerCitizen = S, savingPerCitizenByAdministration = as.list(S_a), costPerCitizenDiscounted = C,
       netPerCitizen = S - C, totalNet = N * (S - C), breakEvenEffectRates = as.list(rate * C / S),
       breakEvenCostPerCitizen = S / mean(d[1:Y]), paybackYear = payback, cumulativeNetDiscounted = cum)
}

npv <- function(rate, flows) sum(flows / (1 + rate)^(seq_along(flows) - 1))

settle <- function(sc) {
  ny <- sc$programme$groupsPerYear * sc$programme$participantsPerGroup
  Y <- sc$programme$years; inv <- sc$investor
  lag <- if (is.null(inv$paymentLagYears)) 1 else inv$paymentLagYears
  floor_ <- if (is.null(inv$floor)) 0 else inv$floor
  rate <- sapply(sc$effects, function(e) e$rate); names(rate) <- sapply(sc$effects, function(e) e$id)
  Tn <- Y + lag
  spread <- function(p, before, total) if (before > 0) p * total / before else ifelse(seq_len(Tn) > lag & seq_len(Tn) <= Y + lag, total / Y, 0)
  clamp <- function(x, lo, hi) { v <- max(x, if (is.null(lo)) 0 else lo); if (is.null(hi)) v else min(v, hi) }
  pre <- numeric(Tn); pay <- numeric(Tn)
  for (y in 1:Y) pre[y] <- ny * inv$prefinancingPerCitizen
  # Each metric's payments within its own [floor, cap], then the programme total within the investor's.
  for (rc in inv$rateCard) {
    s <- rate[[rc$effect]] + if (identical(rc$basis, "gross")) rc$counterfactualRate else 0
    p <- numeric(Tn)
    for (y in 1:Y) p[y + lag] <- max(0, s) * ny * rc$pricePerOutcome
    pay <- pay + spread(p, sum(p), clamp(sum(p), rc$floor, rc$cap))
  }
  before <- sum(pay); total <- clamp(before, floor_, inv$cap)
  pay <- spread(pay, before, total)
  flows <- pay - pre
  root <- uniroot(function(x) npv(x, flows), c(-0.99, 10), tol = 1e-15, maxiter = 10000)$root
  # Cross-check: the IRR is 1/v − 1 for the real root v > 0 of Σ c_t v^t.
  v <- polyroot(flows); v <- Re(v[abs(Im(v)) < 1e-9 & Re(v) > 0])
  poly <- 1 / v - 1; poly <- poly[which.min(abs(poly - root))]
  list(flows = flows, paymentsBeforeLimits = before, totalPayments = total, totalPrefinancing = sum(pre),
       investorReturn = total - sum(pre), irr = root, irrPolyroot = poly)
}

base <- "data-samples/economics/dsi-base-case.json"
three <- "data-samples/economics/dsi-three-payment-metrics.json"
cases <- list(
  list(name = "base case, r = 0", file = base, overrides = list()),
  list(name = "base case, r = 3.5 %", file = base, overrides = list(discountRate = 0.035)),
  list(name = "base case, r = 3.5 %, front-loaded profile", file = base, overrides = list(discountRate = 0.035, savingsProfile = c(0.4, 0.3, 0.15, 0.1, 0.05))),
  list(name = "base case, horizon 7, late profile, r = 4 %", file = base, overrides = list(discountRate = 0.04, horizonYears = 7, savingsProfile = c(0, 0.1, 0.1, 0.2, 0.2, 0.2, 0.2))),
  list(name = "base case at 5 % (below break-even), r = 3.5 %", file = base, overrides = list(discountRate = 0.035, rates = list(`personal-recovery` = 0.05))),
  list(name = "three metrics at trial-like rates, r = 3.5 %", file = three, overrides = list(discountRate = 0.035, rates = list(`personal-recovery` = 0.15, `life-satisfaction` = 0.09, `less-psychiatric-contact` = 0.06)))
)
bc_out <- lapply(cases, function(cs) { sc <- apply_overrides(read_scenario(cs$file), cs$overrides); c(list(name = cs$name, file = cs$file, overrides = cs$overrides), business_case(sc)) })

settle_cases <- list(
  list(name = "base case (cap binds)", file = base, overrides = list()),
  list(name = "base case, 9 %, no cap, lag 2", file = base, overrides = list(rates = list(`personal-recovery` = 0.09), investor = list(cap = NULL, paymentLagYears = 2))),
  list(name = "base case, 6 %, no cap, lag 1 (loss)", file = base, overrides = list(rates = list(`personal-recovery` = 0.06), investor = list(cap = NULL))),
  list(name = "zero effect with a floor of 1,000,000", file = base, overrides = list(rates = list(`personal-recovery` = 0), investor = list(floor = 1000000))),
  list(name = "three metrics, gross basis and per-metric cap and floor, no programme cap", file = three, overrides = list(rates = list(`personal-recovery` = 0.15, `life-satisfaction` = 0.09, `less-psychiatric-contact` = 0),
    investor = list(cap = NULL, rateCard = list(list(effect = "personal-recovery", pricePerOutcome = 60000, basis = "gross", counterfactualRate = 0.3, cap = 3000000),
      list(effect = "life-satisfaction", pricePerOutcome = 40000, basis = "net", counterfactualRate = 0, floor = 0),
      list(effect = "less-psychiatric-contact", pricePerOutcome = 50000, basis = "net", counterfactualRate = 0, floor = 200000))))),
  list(name = "three metrics at trial-like rates, no cap, lag 3", file = three, overrides = list(rates = list(`personal-recovery` = 0.15, `life-satisfaction` = 0.09, `less-psychiatric-contact` = 0.06), investor = list(cap = NULL, paymentLagYears = 3)))
)
st_out <- lapply(settle_cases, function(cs) { sc <- apply_overrides(read_scenario(cs$file), cs$overrides); c(list(name = cs$name, file = cs$file, overrides = cs$overrides), settle(sc)) })

p <- c(0.025, 0.975)
lnp <- function(m, s) { s2 <- log1p(s^2 / m^2); c(mu = log(m) - s2 / 2, sigma = sqrt(s2)) }
tri_q <- function(p, a, c, b) ifelse(p < (c - a) / (b - a), a + sqrt(p * (b - a) * (c - a)), b - sqrt((1 - p) * (b - a) * (b - c)))
dists <- list(
  list(dist = list(type = "normal", mean = 0.078, sd = 0.03), q = qnorm(p, 0.078, 0.03)),
  list(dist = list(type = "student-t", mean = 0.09, sd = 0.05, df = 180.5), q = 0.09 + 0.05 * qt(p, 180.5)),
  list(dist = list(type = "lognormal", mean = 9694, sd = 970), q = { l <- lnp(9694, 970); qlnorm(p, l[["mu"]], l[["sigma"]]) }),
  list(dist = list(type = "gamma", mean = 350283, sd = 70057), q = qgamma(p, shape = 350283^2 / 70057^2, rate = 350283 / 70057^2)),
  list(dist = list(type = "beta", mean = 0.3, sd = 0.05), q = { nu <- 0.3 * 0.7 / 0.05^2 - 1; qbeta(p, 0.3 * nu, 0.7 * nu) }),
  list(dist = list(type = "beta", mean = 9694, sd = 1000, min = 7000, max = 14000), q = { m <- (9694 - 7000) / 7000; s <- 1000 / 7000; nu <- m * (1 - m) / s^2 - 1; 7000 + 7000 * qbeta(p, m * nu, (1 - m) * nu) }),
  list(dist = list(type = "triangular", min = 7000, mode = 9694, max = 14000), q = tri_q(p, 7000, 9694, 14000))
)
write_json(list(R = R.version.string, probabilities = p, businessCase = bc_out, settlement = st_out, quantiles = dists),
  "test/reference/economics.json", digits = NA, auto_unbox = TRUE, pretty = TRUE, null = "null")
