# Reference values for src/stats/models/glm: glm() (binomial, poisson, gaussian) and
# MASS::glm.nb, all iterated to tight tolerances. Writes test/reference/glm.json.
suppressMessages({ library(jsonlite); library(MASS); library(sandwich) })
twin <- read.csv("data-samples/peer-trial.csv", stringsAsFactors = FALSE)
sc <- function(v) { m <- as.matrix(twin[twin$visit == v, paste0("qpr_", 1:15)]); s <- rowMeans(m, na.rm = TRUE) * 15; s[rowSums(is.na(m)) > 3] <- NA; s }
b <- twin[twin$visit == "baseline", ]; e <- twin[twin$visit == "end", ]
stopifnot(all(b$participant_id == e$participant_id))
resp <- data.frame(y = as.numeric(sc("end") - sc("baseline") >= 5), arm = b$arm, x = sc("baseline"), site = b$municipality)
resp <- resp[!is.na(resp$y), ]
counts <- data.frame(y = e$admissions, arm = b$arm, x = b$admissions, site = b$municipality)
bed <- data.frame(y = e$bed_days, arm = b$arm, x = b$bed_days, site = b$municipality)
set.seed(7)
small <- data.frame(y = c(0, 0, 1, 0, 1, 1, 0, 1, 1, 1, 0, 1), arm = rep(c("SAU", "PEER"), 6), x = c(3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8), site = rep(c("A", "B"), each = 6))
pois_off <- data.frame(y = rpois(50, 3), arm = sample(c("SAU", "PEER"), 50, TRUE), x = runif(50), site = sample(c("A", "B", "C"), 50, TRUE))
pois_off$t <- runif(50, 0.5, 2)
ctl <- glm.control(epsilon = 1e-14, maxit = 200)
prep <- function(d) { d$arm <- factor(d$arm, levels = c("SAU", "PEER")); d$site <- factor(d$site, levels = sort(unique(d$site))); d }
out_fit <- function(name, f, d, extra = list()) {
  s <- summary(f)
  c(list(name = name, data = list(y = d$y, arm = as.character(d$arm), x = d$x, site = as.character(d$site), offset = if (is.null(d$t)) NULL else log(d$t)),
       coefNames = names(coef(f)), coef = unname(coef(f)), se = unname(s$coefficients[, 2]), p = unname(s$coefficients[, 4]),
       deviance = f$deviance, nullDeviance = f$null.deviance, df = f$df.residual), extra)
}
r1 <- prep(resp); f1 <- glm(y ~ arm + x + site, binomial, r1, control = ctl)
r2 <- prep(small); f2 <- glm(y ~ arm + x, binomial, r2, control = ctl)
r3 <- prep(counts); f3 <- glm(y ~ arm + x + site, poisson, r3, control = ctl)
r4 <- prep(pois_off); f4 <- glm(y ~ arm + x + site + offset(log(t)), poisson, r4, control = ctl)
r5 <- prep(counts); f5 <- glm.nb(y ~ arm + x + site, r5, control = glm.control(epsilon = 1e-14, maxit = 200))
r6 <- prep(bed); f6 <- glm.nb(y ~ arm + x, r6, control = glm.control(epsilon = 1e-14, maxit = 200))
# MASS::glm.nb stops theta.ml at eps^(1/4); refine theta and beta to full ML precision for the reference.
refine_nb <- function(formula, d) {
  f <- glm.nb(formula, d, control = glm.control(epsilon = 1e-14, maxit = 200)); th <- f$theta
  for (k in 1:30) { th <- theta.ml(f$y, fitted(f), limit = 200, eps = 1e-13)
    f <- glm(formula, family = negative.binomial(as.vector(th)), data = d, control = ctl, start = coef(f)) }
  s <- summary(f, dispersion = 1)
  list(f = f, theta = as.vector(th), thetaSe = attr(th, "SE"), se = unname(s$coefficients[, 2]), p = unname(s$coefficients[, 4]))
}
n5 <- refine_nb(y ~ arm + x + site, r5); n6 <- refine_nb(y ~ arm + x, r6)
r7 <- prep(resp); r7$y <- r7$x + rnorm(nrow(r7)); f7 <- glm(y ~ arm + x + site, gaussian, r7, control = ctl)
# Further datasets (drawn after all of the above, so earlier fixtures keep their values):
# a heavy-tailed covariate with ties, small n, and simulated overdispersed counts.
n8 <- 80; heavyx <- pmax(-6, pmin(6, round(rt(n8, 2), 1)))
heavy_logit <- data.frame(arm = sample(c("SAU", "PEER"), n8, TRUE), x = heavyx, site = sample(c("A", "B", "C"), n8, TRUE, prob = c(.5, .3, .2)))
heavy_logit$y <- rbinom(n8, 1, plogis(-0.3 + 0.6 * (heavy_logit$arm == "PEER") + 0.35 * heavy_logit$x))
small_pois <- data.frame(y = c(0, 2, 1, 4, 0, 3, 1, 6, 2, 0, 5, 3, 1, 2), arm = rep(c("SAU", "PEER"), 7), x = c(1, 3, 2, 5, 1, 4, 2, 6, 3, 1, 5, 3, 2, 2), site = rep("A", 14))
n9 <- 150; nbx <- pmax(-5, pmin(5, rt(n9, 3)))
nb_heavy <- data.frame(arm = sample(c("SAU", "PEER"), n9, TRUE), x = round(nbx, 3), site = sample(c("A", "B"), n9, TRUE))
nb_heavy$y <- rnbinom(n9, size = 0.7, mu = exp(0.6 + 0.3 * (nb_heavy$arm == "PEER") + 0.25 * nb_heavy$x))
n10 <- 40; nb_small <- data.frame(arm = rep(c("SAU", "PEER"), n10 / 2), x = round(runif(n10, 0, 3), 2), site = rep("A", n10))
nb_small$y <- rnbinom(n10, size = 1.5, mu = exp(0.8 + 0.4 * (nb_small$arm == "PEER") + 0.2 * nb_small$x))
lb_small <- data.frame(y = c(1, 0, 0, 1, 0, 0, 1, 1, 0, 1, 0, 0, 1, 1, 0, 0, 1, 0, 0, 1, 1, 0, 0, 1, 0, 0, 1, 0), arm = rep(c("SAU", "PEER"), each = 14), x = rep(0, 28), site = rep("A", 28))
n11 <- 200; lb_sim <- data.frame(arm = sample(c("SAU", "PEER"), n11, TRUE), x = round(runif(n11, -2, 2), 2), site = sample(c("A", "B"), n11, TRUE))
lb_sim$y <- rbinom(n11, 1, exp(-1.3 + 0.35 * (lb_sim$arm == "PEER") + 0.15 * lb_sim$x))
mp_small <- data.frame(y = c(1, 0, 1, 1, 0, 1, 0, 0, 1, 1, 1, 0, 0, 1, 0, 1, 1, 0, 1, 0, 0, 0, 1, 1), arm = rep(c("SAU", "PEER"), 12), x = c(2, 3, 2, 4, 1, 3, 1, 2, 3, 4, 2, 1, 1, 3, 2, 4, 3, 1, 2, 2, 1, 1, 3, 4), site = rep("A", 24))
# HC0 sandwich evaluated entirely at the MLE: bread (XᵀWX)⁻¹ with W from the final μ. sandwich::vcovHC
# takes the bread from the last IRLS iteration's weights (one step behind the final μ), which for the
# log-binomial's non-canonical link differs at ~1e-7; both are recorded, the test uses the former.
hc0_at_mle <- function(f) { X <- model.matrix(f); eta <- f$linear.predictors; mu <- fitted(f); fam <- family(f)
  me <- fam$mu.eta(eta); v <- fam$variance(mu); bread <- solve(crossprod(X * sqrt(me^2 / v)))
  u <- X * ((f$y - mu) * me / v); unname(sqrt(diag(bread %*% crossprod(u) %*% bread))) }
robust <- function(name, f, d, fam) list(name = name, family = fam, data = list(y = d$y, arm = as.character(d$arm), x = d$x, site = as.character(d$site)),
  coef = unname(coef(f)), se = hc0_at_mle(f), vcovHCse = unname(sqrt(diag(vcovHC(f, type = "HC0")))))
rp <- prep(resp)
# Log-binomial with arm only: the MLE is interior (with baseline QPR-15 added it sits on the boundary μ = 1).
lb <- prep(resp); flb <- glm(y ~ arm, binomial(link = "log"), lb, control = ctl, start = c(log(mean(lb$y)), 0))
robustFits <- list(
  c(robust("log-binomial: twin QPR-15 responders", flb, lb, "binomial-log"), list(modelSe = unname(summary(flb)$coefficients[, 2]), terms = "arm")),
  robust("modified Poisson: twin QPR-15 responders", glm(y ~ arm + x + site, poisson, rp, control = ctl), rp, "poisson-log"),
  robust("logistic: twin QPR-15 responders", f1, r1, "binomial-logit"),
  robust("poisson: twin admissions", f3, r3, "poisson-log"),
  c(robust("log-binomial: small n (arm only)", { d <- prep(lb_small); glm(y ~ arm, binomial(link = "log"), d, control = ctl, start = c(log(mean(d$y)), 0)) }, prep(lb_small), "binomial-log"), list(terms = "arm")),
  c(robust("log-binomial: simulated, arm + x", { d <- prep(lb_sim); glm(y ~ arm + x, binomial(link = "log"), d, control = ctl, start = c(log(mean(d$y)), 0, 0)) }, prep(lb_sim), "binomial-log"), list(terms = "arm+x")),
  c(robust("modified Poisson: small n with ties", glm(y ~ arm + x, poisson, prep(mp_small), control = ctl), prep(mp_small), "poisson-log"), list(terms = "arm+x")),
  robust("logistic: heavy-tailed covariate with ties", glm(y ~ arm + x + site, binomial, prep(heavy_logit), control = ctl), prep(heavy_logit), "binomial-logit"))
nh <- refine_nb(y ~ arm + x + site, prep(nb_heavy)); ns <- refine_nb(y ~ arm + x, prep(nb_small))
fh <- glm.nb(y ~ arm + x + site, prep(nb_heavy), control = glm.control(epsilon = 1e-14, maxit = 200)); fs <- glm.nb(y ~ arm + x, prep(nb_small), control = glm.control(epsilon = 1e-14, maxit = 200))
out <- list(robust = robustFits, R = R.version.string, MASS = as.character(packageVersion("MASS")), fits = list(
  out_fit("logistic: twin QPR-15 responders", f1, r1, list(family = "binomial-logit")),
  out_fit("logistic: small n", f2, r2, list(family = "binomial-logit", terms = "arm+x")),
  out_fit("poisson: twin admissions", f3, r3, list(family = "poisson-log")),
  out_fit("poisson with offset", f4, r4, list(family = "poisson-log")),
  modifyList(out_fit("negative binomial: twin admissions", n5$f, r5, list(family = "negbin-log", theta = n5$theta, thetaSe = n5$thetaSe, massTheta = f5$theta)), list(se = n5$se, p = n5$p)),
  modifyList(out_fit("negative binomial: twin bed days", n6$f, r6, list(family = "negbin-log", theta = n6$theta, thetaSe = n6$thetaSe, massTheta = f6$theta, terms = "arm+x")), list(se = n6$se, p = n6$p)),
  out_fit("gaussian", f7, r7, list(family = "gaussian-identity")),
  out_fit("logistic: heavy-tailed covariate with ties", glm(y ~ arm + x + site, binomial, prep(heavy_logit), control = ctl), prep(heavy_logit), list(family = "binomial-logit")),
  out_fit("poisson: small n", glm(y ~ arm + x, poisson, prep(small_pois), control = ctl), prep(small_pois), list(family = "poisson-log", terms = "arm+x")),
  modifyList(out_fit("negative binomial: heavy-tailed covariate", nh$f, prep(nb_heavy), list(family = "negbin-log", theta = nh$theta, thetaSe = nh$thetaSe, massTheta = fh$theta)), list(se = nh$se, p = nh$p)),
  modifyList(out_fit("negative binomial: small n", ns$f, prep(nb_small), list(family = "negbin-log", theta = ns$theta, thetaSe = ns$thetaSe, massTheta = fs$theta, terms = "arm+x")), list(se = ns$se, p = ns$p))))
write_json(out, "test/reference/glm.json", digits = NA, auto_unbox = TRUE, pretty = TRUE)
