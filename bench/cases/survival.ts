/**
 * Survival routines on 100,000 simulated subjects in three arms (exponential event times, uniform
 * censoring; times continuous, or whole weeks as register data give them — heavy ties): Kaplan–Meier
 * by arm, Cox (Efron) on arm + two covariates, and the two together (target: well under 1 s). R runs
 * survfit / coxph on data simulated the same way (without the robust variance in the last case:
 * survival's score residuals are O(n²)).
 */
import type { BenchCase } from '../bench-case.ts';
import { createRng } from '../../src/stats/random/rng.ts';
import { fromColumns } from '../../src/stats/linalg/matrix.ts';
import { kaplanMeier, coxPH, logRank, coxZph, restrictedMeanSurvival, cumulativeIncidence } from '../../src/stats/survival/index.ts';

const N = 100_000;

function simulate(weeks: boolean) {
  const rng = createRng(17);
  const time = new Float64Array(N), event = new Uint8Array(N), arm = new Int32Array(N), status = new Int32Array(N);
  const b = new Float64Array(N), c = new Float64Array(N), age = new Float64Array(N), sex = new Float64Array(N);
  for (let i = 0; i < N; i++) {
    arm[i] = rng.int(3);
    age[i] = Math.round(rng.normal(45, 10));
    sex[i] = rng.int(2);
    const lp = (arm[i] === 1 ? -0.3 : arm[i] === 2 ? -0.5 : 0) + 0.02 * (age[i] - 45) + 0.2 * sex[i];
    const t = -Math.log(1 - rng.uniform()) / (0.01 * Math.exp(lp));
    const cens = 20 + 110 * rng.uniform();
    const tt = Math.min(t, cens);
    time[i] = weeks ? Math.ceil(tt) : tt;
    event[i] = t <= cens ? 1 : 0;
    status[i] = event[i] ? 1 + rng.int(2) : 0;
    b[i] = arm[i] === 1 ? 1 : 0;
    c[i] = arm[i] === 2 ? 1 : 0;
  }
  const group = { codes: arm, labels: ['SAU', 'IPS', 'IPSE'] };
  return { time, event, group, status, x: fromColumns([b, c, age, sex]), columnNames: ['armIPS', 'armIPSE', 'age', 'sex'] };
}

const rSim = (weeks: boolean) => `library(survival); set.seed(17); n <- 100000
arm <- sample(0:2, n, TRUE); age <- round(rnorm(n, 45, 10)); sex <- sample(0:1, n, TRUE)
lp <- c(0, -0.3, -0.5)[arm + 1] + 0.02 * (age - 45) + 0.2 * sex
t <- rexp(n, 0.01 * exp(lp)); cens <- runif(n, 20, 130); time <- pmin(t, cens); event <- as.integer(t <= cens)
${weeks ? 'time <- ceiling(time)' : ''}
d <- data.frame(time, event, arm = factor(arm), age, sex)`;

export const cases: BenchCase[] = [
  {
    name: 'Kaplan–Meier by arm, 100,000 subjects (continuous times)',
    setup: () => simulate(false),
    run: (d) => { const s = d as ReturnType<typeof simulate>; return kaplanMeier(s); },
    repeat: 7,
    r: `${rSim(false)}\nbench <- function() survfit(Surv(time, event) ~ arm, d, conf.type = "log-log")`,
  },
  {
    name: 'Cox (Efron) arm + age + sex, 100,000 subjects, weekly times (heavy ties)',
    setup: () => simulate(true),
    run: (d) => coxPH(d as ReturnType<typeof simulate>),
    repeat: 5,
    r: `${rSim(true)}\nbench <- function() coxph(Surv(time, event) ~ arm + age + sex, d, control = coxph.control(eps = 1e-12, toler.chol = 1e-14))`,
  },
  {
    name: 'KM + Cox together, 100,000 subjects, continuous times',
    setup: () => simulate(false),
    run: (d) => { const s = d as ReturnType<typeof simulate>; return [kaplanMeier(s), coxPH(s)]; },
    repeat: 5,
    targetMs: 1000,
    r: `${rSim(false)}\nbench <- function() { survfit(Surv(time, event) ~ arm, d, conf.type = "log-log"); coxph(Surv(time, event) ~ arm + age + sex, d, control = coxph.control(eps = 1e-12, toler.chol = 1e-14)) }`,
  },
  {
    name: 'log-rank + robust Cox + cox.zph + RMST + Aalen–Johansen, 100,000 subjects, weekly times',
    setup: () => simulate(true),
    run: (d) => {
      const s = d as ReturnType<typeof simulate>;
      const fit = coxPH(s, { robust: true });
      return [logRank(s), fit, coxZph(s, fit), restrictedMeanSurvival(s, { tau: 104 }), cumulativeIncidence({ time: s.time, status: s.status, eventLabels: ['job', 'education'], group: s.group })];
    },
    repeat: 3,
    r: `${rSim(true)}\nd$ev <- factor(ifelse(d$event == 1, 1 + sample(0:1, n, TRUE), 0), 0:2)
# R's robust variance is O(n²) (coxscore2): it would take many minutes at n = 100,000, so R fits the model-based variance.
bench <- function() { survdiff(Surv(time, event) ~ arm, d); f <- coxph(Surv(time, event) ~ arm + age + sex, d); cox.zph(f)
  print(survfit(Surv(time, event) ~ arm, d), rmean = 104); survfit(Surv(time, ev) ~ arm, d) }`,
  },
];
