# Exports two public trials from R's survival package (LGPL >= 2; the data are distributed with
# the package) to data-samples/real/ as one row per participant, the shape effekt's time-to-event
# outcomes read. Run once from the repository root; the CSVs are committed. survival 3.5-3.
#
# colon (Moertel et al. 1990; Laurie et al. 1989): adjuvant chemotherapy for stage B/C colon
#   cancer, 929 patients in three arms (Obs, Lev, Lev+5FU). Two records per patient in the package
#   (etype 1 recurrence, etype 2 death) become one row: days to recurrence (or censoring) and
#   whether it happened, days to death and whether it happened, and the first event of the two
#   (recurrence; death without recurrence; censored) for a competing-risks analysis.
# rhDNase (Fuchs et al. 1994): recombinant DNase vs placebo in cystic fibrosis, 647 patients at 51
#   institutions. Time to the first serious infection starting after the day of entry (ivstart > 0;
#   an infection already under way at entry is not a first event), censored at the end of
#   follow-up; as dates (entry, exit) and days.
suppressMessages(library(survival))
stopifnot(as.character(packageVersion("survival")) == "3.5.3")
c1 <- colon[colon$etype == 1, ]
c2 <- colon[colon$etype == 2, ]
stopifnot(all(c1$id == c2$id))
yn <- function(x) ifelse(x == 1, "yes", "no")
first <- ifelse(c1$status == 1, "recurrence", ifelse(c2$status == 1 & c2$time == c1$time, "death", "censored"))
colon_out <- data.frame(
  id = sprintf("C%04d", c1$id), rx = as.character(c1$rx), sex = ifelse(c1$sex == 1, "male", "female"), age = c1$age,
  obstruct = c1$obstruct, perfor = c1$perfor, adhere = c1$adhere, nodes = c1$nodes,
  differ = c("well", "moderate", "poor")[c1$differ], extent = c("submucosa", "muscle", "serosa", "contiguous")[c1$extent],
  surg = ifelse(c1$surg == 1, "long", "short"), node4 = c1$node4,
  recurrence_days = c1$time, recurrence = yn(c1$status), death_days = c2$time, death = yn(c2$status),
  first_event_days = c1$time, first_event = first
)
write.csv(colon_out, "data-samples/real/colon.csv", row.names = FALSE, na = "", quote = FALSE)

r <- rhDNase[order(rhDNase$id, rhDNase$ivstart), ]
ids <- unique(r$id)
rows <- lapply(ids, function(i) {
  s <- r[r$id == i, ]
  fu <- as.numeric(s$end.dt[1] - s$entry.dt[1])
  starts <- s$ivstart[!is.na(s$ivstart) & s$ivstart > 0]
  ev <- length(starts) > 0
  t <- if (ev) min(starts) else fu
  data.frame(id = sprintf("R%03d", i), inst = sprintf("inst%02d", s$inst[1]), trt = ifelse(s$trt[1] == 1, "rhDNase", "placebo"),
             fev = s$fev[1], entry_date = format(s$entry.dt[1]), exit_date = format(s$entry.dt[1] + t), days = t, infection = if (ev) "yes" else "no")
})
rh_out <- do.call(rbind, rows)
write.csv(rh_out, "data-samples/real/rhdnase.csv", row.names = FALSE, na = "", quote = FALSE)
cat(sprintf("colon: %d rows; rhDNase: %d rows, %d first infections\n", nrow(colon_out), nrow(rh_out), sum(rh_out$infection == "yes")))
