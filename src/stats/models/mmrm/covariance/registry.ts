/** The covariance structures by id: one table, one exhaustive lookup. */
import { StatsError } from '../../../errors.ts';
import { ar1, ar1h } from './autoregressive.ts';
import { cs, csh } from './compound-symmetry.ts';
import { independence } from './independence.ts';
import { toeplitz } from './toeplitz.ts';
import type { CovarianceId, CovarianceStructure } from './types.ts';
import { unstructured } from './unstructured.ts';

export const covarianceStructures: Readonly<Record<CovarianceId, CovarianceStructure>> = { unstructured, cs, csh, ar1, ar1h, toeplitz, independence };

export function covarianceStructure(id: string): CovarianceStructure {
  const s = (covarianceStructures as Record<string, CovarianceStructure | undefined>)[id];
  if (!s) throw new StatsError('INVALID_ARGUMENT', `unknown covariance structure "${id}" (known: ${Object.keys(covarianceStructures).join(', ')})`);
  return s;
}
