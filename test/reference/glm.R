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
robust <- function(name, f, d, fam) list(name = name, family = fam, data = list(y = d$y, arm = as.character(d$arm), x = d$x, site = as.character(d$site)),
  coef = unname(coef(f)), se = unname(sqrt(diag(vcovHC(f, type = "HC0")))))
rp <- prep(resp)
# Log-binomial with arm only: the MLE is interior (with baseline QPR-15 added it sits on the boundary μ = 1).
lb <- prep(resp); flb <- glm(y ~ arm, binomial(link = "log"), lb, control = ctl, start = c(log(mean(lb$y)), 0))
robustFits <- list(
  c(robust("log-binomial: twin QPR-15 responders", flb, lb, "binomial-log"), list(modelSe = unname(summary(flb)$coefficients[, 2]), terms = "arm")),
  robust("modified Poisson: twin QPR-15 responders", glm(y ~ arm + x + site, poisson, rp, control = ctl), rp, "poisson-log"),
  robust("logistic: twin QPR-15 responders", f1, r1, "binomial-logit"),
  robust("poisson: twin admissions", f3, r3, "poisson-log"))
out <- list(robust = robustFits, R = R.version.string, MASS = as.character(packageVersion("MASS")), fits = list(
  out_fit("logistic: twin QPR-15 responders", f1, r1, list(family = "binomial-logit")),
  out_fit("logistic: small n", f2, r2, list(family = "binomial-logit", terms = "arm+x")),
  out_fit("poisson: twin admissions", f3, r3, list(family = "poisson-log")),
  out_fit("poisson with offset", f4, r4, list(family = "poisson-log")),
  modifyList(out_fit("negative binomial: twin admissions", n5$f, r5, list(family = "negbin-log", theta = n5$theta, thetaSe = n5$thetaSe, massTheta = f5$theta)), list(se = n5$se, p = n5$p)),
  modifyList(out_fit("negative binomial: twin bed days", n6$f, r6, list(family = "negbin-log", theta = n6$theta, thetaSe = n6$thetaSe, massTheta = f6$theta, terms = "arm+x")), list(se = n6$se, p = n6$p)),
  out_fit("gaussian", f7, r7, list(family = "gaussian-identity"))))
write_json(out, "test/reference/glm.json", digits = NA, auto_unbox = TRUE, pretty = TRUE)
