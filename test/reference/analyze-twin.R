# Independent re-analysis of the bundled twin in R, for the end-to-end check of `effekt analyze`
# (test/analysis/analyze-vs-r.test.ts). Scores every instrument from its items by the registry's
# rules, then per outcome and visit: ANCOVA (lm + emmeans, equal weights over municipality,
# missing baseline mean-imputed), complete case, per protocol (PEER ≥ 5 sessions), Welch,
# responder risk differences with Newcombe's hybrid score CI, Holm within the secondary family.
suppressMessages({ library(jsonlite); library(emmeans) })
emm_options(opt.digits = FALSE)
source("test/reference/twin-scores.R")
rows <- list()
for (o in outcomes) for (v in c("end", "fu6")) {
  fv <- d[d$visit == v, c("participant_id", o)]; names(fv)[2] <- "y"
  w <- merge(base[, c("participant_id", "arm", "municipality", "sessions_attended", o)], fv, by = "participant_id")
  names(w)[names(w) == o] <- "b"
  w$arm <- factor(w$arm, levels = c("SAU", "PEER")); w$municipality <- factor(w$municipality)
  fit_one <- function(dat, estimator) {
    dat <- dat[!is.na(dat$y), ]
    if (estimator != "complete-case") dat$b[is.na(dat$b)] <- mean(dat$b, na.rm = TRUE) else dat <- dat[!is.na(dat$b), ]
    f <- lm(y ~ arm + b + municipality, data = dat)
    g <- emmeans(f, ~ arm); es <- summary(g); ct <- summary(contrast(g, list(d = c(-1, 1))), infer = TRUE)
    sdp <- sqrt(((sum(dat$arm == "PEER") - 1) * var(dat$y[dat$arm == "PEER"]) + (sum(dat$arm == "SAU") - 1) * var(dat$y[dat$arm == "SAU"])) / (nrow(dat) - 2))
    list(outcome = o, visit = v, estimator = estimator, n = as.list(table(dat$arm)),
         emm = list(SAU = es$emmean[1], PEER = es$emmean[2]), emmSe = list(SAU = es$SE[1], PEER = es$SE[2]),
         diff = ct$estimate, se = ct$SE, df = ct$df, p = ct$p.value, lower = ct$lower.CL, upper = ct$upper.CL, d = ct$estimate / sdp)
  }
  rows[[length(rows) + 1]] <- fit_one(w, "ancova")
  if (v == "end") {
    rows[[length(rows) + 1]] <- fit_one(w, "complete-case")
    rows[[length(rows) + 1]] <- fit_one(w[w$arm == "SAU" | (!is.na(w$sessions_attended) & w$sessions_attended >= 5), ], "per-protocol")
    ww <- w[!is.na(w$y), ]; t <- t.test(ww$y[ww$arm == "PEER"], ww$y[ww$arm == "SAU"])
    rows[[length(rows) + 1]] <- list(outcome = o, visit = v, estimator = "welch", n = as.list(table(ww$arm)),
      diff = unname(t$estimate[1] - t$estimate[2]), se = t$stderr, df = unname(t$parameter), p = t$p.value, lower = t$conf.int[1], upper = t$conf.int[2])
  }
}
resp <- list()
for (r in list(list(o = "qpr15", t = 5, s = 1), list(o = "mansa", t = 0.5, s = 1), list(o = "wsas", t = 5, s = -1))) {
  e <- d[d$visit == "end", c("participant_id", r$o)]; names(e)[2] <- "y"
  w <- merge(base[, c("participant_id", "arm", r$o)], e, by = "participant_id"); names(w)[3] <- "b"
  w <- w[!is.na(w$y) & !is.na(w$b), ]
  resp_flag <- r$s * (w$y - w$b) >= r$t - 1e-9
  e1 <- sum(resp_flag[w$arm == "PEER"]); n1 <- sum(w$arm == "PEER"); e2 <- sum(resp_flag[w$arm == "SAU"]); n2 <- sum(w$arm == "SAU")
  w1 <- prop.test(e1, n1, correct = FALSE)$conf.int; w2 <- prop.test(e2, n2, correct = FALSE)$conf.int
  p1 <- e1 / n1; p2 <- e2 / n2
  resp[[length(resp) + 1]] <- list(outcome = r$o, events = list(PEER = e1, SAU = e2), n = list(PEER = n1, SAU = n2), rd = p1 - p2,
    lower = p1 - p2 - sqrt((p1 - w1[1])^2 + (w2[2] - p2)^2), upper = p1 - p2 + sqrt((w1[2] - p1)^2 + (p2 - w2[1])^2))
}
sec <- sapply(c("esr", "mansa", "wsas"), function(o) Filter(function(x) x$outcome == o && x$visit == "end" && x$estimator == "ancova", rows)[[1]]$p)
write_json(list(R = R.version.string, emmeans = as.character(packageVersion("emmeans")), rows = rows, responders = resp,
  holmSecondary = as.list(p.adjust(sec, "holm"))), "test/reference/analyze-twin.json", digits = NA, auto_unbox = TRUE, pretty = TRUE)
# Safety: negative-binomial rate ratio (count at visit ~ arm + baseline count), ML θ refined as in glm.R.
suppressMessages(library(MASS))
safety <- list()
for (o in c("admissions", "bed_days")) for (v in c("end", "fu6")) {
  fv <- d[d$visit == v, c("participant_id", o)]; names(fv)[2] <- "y"
  w <- merge(base[, c("participant_id", "arm", o)], fv, by = "participant_id"); names(w)[3] <- "b"
  w$arm <- factor(w$arm, levels = c("SAU", "PEER"))
  f <- glm.nb(y ~ arm + b, w, control = glm.control(epsilon = 1e-14, maxit = 200)); th <- f$theta
  for (k in 1:30) { th <- theta.ml(f$y, fitted(f), limit = 200, eps = 1e-13)
    f <- glm(y ~ arm + b, family = negative.binomial(as.vector(th)), data = w, control = glm.control(epsilon = 1e-14, maxit = 200), start = coef(f)) }
  s <- summary(f, dispersion = 1)$coefficients
  safety[[length(safety) + 1]] <- list(outcome = o, visit = v, rr = exp(s[2, 1]), lower = exp(s[2, 1] - qnorm(0.975) * s[2, 2]), upper = exp(s[2, 1] + qnorm(0.975) * s[2, 2]), p = s[2, 4], theta = as.vector(th))
}
out <- fromJSON("test/reference/analyze-twin.json", simplifyVector = FALSE)
out$safety <- safety
write_json(out, "test/reference/analyze-twin.json", digits = NA, auto_unbox = TRUE, pretty = TRUE)
