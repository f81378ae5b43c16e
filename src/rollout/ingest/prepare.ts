/**
 * Reading and validating one export — everything an ingest does before it touches the store —
 * as a self-contained step that can run on a worker thread: the file's bytes, SHA-256 and
 * records, or the problem that refuses it. Errors travel as data (a worker cannot throw into the
 * main thread) and are raised again, with the same class and message, where the file is written.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { DataValidationError, type DataProblem } from '../../data/problems.ts';
import { RolloutInputError, type RolloutProblem } from '../errors.ts';
import type { Period } from '../contract/schema.ts';
import type { RolloutSpec } from '../spec/load.ts';
import { readExport, type ExportRecords } from './read-export.ts';

export interface ReadContext {
  readonly spec: RolloutSpec;
  readonly municipalities: readonly string[];
  readonly periods: readonly Period[];
}

export type PreparedError =
  | { readonly kind: 'data'; readonly problems: readonly DataProblem[]; readonly omitted: number }
  | { readonly kind: 'rollout'; readonly problems: readonly RolloutProblem[] }
  | { readonly kind: 'other'; readonly name: string; readonly message: string; readonly stack?: string };

export interface PreparedFile {
  readonly file: string;
  readonly name: string;
  /** SHA-256 of the bytes; null when the file could not be read. */
  readonly sha256: string | null;
  readonly bytes: number;
  readonly records: ExportRecords | null;
  readonly error: PreparedError | null;
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function errorAsData(e: unknown): PreparedError {
  if (e instanceof DataValidationError) return { kind: 'data', problems: e.problems, omitted: e.omitted };
  if (e instanceof RolloutInputError) return { kind: 'rollout', problems: e.problems };
  const x = e instanceof Error ? e : new Error(String(e));
  return { kind: 'other', name: x.name, message: x.message, stack: x.stack };
}

export function errorFromData(e: PreparedError): Error {
  if (e.kind === 'data') return new DataValidationError(e.problems, e.omitted);
  if (e.kind === 'rollout') return new RolloutInputError(e.problems);
  return Object.assign(new Error(e.message), { name: e.name, stack: e.stack });
}

/** Reads a file from disk; a file that cannot be read is a data problem naming it. */
export function readBytes(file: string): Uint8Array {
  try {
    return readFileSync(file);
  } catch (e) {
    throw new DataValidationError([{ file, row: null, column: null, value: null, message: `cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, allowed: 'a CSV text file or an .xlsx workbook', fix: 'check the path' }]);
  }
}

/** Reads (unless `bytes` are given) and validates one export. Never throws: problems are returned. */
export async function prepareFile(file: string, ctx: ReadContext, bytes?: Uint8Array): Promise<PreparedFile> {
  const name = basename(file);
  let b: Uint8Array;
  try {
    b = bytes ?? readBytes(file);
  } catch (e) {
    return { file, name, sha256: null, bytes: 0, records: null, error: errorAsData(e) };
  }
  const hash = sha256(b);
  try {
    return { file, name, sha256: hash, bytes: b.length, records: await readExport(b, file, ctx), error: null };
  } catch (e) {
    return { file, name, sha256: hash, bytes: b.length, records: null, error: errorAsData(e) };
  }
}
