/**
 * The roll-out export spec: the cohort (a trial spec with one arm and no control — the same
 * schema, loader, validator and messages as a trial) plus the columns a roll-out needs beyond a
 * trial: the course group, its start and end dates, and which count outcomes are register data
 * (psychiatric contacts). The municipality is the cohort's site column.
 */
import { z } from 'zod';

export const rolloutSpecSchema = z
  .object({
    $schema: z.string().optional(),
    /** The cohort: a single-arm trial spec (object), or a path to one relative to this file. */
    cohort: z.union([z.string().min(1), z.record(z.string(), z.unknown())]),
    columns: z
      .object({
        /** Course group id; a group may hold citizens of several municipalities. */
        group: z.string().min(1),
        /** First and last session of the group. A group belongs to the payment period holding its end date. */
        groupStart: z.string().min(1),
        groupEnd: z.string().min(1),
      })
      .strict(),
    /** How dates are written: "auto" takes YYYY-MM-DD and the Danish DD-MM-YYYY / DD.MM.YYYY. */
    dates: z.enum(['auto', 'iso', 'danish']).default('auto'),
    /** Count outcomes of the cohort that come from registers (kept in the register-contacts table): outcome id → what the count covers at each visit. */
    registers: z
      .array(
        z
          .object({
            outcome: z.string().min(1),
            windows: z.record(z.string(), z.object({ da: z.string().min(1), en: z.string().min(1) }).strict()),
          })
          .strict(),
      )
      .default([]),
  })
  .strict();

export type RolloutSpecParsed = z.output<typeof rolloutSpecSchema>;

export function rolloutSpecJsonSchema(): unknown {
  return z.toJSONSchema(rolloutSpecSchema, { io: 'input' });
}
