# Reference F tests per term: anova() (type 1) and car::Anova(type = 2 / 3) with treatment contrasts.
# Writes test/reference/term-tests.json.
suppressMessages({ library(jsonlite); library(car) })
set.seed(31)
n <- 120
d <- data.frame(arm = factor(sample(c("SAU", "PEER"), n, TRUE), levels = c("SAU", "PEER")),
                visit = factor(sample(c("end", "fu6"), n, TRUE), levels = c("end", "fu6")),
                site = factor(sample(c("A", "B", "C"), n, TRUE, prob = c(.5, .3, .2))), base = round(rnorm(n, 30, 10), 1))
d$y <- 5 + 0.5 * d$base + 3 * (d$arm == "PEER") + 2 * (d$visit == "fu6") - 2 * (d$arm == "PEER") * (d$visit == "fu6") + rnorm(n, 0, 6)
cases <- list(
  list(name = "ANCOVA main effects", f = y ~ arm + base + site, terms = list("arm", "base", "site")),
  list(name = "arm × visit interaction", f = y ~ arm * visit + base + site, terms = list("arm", "visit", "base", "site", c("arm", "visit"))),
  list(name = "baseline × visit interaction", f = y ~ arm + visit + base + base:visit, terms = list("arm", "visit", "base", c("base", "visit")))
)
out <- lapply(cases, function(cs) {
  fit <- lm(cs$f, data = d)
  one <- function(tab) { tab <- tab[rownames(tab) != "Residuals" & rownames(tab) != "(Intercept)", ]
    list(term = rownames(tab), df = tab$Df, sumSq = tab[[if ("Sum Sq" %in% names(tab)) "Sum Sq" else "Sum of Sq"]], f = tab[["F value"]], p = tab[["Pr(>F)"]]) }
  list(name = cs$name, terms = cs$terms, type1 = one(as.data.frame(anova(fit))), type2 = one(as.data.frame(Anova(fit, type = 2))), type3 = one(as.data.frame(Anova(fit, type = 3))))
})
# Three more datasets, each with a main-effects ANCOVA and an arm × site interaction (where type II
# and III differ): the twin, a small n with ties, and heavy-tailed errors with an unbalanced site.
tables <- function(fit) {
  one <- function(tab) { tab <- tab[rownames(tab) != "Residuals" & rownames(tab) != "(Intercept)", ]
    list(term = rownames(tab), df = tab$Df, sumSq = tab[[if ("Sum Sq" %in% names(tab)) "Sum Sq" else "Sum of Sq"]], f = tab[["F value"]], p = tab[["Pr(>F)"]]) }
  list(type1 = one(as.data.frame(anova(fit))), type2 = one(as.data.frame(Anova(fit, type = 2))), type3 = one(as.data.frame(Anova(fit, type = 3))))
}
twin <- read.csv("data-samples/peer-trial.csv", stringsAsFactors = FALSE)
sc <- function(v) { m <- as.matrix(twin[twin$visit == v, paste0("qpr_", 1:15)]); s <- rowMeans(m, na.rm = TRUE) * 15; s[rowSums(is.na(m)) > 3] <- NA; s }
tb <- twin[twin$visit == "baseline", ]; te <- sc("end"); ok <- !is.na(te)
tw <- data.frame(arm = tb$arm[ok], site = tb$municipality[ok], base = sc("baseline")[ok], y = te[ok])
sm <- data.frame(arm = rep(c("SAU", "PEER"), 7), site = rep(c("A", "B"), c(8, 6)), base = c(20, 22, 25, 20, 30, 28, 22, 25, 31, 20, 27, 27, 24, 29),
                 y = c(24, 30, 28, 27, 31, 36, 24, 30, 33, 27, 30, 35, 27, 33))
set.seed(32)
nh <- 90
hv <- data.frame(arm = sample(c("SAU", "PEER"), nh, TRUE), site = sample(c("X", "Y", "Z"), nh, TRUE, prob = c(.6, .3, .1)), base = sample(1:8, nh, TRUE))
hv$y <- 3 + 0.7 * hv$base + 2 * (hv$arm == "PEER") + rt(nh, 2) * 2
more <- lapply(list(list(name = "twin QPR-15 at end", d = tw), list(name = "small n = 14 with ties", d = sm), list(name = "heavy tails, unbalanced sites", d = hv)), function(ds) {
  x <- ds$d; x$arm <- factor(x$arm, levels = c("SAU", "PEER")); x$site <- factor(x$site, levels = sort(unique(x$site)))
  list(name = ds$name, data = list(arm = as.character(x$arm), site = as.character(x$site), base = x$base, y = x$y),
       cases = list(c(list(name = "ANCOVA main effects", terms = list("arm", "base", "site")), tables(lm(y ~ arm + base + site, x))),
                    c(list(name = "arm × site interaction", terms = list("arm", "base", "site", c("arm", "site"))), tables(lm(y ~ arm * site + base, x)))))
})
write_json(list(R = R.version.string, car = as.character(packageVersion("car")), data = d, cases = out, datasets = more), "test/reference/term-tests.json", digits = NA, auto_unbox = TRUE, pretty = TRUE, dataframe = "columns")
