/** Options and result of an MMRM fit. */
import type { Matrix } from '../../linalg/matrix.ts';
import type { CovarianceId } from './covariance/types.ts';

export type MmrmDfMethod = 'satterthwaite' | 'residual' | 'between-within';
export type MmrmMethod = 'REML' | 'ML';

export interface MmrmOptions {
  readonly covariance?: CovarianceId;
  readonly method?: MmrmMethod;
  readonly df?: MmrmDfMethod;
}

export interface MmrmConvergence {
  readonly converged: boolean;
  /** Which attempt produced the estimate: 'bfgs', 'bfgs-diagonal-start' or 'nelder-mead'. */
  readonly optimizer: string;
  readonly iterations: number;
  /** max |∂ℓ/∂θ| at the estimate. */
  readonly gradientMax: number;
  readonly hessianPositiveDefinite: boolean;
  /** One message per failed attempt (empty when the first attempt converged). */
  readonly messages: readonly string[];
}

export interface MmrmFit {
  readonly method: 'mmrm';
  readonly options: Required<MmrmOptions>;
  readonly convergence: MmrmConvergence;
  readonly logLik: number;
  readonly AIC: number;
  readonly BIC: number;
  /** Fixed effects plus covariance parameters, as nlme counts them for AIC/BIC. */
  readonly nPar: number;
  readonly nObs: number;
  readonly nSubjects: number;
  readonly visits: readonly string[];
  readonly columnNames: readonly string[];
  /** NaN for aliased columns. */
  readonly coef: Float64Array;
  readonly se: Float64Array;
  /** (XᵀV̂⁻¹X)⁻¹; NaN rows/columns for aliased columns. */
  readonly vcov: Matrix;
  readonly aliased: readonly string[];
  readonly rank: number;
  /** Covariance parameters on the structure's unconstrained scale (one block per covariance group), for y / yScale. */
  readonly theta: Float64Array;
  /** The power of 2 near SD of the OLS residuals that they were divided by while fitting (exact; results are on y's scale). */
  readonly yScale: number;
  /** null when Σ is common to all subjects; else the grouping factor. */
  readonly covarianceGroups: { readonly name: string; readonly levels: readonly string[] } | null;
  /** Σ̂ (T × T): one, or one per covariance group in the order of its levels. */
  readonly sigma: readonly Matrix[];
  /** For the df methods: residual df, between/within split, and the Satterthwaite ingredients. */
  readonly dfInfo: MmrmDfInfo;
}

export interface MmrmDfInfo {
  readonly residual: number;
  readonly between: number;
  readonly within: number;
  /** Per column: true when constant within every subject (between-subject effect). */
  readonly betweenColumn: readonly boolean[];
  /** Estimable column indices (into the full coefficient vector). */
  readonly estimable: Int32Array;
  /** Over the estimable columns: Φ (r × r), ∂(XᵀV⁻¹X)/∂θ_k up to sign (r × r each), and A = (−∂²ℓ/∂θ²)⁻¹. */
  readonly phi: Float64Array;
  readonly dInfo: readonly Float64Array[];
  readonly thetaVcov: Float64Array | null;
}
