#!/usr/bin/env Rscript
# R side of bench/stats.ts: times the same Kaplan-Meier, log-rank and Cox work on the same rows.
# Usage: Rscript bench/stats-bench.R <csv with time,event,grp,age,trt> <runs>
# Prints one JSON line: median elapsed milliseconds per step, and a few results to cross-check.
suppressPackageStartupMessages(library(survival))
args <- commandArgs(trailingOnly = TRUE)
d <- read.csv(args[1])
runs <- as.integer(args[2])
elapsed <- function(f) {
  f() # warm-up (byte compilation, first allocation)
  ms <- vapply(seq_len(runs), function(i) unname(system.time(f(), gcFirst = TRUE)[["elapsed"]]) * 1000, 0)
  median(ms)
}
km <- function() survfit(Surv(time, event) ~ 1, data = d)
lr <- function() survdiff(Surv(time, event) ~ grp, data = d)
cx <- function() coxph(Surv(time, event) ~ age + trt, data = d)
t_km <- elapsed(km)
t_lr <- elapsed(lr)
t_cx <- elapsed(cx)
fit_km <- km()
fit_lr <- lr()
fit_cx <- cx()
cat(sprintf(paste0('{"kaplanMeier":%.3f,"logRank":%.3f,"cox":%.3f,',
                   '"median":%.17g,"chiSquare":%.17g,"coef":[%.17g,%.17g],"concordance":%.17g,"r":"%s"}\n'),
            t_km, t_lr, t_cx, summary(fit_km)$table[["median"]], fit_lr$chisq, coef(fit_cx)[1], coef(fit_cx)[2],
            fit_cx$concordance[["concordance"]],
            paste0(R.version.string, "; survival ", packageVersion("survival"))))
