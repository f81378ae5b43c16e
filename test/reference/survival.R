# Reference values for src/stats/survival: Kaplan–Meier (survfit), log-rank (survdiff), Cox
# (coxph, Efron/Breslow, strata, robust/cluster, counting process), cox.zph ("km", "identity"),
# restricted mean survival (print(survfit, rmean = tau)) and Aalen–Johansen cumulative incidence
# (survfit with a factor status). Data: survival::lung, veteran, colon (both etypes), rhDNase
# (first event and the Andersen–Gill counting-process form), mgus2 (PCM vs death), and a seeded
# synthetic set with heavy ties. Writes test/reference/survival.json with 16 significant digits
# (written out by hand: jsonlite stops at 15). Run: Rscript test/reference/survival.R
suppressMessages(library(survival))
ctl <- coxph.control(eps = 1e-12, toler.chol = 1e-14, iter.max = 100)

# ---- JSON with 16 significant digits; non-finite and NA become null; I(x) forces an array ----
js <- function(x) {
  if (is.null(x)) return("null")
  if (is.list(x) && !inherits(x, "AsIs")) {
    inner <- vapply(x, js, "")
    if (!is.null(names(x))) return(paste0("{", paste0('"', names(x), '":', inner, collapse = ","), "}"))
    return(paste0("[", paste(inner, collapse = ","), "]"))
  }
  arr <- inherits(x, "AsIs") || length(x) != 1
  x <- unclass(x)
  v <- if (is.character(x) || is.factor(x)) ifelse(is.na(x), "null", paste0('"', as.character(x), '"'))
       else if (is.logical(x)) ifelse(is.na(x), "null", ifelse(x, "true", "false"))
       else ifelse(is.finite(x), sprintf("%.16g", as.double(x)), "null")
  if (arr) paste0("[", paste(v, collapse = ","), "]") else v
}
A <- function(x) I(as.vector(x))

# ---- data sets: columns as the TypeScript tests read them (codes 0-based) ----
lung2 <- na.omit(lung[, c("time", "status", "sex", "age", "ph.ecog")])
lung2 <- data.frame(time = lung2$time, event = lung2$status - 1, sex = factor(lung2$sex, 1:2, c("male", "female")),
                    age = lung2$age, ecog = lung2$ph.ecog)
vet <- veteran
vet$trt <- factor(vet$trt, 1:2, c("standard", "test"))
col <- na.omit(colon[, c("id", "rx", "sex", "age", "obstruct", "perfor", "adhere", "nodes", "extent", "surg", "time", "status", "etype")])
col$etype <- factor(col$etype, 1:2, c("recurrence", "death"))
colR <- col[col$etype == "recurrence", ]; colD <- col[col$etype == "death", ]
first <- subset(rhDNase, !duplicated(id))
dnase <- tmerge(first, first, id = id, tstop = as.numeric(end.dt - entry.dt))
temp.end <- with(rhDNase, pmin(ivstop + 6, end.dt - entry.dt))
dnase <- tmerge(dnase, rhDNase, id = id, infect = event(ivstart), end = event(temp.end))
dnase <- subset(dnase, (infect == 1 | end == 0), c(id:trt, fev:infect))
dnase$trt <- factor(dnase$trt, 0:1, c("placebo", "rhDNase"))
dfirst <- dnase[dnase$tstart == 0, ]            # time to the first infection (first interval)
set.seed(20240517)
nt <- 300
ties <- data.frame(arm = factor(sample(0:2, nt, TRUE), 0:2, c("A", "B", "C")), x = rbinom(nt, 1, 0.4),
                   z = round(rnorm(nt), 1), site = factor(sample(0:1, nt, TRUE), 0:1, c("s1", "s2")))
lp <- -0.4 * (ties$arm == "B") - 0.7 * (ties$arm == "C") + 0.5 * ties$x + 0.3 * ties$z
tt <- rexp(nt, 0.15 * exp(lp)); cc <- runif(nt, 4, 16)
ties$time <- ceiling(pmin(tt, cc)); ties$event <- as.integer(tt <= cc)
mg <- mgus2
mg$etime <- with(mg, ifelse(pstat == 0, futime, ptime))
mg$ev <- factor(with(mg, ifelse(pstat == 0, 2 * death, 1)), 0:2, c("censor", "pcm", "death"))

codes <- function(f) A(as.integer(f) - 1L)
datasets <- list(
  lung = list(time = A(lung2$time), event = A(lung2$event), sex = codes(lung2$sex), sexLabels = A(levels(lung2$sex)),
              age = A(lung2$age), female = A(as.numeric(lung2$sex == "female")), ecog = A(lung2$ecog),
              ecogStrata = codes(factor(lung2$ecog)), ecogLabels = A(levels(factor(lung2$ecog)))),
  veteran = list(time = A(vet$time), event = A(vet$status), trt = codes(vet$trt), trtLabels = A(levels(vet$trt)),
                 celltype = codes(vet$celltype), celltypeLabels = A(levels(vet$celltype)),
                 trttest = A(as.numeric(vet$trt == "test")), celltypesmallcell = A(as.numeric(vet$celltype == "smallcell")),
                 celltypeadeno = A(as.numeric(vet$celltype == "adeno")), celltypelarge = A(as.numeric(vet$celltype == "large")),
                 karno = A(vet$karno), diagtime = A(vet$diagtime), age = A(vet$age), prior = A(vet$prior)),
  colon = list(id = A(col$id), time = A(col$time), event = A(col$status), etype = codes(col$etype), etypeLabels = A(levels(col$etype)),
               rx = codes(col$rx), rxLabels = A(levels(col$rx)), rxLev = A(as.numeric(col$rx == "Lev")), rxLev5FU = A(as.numeric(col$rx == "Lev+5FU")),
               sex = A(col$sex), age = A(col$age), obstruct = A(col$obstruct), perfor = A(col$perfor), adhere = A(col$adhere),
               nodes = A(col$nodes), extent = A(col$extent), surg = A(col$surg)),
  dnase = list(id = A(dnase$id), entry = A(dnase$tstart), time = A(dnase$tstop), event = A(dnase$infect), trt = codes(dnase$trt),
               trtLabels = A(levels(dnase$trt)), trtrhDNase = A(as.numeric(dnase$trt == "rhDNase")), fev = A(dnase$fev), first = A(dnase$tstart == 0)),
  ties = list(time = A(ties$time), event = A(ties$event), arm = codes(ties$arm), armLabels = A(levels(ties$arm)), armB = A(as.numeric(ties$arm == "B")),
              armC = A(as.numeric(ties$arm == "C")), x = A(ties$x), z = A(ties$z), site = codes(ties$site), siteLabels = A(levels(ties$site))),
  crToy = list(time = A(c(1, 2, 2, 3, 4, 4, 0.5, 1, 3, 3)), status = A(c(1, 2, 0, 1, 1, 2, 0, 2, 2, 0)), statusLabels = A(c("censor", "a", "b")),
               grp = A(c(0, 0, 0, 0, 0, 0, 1, 1, 1, 1)), grpLabels = A(c("all die at the end", "censored at the end"))),
  mgus2 = list(time = A(mg$etime), status = codes(mg$ev), statusLabels = A(levels(mg$ev)), sex = codes(mg$sex), sexLabels = A(levels(mg$sex))))

# ---- Kaplan–Meier: full curves for log-log, limits for log and plain, quantiles, times ----
km_case <- function(name, dataset, formula, data, group, subset = NULL, at) {
  fits <- lapply(c("log-log", "log", "plain"), function(ct) survfit(formula, data, conf.type = ct))
  names(fits) <- c("loglog", "log", "plain")
  f <- fits$loglog
  nstr <- if (is.null(f$strata)) 1 else length(f$strata)
  curves <- lapply(seq_len(nstr), function(s) {
    g <- if (nstr == 1) f else f[s]
    lim <- lapply(fits, function(ff) { gg <- if (nstr == 1) ff else ff[s]; list(lower = A(gg$lower), upper = A(gg$upper)) })
    q <- lapply(fits, function(ff) { gg <- if (nstr == 1) ff else ff[s]; qq <- quantile(gg, c(0.25, 0.5, 0.75))
      list(time = A(qq$quantile), lower = A(qq$lower), upper = A(qq$upper)) })
    sm <- summary(g, times = at, extend = TRUE)
    list(label = if (nstr == 1) "all" else sub("^[^=]*=", "", names(f$strata)[s]), n = g$n, time = A(g$time), nRisk = A(g$n.risk),
         nEvent = A(g$n.event), nCensor = A(g$n.censor), surv = A(g$surv), stdErr = A(g$std.err), cumHaz = A(g$cumhaz),
         stdCumHaz = A(g$std.chaz), limits = lim, quantiles = q,
         at = list(time = A(sm$time), nRisk = A(sm$n.risk), surv = A(sm$surv), stdErr = A(sm$std.err), lower = A(sm$lower), upper = A(sm$upper)))
  })
  list(name = name, dataset = dataset, group = group, subset = subset, at = A(at), curves = curves)
}
km <- list(
  km_case("lung by sex", "lung", Surv(time, event) ~ sex, lung2, "sex", at = c(0, 90, 180, 365, 500, 730, 1000, 1100)),
  km_case("lung overall", "lung", Surv(time, event) ~ 1, lung2, NULL, at = c(0, 5, 365, 1022, 2000)),
  km_case("veteran by treatment", "veteran", Surv(time, event) ~ trt, data.frame(time = vet$time, event = vet$status, trt = vet$trt), "trt", at = c(0, 30, 100, 365, 999)),
  km_case("colon recurrence by rx", "colon", Surv(time, status) ~ rx, colR, "rx", subset = "recurrence", at = c(0, 365, 1826, 3000)),
  km_case("colon death by rx", "colon", Surv(time, status) ~ rx, colD, "rx", subset = "death", at = c(0, 365, 1826, 3000)),
  km_case("rhDNase first infection by treatment", "dnase", Surv(tstop, infect) ~ trt, dfirst, "trt", subset = "first", at = c(0, 30, 90, 169)),
  km_case("rhDNase counting process by treatment", "dnase", Surv(tstart, tstop, infect) ~ trt, dnase, "trt", at = c(0, 30, 90, 169)),
  km_case("heavy ties by arm", "ties", Surv(time, event) ~ arm, ties, "arm", at = c(0, 1, 2.5, 6, 12, 20)))

# ---- log-rank / G-rho ----
lr_case <- function(name, dataset, formula, data, group, strata = NULL, rho = 0, subset = NULL) {
  s <- survdiff(formula, data, rho = rho)
  list(name = name, dataset = dataset, group = group, strata = strata, rho = rho, subset = subset,
       observed = A(if (is.matrix(s$obs)) rowSums(s$obs) else s$obs), expected = A(if (is.matrix(s$exp)) rowSums(s$exp) else s$exp),
       variance = A(s$var), chisq = s$chisq, df = length(s$n) - 1, p = s$pvalue)
}
logrank <- list(
  lr_case("lung by sex", "lung", Surv(time, event) ~ sex, lung2, "sex"),
  lr_case("lung by sex, G-rho 1 (Peto-Peto)", "lung", Surv(time, event) ~ sex, lung2, "sex", rho = 1),
  lr_case("lung by sex stratified by ECOG", "lung", Surv(time, event) ~ sex + strata(ecog), lung2, "sex", strata = "ecogStrata"),
  lr_case("veteran by cell type", "veteran", Surv(time, status) ~ celltype, vet, "celltype"),
  lr_case("veteran by cell type stratified by treatment", "veteran", Surv(time, status) ~ celltype + strata(trt), vet, "celltype", strata = "trt"),
  lr_case("colon recurrence by rx", "colon", Surv(time, status) ~ rx, colR, "rx", subset = "recurrence"),
  lr_case("colon death by rx", "colon", Surv(time, status) ~ rx, colD, "rx", subset = "death"),
  lr_case("colon death by rx, G-rho 0.5", "colon", Surv(time, status) ~ rx, colD, "rx", rho = 0.5, subset = "death"),
  lr_case("rhDNase first infection by treatment", "dnase", Surv(tstop, infect) ~ trt, dfirst, "trt", subset = "first"),
  lr_case("heavy ties by arm", "ties", Surv(time, event) ~ arm, ties, "arm"),
  lr_case("heavy ties by arm stratified by site", "ties", Surv(time, event) ~ arm + strata(site), ties, "arm", strata = "site"))

# ---- Cox models and their PH tests ----
# Scaled Schoenfeld residuals (x, y) are kept for the smaller fits only (they dominate the file).
zph_table <- function(fit, transform, resid) { z <- cox.zph(fit, transform = transform)
  out <- list(terms = A(rownames(z$table)), chisq = A(z$table[, "chisq"]), df = A(z$table[, "df"]), p = A(z$table[, "p"]))
  if (resid) c(out, list(x = A(z$x), time = A(z$time), y = A(z$y))) else out }
cox_case <- function(name, dataset, fit, columns, strata = NULL, cluster = NULL, subset = NULL, entry = FALSE, zph = TRUE) {
  s <- summary(fit)
  ci <- s$conf.int
  df <- length(coef(fit))
  chi <- function(x) A(c(x, df, pchisq(x, df, lower.tail = FALSE)))
  asg <- fit$assign
  out <- list(name = name, dataset = dataset, columns = A(columns), strata = strata, cluster = cluster, subset = subset, entry = entry,
       ties = fit$method, robust = !is.null(fit$naive.var), coefNames = A(names(coef(fit))), coef = A(coef(fit)),
       se = A(sqrt(diag(fit$var))), naiveSe = A(sqrt(diag(if (is.null(fit$naive.var)) fit$var else fit$naive.var))),
       p = A(s$coefficients[, ncol(s$coefficients)]), hr = A(ci[, 1]), lower = A(ci[, 3]), upper = A(ci[, 4]),
       # summary.coxph rounds its test statistics, so they are taken from the fit unrounded.
       loglik = A(fit$loglik), lrt = chi(2 * diff(fit$loglik)), wald = chi(fit$wald.test), score = chi(fit$score),
       robustScore = if (is.null(fit$rscore)) NULL else chi(fit$rscore), iter = fit$iter, n = fit$n, events = fit$nevent,
       terms = lapply(names(asg), function(nm) list(name = nm, columns = A(asg[[nm]] - 1L))))
  if (zph) out$zph <- list(km = zph_table(fit, "km", dataset != "colon"), identity = zph_table(fit, "identity", FALSE))
  out
}
vdat <- data.frame(time = vet$time, status = vet$status, trt = vet$trt, celltype = vet$celltype, karno = vet$karno,
                   diagtime = vet$diagtime, age = vet$age, prior = vet$prior)
cox <- list(
  cox_case("lung: age + sex + ECOG (Efron)", "lung", coxph(Surv(time, event) ~ age + sex + ecog, lung2, control = ctl), c("age", "female", "ecog")),
  cox_case("lung: age + sex + ECOG (Breslow)", "lung", coxph(Surv(time, event) ~ age + sex + ecog, lung2, ties = "breslow", control = ctl), c("age", "female", "ecog")),
  cox_case("lung: age + sex, strata ECOG", "lung", coxph(Surv(time, event) ~ age + sex + strata(ecog), lung2, control = ctl), c("age", "female"), strata = "ecogStrata"),
  cox_case("lung: age + sex, robust", "lung", coxph(Surv(time, event) ~ age + sex, lung2, robust = TRUE, control = ctl), c("age", "female")),
  cox_case("veteran: trt + celltype + karno + diagtime + age + prior", "veteran",
           coxph(Surv(time, status) ~ trt + celltype + karno + diagtime + age + prior, vdat, control = ctl),
           c("trttest", "celltypesmallcell", "celltypeadeno", "celltypelarge", "karno", "diagtime", "age", "prior")),
  cox_case("veteran: same, Breslow", "veteran",
           coxph(Surv(time, status) ~ trt + celltype + karno + diagtime + age + prior, vdat, ties = "breslow", control = ctl),
           c("trttest", "celltypesmallcell", "celltypeadeno", "celltypelarge", "karno", "diagtime", "age", "prior")),
  cox_case("colon recurrence: rx + covariates", "colon", coxph(Surv(time, status) ~ rx + sex + age + obstruct + perfor + adhere + nodes + extent + surg, colR, control = ctl),
           c("rxLev", "rxLev5FU", "sex", "age", "obstruct", "perfor", "adhere", "nodes", "extent", "surg"), subset = "recurrence"),
  cox_case("colon death: rx + covariates", "colon", coxph(Surv(time, status) ~ rx + sex + age + obstruct + perfor + adhere + nodes + extent + surg, colD, control = ctl),
           c("rxLev", "rxLev5FU", "sex", "age", "obstruct", "perfor", "adhere", "nodes", "extent", "surg"), subset = "death"),
  cox_case("colon both events: marginal model, strata(etype) + cluster(id)", "colon",
           coxph(Surv(time, status) ~ rx + sex + age + nodes + strata(etype), col, cluster = id, control = ctl),
           c("rxLev", "rxLev5FU", "sex", "age", "nodes"), strata = "etype", cluster = "id"),
  cox_case("rhDNase first infection: trt + fev", "dnase", coxph(Surv(tstop, infect) ~ trt + fev, dfirst, control = ctl), c("trtrhDNase", "fev"), subset = "first"),
  cox_case("rhDNase Andersen-Gill: trt + fev + cluster(id)", "dnase", coxph(Surv(tstart, tstop, infect) ~ trt + fev, dnase, cluster = id, control = ctl),
           c("trtrhDNase", "fev"), cluster = "id", entry = TRUE),
  cox_case("rhDNase Andersen-Gill: Breslow, model-based variance", "dnase", coxph(Surv(tstart, tstop, infect) ~ trt + fev, dnase, ties = "breslow", control = ctl),
           c("trtrhDNase", "fev"), entry = TRUE),
  cox_case("heavy ties: arm + x + z (Efron)", "ties", coxph(Surv(time, event) ~ arm + x + z, ties, control = ctl), c("armB", "armC", "x", "z")),
  cox_case("heavy ties: arm + x + z (Breslow)", "ties", coxph(Surv(time, event) ~ arm + x + z, ties, ties = "breslow", control = ctl), c("armB", "armC", "x", "z")),
  cox_case("heavy ties: arm + x + z, strata site, robust", "ties", coxph(Surv(time, event) ~ arm + x + z + strata(site), ties, robust = TRUE, control = ctl),
           c("armB", "armC", "x", "z"), strata = "site"))

# ---- restricted mean survival time (survival's survmean) and the difference between arms ----
rmst_case <- function(name, dataset, formula, data, group, tau, subset = NULL) {
  f <- survfit(formula, data)
  tab <- summary(f, rmean = tau)$table
  est <- tab[, "rmean"]; se <- tab[, "se(rmean)"]
  z <- qnorm(0.975)
  d <- est[-1] - est[1]; sed <- sqrt(se[-1]^2 + se[1]^2)
  list(name = name, dataset = dataset, group = group, tau = tau, subset = subset, rmean = A(est), se = A(se),
       lower = A(est - z * se), upper = A(est + z * se), diff = A(d), diffSe = A(sed), diffLower = A(d - z * sed),
       diffUpper = A(d + z * sed), diffP = A(2 * pnorm(-abs(d / sed))))
}
rmst <- list(
  rmst_case("lung by sex, tau 365", "lung", Surv(time, event) ~ sex, lung2, "sex", 365),
  rmst_case("lung by sex, tau 730", "lung", Surv(time, event) ~ sex, lung2, "sex", 730),
  rmst_case("veteran by treatment, tau 180", "veteran", Surv(time, status) ~ trt, vdat, "trt", 180),
  rmst_case("colon death by rx, tau 5 years", "colon", Surv(time, status) ~ rx, colD, "rx", 1826, subset = "death"),
  rmst_case("colon recurrence by rx, tau 3 years", "colon", Surv(time, status) ~ rx, colR, "rx", 1096, subset = "recurrence"),
  rmst_case("rhDNase first infection, tau 169", "dnase", Surv(tstop, infect) ~ trt, dfirst, "trt", 169, subset = "first"),
  rmst_case("heavy ties by arm, tau 10 (an event time)", "ties", Surv(time, event) ~ arm, ties, "arm", 10))

# ---- Aalen–Johansen cumulative incidence (competing risks) ----
cif_case <- function(name, dataset, formula, data, group, at) {
  f <- survfit(formula, data)
  nstr <- length(f$strata)
  curves <- lapply(seq_len(nstr), function(s) { g <- f[s, ]
    sm <- summary(g, times = at, extend = TRUE)
    list(label = sub("^[^=]*=", "", names(f$strata)[s]), time = A(g$time), nRisk = A(g$n.risk[, 1]), nEvent = A(g$n.event),
         nCensor = A(g$n.censor), pstate = A(g$pstate), stdErr = A(g$std.err), lower = A(g$lower), upper = A(g$upper),
         at = list(time = A(sm$time), nRisk = A(sm$n.risk[, 1]), pstate = A(sm$pstate), stdErr = A(sm$std.err))) })
  list(name = name, dataset = dataset, group = group, states = A(f$states), confType = f$conf.type, at = A(at), curves = curves)
}
toy <- data.frame(time = c(1, 2, 2, 3, 4, 4, 0.5, 1, 3, 3), ev = factor(c(1, 2, 0, 1, 1, 2, 0, 2, 2, 0), 0:2, c("censor", "a", "b")),
                  grp = factor(c(0, 0, 0, 0, 0, 0, 1, 1, 1, 1), 0:1, c("all die at the end", "censored at the end")))
cif <- list(cif_case("mgus2: PCM vs death by sex", "mgus2", Surv(etime, ev) ~ sex, mg, "sex", at = c(0, 12, 60, 120, 240, 400)),
            cif_case("toy: every subject at risk has an event at the last time", "crToy", Surv(time, ev) ~ grp, toy, "grp", at = c(0, 2.5, 4, 5)))

out <- list(R = R.version.string, survival = as.character(packageVersion("survival")), coxControl = list(eps = ctl$eps, tolerChol = ctl$toler.chol),
            datasets = datasets, km = km, logrank = logrank, cox = cox, rmst = rmst, cif = cif)
writeLines(js(out), "test/reference/survival.json")
