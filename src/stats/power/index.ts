export * from './types.ts';
export { planPower, designEffect, ceilSafe } from './plan.ts';
export { pwrTTest, pwrT2nTest, pwr2p2nTest, powerTTest, powerPropTest, cohensH, arcsinePower, pooledZPower, type TTestType, type PwrTResult, type PwrT2nResult, type Pwr2pResult, type PowerTResult, type PowerPropResult } from './r-mirrors.ts';
export { noncentralTSf, tTestPowerFromNcp, type PwrAlternative } from './t-power.ts';
export * from './closed-forms.ts';
export { R_UNIROOT_TOL, DEFAULT_ROOT_TOL } from './solve.ts';
