/**
 * The settlement as issued: a plain JSON object, stored whole in the store (settlements.result_json)
 * and the only input of the notes, so re-rendering an issued settlement gives the same bytes.
 * Exact counts (payment needs them); confidential; aggregates only — the citizens each figure
 * counted stay in the store (settlement_items) and are named here only by a digest.
 */
import type { EngineLine, EngineState } from './engine.ts';
import type { InvestorAccount, MunicipalCase } from './investor.ts';
import type { ResolvedCounterfactual } from '../contract/load.ts';

export const SETTLEMENT_SCHEMA_VERSION = '1.0.0';

export interface SettlementGroupCount {
  readonly group: string;
  /** Other municipalities also had citizens in this group. */
  readonly shared: boolean;
  readonly citizens: number;
  readonly achieved: number;
}

export interface SettlementLine extends EngineLine {
  readonly notAchieved: { readonly measured: number; readonly missingFollowUp: number; readonly missingBaseline: number };
  readonly byGroup: readonly SettlementGroupCount[];
  /** SHA-256 of the sorted "pid,group,reason" lines this figure counted (settlement_items). */
  readonly itemsDigest: string;
}

export interface SettlementMunicipality {
  readonly id: string;
  readonly code: string | null;
  readonly citizens: number;
  readonly groups: number;
  readonly sharedGroups: number;
  readonly lines: readonly SettlementLine[];
  readonly metricsSum: number;
  readonly capReduction: number;
  readonly floorTopUp: number;
  readonly payment: number;
  readonly paidBefore: number;
  readonly paidAfter: number;
  /** What this version changes against the version it supersedes: payment now due (may be negative: to be offset). */
  readonly previousPayment: number | null;
  readonly difference: number | null;
  /** The superseded version's lines, for the difference table. */
  readonly previousLines: ReadonlyArray<{ readonly metric: string; readonly citizens: number; readonly achieved: number; readonly payment: number }> | null;
  readonly state: EngineState;
  readonly investor: InvestorAccount;
  readonly businessCase: MunicipalCase | null;
}

export interface SettlementIngest {
  readonly id: number;
  readonly file: string;
  readonly sha256: string;
}

export interface SettlementCause {
  readonly kind: 'first' | 'correction';
  /** Files ingested since the superseded version that added or changed rows of this period's cohort. */
  readonly ingests: ReadonlyArray<SettlementIngest & { readonly rowsAdded: number; readonly rowsChanged: number; readonly fieldsChanged: number }>;
  /** Earlier periods whose settlement changed since (a new carry-in or paid-to-date). */
  readonly earlierPeriodsResettled: ReadonlyArray<{ readonly period: string; readonly version: number }>;
  readonly contractChanged: boolean;
}

export interface SettlementResult {
  readonly schemaVersion: string;
  readonly software: { readonly name: 'effekt'; readonly version: string };
  readonly settlementId: string;
  readonly version: number;
  readonly issuedDate: string;
  readonly supersedes: { readonly settlementId: string; readonly issuedDate: string } | null;
  readonly period: { readonly id: string; readonly from: string; readonly to: string; readonly final: boolean; readonly index: number };
  readonly contract: {
    readonly id: string;
    readonly title: { readonly da: string; readonly en: string };
    readonly file: string;
    readonly sha256: string;
    readonly synthetic: boolean;
    readonly parties: { readonly fund: string; readonly partnership: string; readonly agency: string };
    readonly counterfactualBound: 'estimate' | 'upper-confidence-limit';
    readonly carryOver: 'deficit' | 'none';
    readonly limits: { readonly floor: number; readonly cap: number | null };
    readonly trial: { readonly id: string; readonly resultsFile: string; readonly resultsSha256: string };
  };
  readonly metrics: ReadonlyArray<{
    readonly id: string;
    readonly name: { readonly da: string; readonly en: string };
    readonly definition: { readonly da: string; readonly en: string };
    readonly pricePerOutcome: number;
    readonly floor: number;
    readonly cap: number | null;
    readonly counterfactual: ResolvedCounterfactual;
    readonly counterfactualUsed: number;
  }>;
  readonly cause: SettlementCause;
  /** Every ingested file whose rows this settlement counted, and the digest of all items. */
  readonly inputs: { readonly lastIngest: number; readonly ingests: readonly SettlementIngest[]; readonly dataDigest: string; readonly earlierSettlements: readonly string[] };
  readonly municipalities: readonly SettlementMunicipality[];
  readonly totals: { readonly citizens: number; readonly payment: number; readonly previousPayment: number | null; readonly difference: number | null };
  readonly investor: InvestorAccount;
  readonly businessCase: MunicipalCase | null;
}
