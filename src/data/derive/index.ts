export { buildPanel, panelFromMatrix, statusAt, panelWidth, NOT_OBSERVED, type RegisterPanel, type PanelRows, type PanelDeclaration } from './panel.ts';
export { registerPanelSchema, derivationSchema, checkRegisterPanel, expandCodes, derivedOutcomeKind, type Derivation, type DerivationKind, type RegisterPanelSpec, type RegisterPanelSpecInput, type SpecIssue } from './schema.ts';
export { codeMask, complement, causeTable, type CodeTable } from './masks.ts';
export { statusAtWeek, everInWindow, weeksInWindow, type Unobserved, type WeeksCount } from './window.ts';
export { firstRun, type TimeToEvent, type FirstRunOptions } from './first-run.ts';
export { attachRegisterPanel } from './attach.ts';
export { deriveOne, derivePanel, derivedColumns, derivedColumnNames, type Derived, type DerivedValues, type DerivedColumns } from './derive.ts';
