/**
 * The registry of sub-commands. Each entry adds one command to the program; the order here is
 * the order in `effekt --help`. Registering is cheap by rule (see register.ts): heavy modules
 * are imported by a command's action, never here.
 */
import { registerEconomics } from './economics.ts';
import { registerSimulate } from './simulate.ts';
import { registerValidate } from './validate.ts';
import { registerAnalyze } from './analyze.ts';
import { registerReport } from './report.ts';
import { registerPower } from './power.ts';
import { registerSimulatePower } from './simulate-power.ts';
import { registerRollout } from './rollout.ts';
import { registerSettlementPrecision } from './settlement-precision.ts';
import { registerRun } from './run.ts';
import type { RegisterCommand } from './register.ts';

export type { RegisterCommand };

export const commands: RegisterCommand[] = [registerRun, registerValidate, registerAnalyze, registerSimulate, registerEconomics, registerReport, registerPower, registerSimulatePower, registerRollout, registerSettlementPrecision];
