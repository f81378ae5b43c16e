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
write_json(list(R = R.version.string, car = as.character(packageVersion("car")), data = d, cases = out), "test/reference/term-tests.json", digits = NA, auto_unbox = TRUE, pretty = TRUE, dataframe = "columns")
