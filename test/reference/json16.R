# write_json16(x, path): like jsonlite::write_json(auto_unbox = TRUE, pretty = TRUE) but every double
# with 16 significant digits (jsonlite's digits = NA stops at 15). Numeric vectors of length 1 become
# scalars, longer ones arrays; NA becomes null. Sourced by the reference scripts that need it.
suppressMessages(library(jsonlite))
as_json16 <- function(x) {
  if (is.list(x)) { nm <- names(x); out <- lapply(x, as_json16); names(out) <- nm; return(out) }
  if (is.numeric(x) && !is.integer(x) && length(x) > 0) {
    s <- ifelse(is.na(x), "null", sprintf("%.16g", x))
    if (any(is.infinite(x))) stop("non-finite value in a fixture")
    return(structure(if (length(x) == 1) s else paste0("[", paste(s, collapse = ","), "]"), class = "json"))
  }
  x
}
write_json16 <- function(x, path) {
  writeLines(toJSON(as_json16(x), auto_unbox = TRUE, pretty = TRUE, json_verbatim = TRUE, na = "null"), path)
}
