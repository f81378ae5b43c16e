/** The MMRM as an emmeans basis: coefficients, vcov and the fit's df method for each l. */
import type { Design } from '../../design/model-matrix.ts';
import type { LinearBasis } from '../../emm/basis.ts';
import { qrDecompose } from '../../linalg/qr.ts';
import { nullSpaceFromQr } from '../../emm/basis.ts';
import { mmrmDf } from './df/index.ts';
import { fittedNullSpace } from './fit.ts';
import type { MmrmDfMethod, MmrmFit } from './types.ts';

/** `design` must be the long-format design the fit was made from; `df` overrides the fit's choice. */
export function mmrmBasis(fit: MmrmFit, design: Design, df: MmrmDfMethod = fit.options.df): LinearBasis {
  return {
    coefNames: fit.columnNames,
    coef: fit.coef,
    vcov: fit.vcov,
    df: (l) => mmrmDf(fit.dfInfo, df, l),
    dfMethod: df,
    design,
    // The fit already decomposed this X (the same matrix object): reuse its null space.
    nullSpace: fittedNullSpace(design.X) ?? nullSpaceFromQr(qrDecompose(design.X)),
  };
}
