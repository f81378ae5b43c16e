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
    nullSpace: nullSpaceFromQr(fit.qr),
  };
}
