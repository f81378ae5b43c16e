import type { Design } from '../design/model-matrix.ts';
import type { OlsFit } from '../models/ols/ols.ts';
import { nullSpaceFromQr, type LinearBasis } from './basis.ts';

/** The EMM basis of an OLS fit: residual df for every linear combination. */
export function olsBasis(fit: OlsFit, design: Design): LinearBasis {
  return {
    coefNames: fit.columnNames,
    coef: fit.coef,
    vcov: fit.vcov,
    df: () => fit.dfResidual,
    dfMethod: 'residual',
    design,
    // Full rank: no null space, and no need to build the QR of a registry-sized fit solved without one.
    nullSpace: fit.aliased.length === 0 ? [] : nullSpaceFromQr(fit.qr),
  };
}
