# Exports six public trials shipped with R packages as CSV files into data-samples/real/, exactly as
# a user would export them from R (write.csv, no row names), so that effekt can be run on them:
#   baumann.csv         carData::Baumann        wide: one row per child, no id column (as shipped)
#   respiratory.csv     HSAUR3::respiratory     long: one row per patient x month (0-4)
#   epilepsy.csv        HSAUR3::epilepsy        long: one row per patient x two-week period (1-4)
#   schizophrenia2.csv  HSAUR3::schizophrenia2  long: one row per patient x month; dropouts as R's NA
#   btheb.csv           HSAUR3::BtheB           wide: one row per patient (BDI at 0, 2, 3, 5, 8
#                                               months), no id column, dropouts as R's NA
#   anorexia.csv        MASS::anorexia          wide: one row per girl, three arms, no id column
# Rows keep the packages' own order; factors are written as their labels. Deterministic: the same
# package versions give byte-identical files (checked by test/real-trials/real-trials.test.ts via
# the recorded versions in data-samples/real/SOURCES.json).
# Run from the repository root: Rscript test/reference/export-real-trials.R
suppressMessages({ library(carData); library(HSAUR3); library(MASS); library(jsonlite) })
out <- "data-samples/real"
dir.create(out, showWarnings = FALSE, recursive = TRUE)
w <- function(d, f, na = "") {
  con <- file(file.path(out, f), open = "wb")   # "\n" line ends on every platform
  write.csv(d, con, row.names = FALSE, na = na)
  close(con)
}
w(carData::Baumann, "baumann.csv")
w(HSAUR3::respiratory, "respiratory.csv")
w(HSAUR3::epilepsy, "epilepsy.csv")
# R's own missing-value code, as write.csv writes it by default
w(HSAUR3::schizophrenia2, "schizophrenia2.csv", na = "NA")
w(HSAUR3::BtheB, "btheb.csv", na = "NA")
w(MASS::anorexia, "anorexia.csv")
pk <- function(p) { d <- packageDescription(p); list(package = p, version = d$Version, license = d$License, title = d$Title) }
writeLines(toJSON(list(R = R.version.string, packages = list(pk("carData"), pk("HSAUR3"), pk("MASS"))), auto_unbox = TRUE, pretty = TRUE),
           file.path(out, "SOURCES.json"))
