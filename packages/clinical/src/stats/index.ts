/**
 * Survival and learning-curve statistics (issue 4). Pure functions, no I/O; results equal R's
 * `survival` package (3.5) where R has the method. See docs/statistics.md.
 */
export { kaplanMeier, type ConfType, type KaplanMeierOptions, type KaplanMeierResult } from './kaplan-meier.js';
export { survivalAt, restrictedMeanSurvival, type SurvivalAtResult, type RestrictedMeanResult } from './km-summary.js';
export { logRankTest, type LogRankInput, type LogRankResult, type LogRankGroup } from './log-rank.js';
export {
  coxProportionalHazards,
  type CoxInput,
  type CoxOptions,
  type CoxResult,
  type CoxCoefficient,
  type CoxTies,
  type ChiSquareTest,
} from './cox.js';
export type { ConcordanceResult } from './concordance.js';
export { dummyCode, type DummyCodeOptions } from './dummy-code.js';
export type { GroupValue } from './groups.js';
export { operativeTimeCusum, type OperativeTimeCusumResult } from './operative-time-cusum.js';
export {
  bernoulliCusum,
  riskAdjustedCusum,
  observedMinusExpected,
  type BernoulliCusumResult,
  type RiskAdjustedCusumResult,
  type ObservedMinusExpectedResult,
} from './failure-cusum.js';
export type { SurvivalData } from './validate.js';
export { statsMessages } from './messages.js';
export { wilsonInterval } from './proportion-ci.js';
