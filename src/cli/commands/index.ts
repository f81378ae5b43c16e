/**
 * The registry of sub-commands. Each entry adds one command to the program; the order here is
 * the order in `effekt --help`.
 */
import type { Command } from 'commander';
import { registerEconomics } from './economics.ts';
import { registerSimulate } from './simulate.ts';
import { registerValidate } from './validate.ts';
import { registerAnalyze } from './analyze.ts';
import { registerReport } from './report.ts';
import { registerPower } from './power.ts';
import { registerSimulatePower } from './simulate-power.ts';
import { registerRollout } from './rollout.ts';
import { registerSettlementPrecision } from './settlement-precision.ts';

export type RegisterCommand = (program: Command) => void;

export const commands: RegisterCommand[] = [registerValidate, registerAnalyze, registerSimulate, registerEconomics, registerReport, registerPower, registerSimulatePower, registerRollout, registerSettlementPrecision];
