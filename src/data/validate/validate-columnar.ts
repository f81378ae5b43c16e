/**
 * validateLong's fast path: a long CSV file read straight into validated columns
 * (load/columnar-csv.ts), checked by the same rules, in one pass over its bytes and without a
 * row-of-strings table. It only ever says "valid" or "not for me": a file with any problem —
 * and any file it does not read (XLSX, wide, register panels, a line break inside quotes, other encodings) — returns
 * null, and the caller takes the general path (readDataFile + validateLong), which reports every
 * problem with its file, row, column and fix. So hostile input gets exactly the general path's
 * messages, and a valid file gets exactly its columns (test/data/columnar.test.ts compares them).
 * readLongFastOrWhere also says where it gave up (gave-up.ts), for a file too large for the
 * general path (large-file.ts).
 *
 * A large file is read in parts, one per core (split at line boundaries; the other parts on
 * worker threads, columnar-part.ts), a buffer-full at a time, and the parts are joined as one
 * pass would have read them (columnar-merge.ts): the same columns, row numbers and order.
 */
import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { threadsAvailable } from '../../stats/threads.ts';
import { extname } from 'node:path';
import { armColumn, participantRows, type TrialSpec } from '../spec/load.ts';
import { asUtf8, countRows, csvLayout, LF, type CsvLayout } from '../load/columnar-csv.ts';
import type { GaveUp } from '../load/gave-up.ts';
import { firstLineNotUtf8, type ByteRange } from '../load/line-chunks.ts';
import { sniffKind } from '../load/sniff.ts';
import { ProblemList } from '../problems.ts';
import type { ColumnRule } from './column-rules.ts';
import { readPart, type ItemSums, type PartResult, type PartSpec } from './columnar-part.ts';
import { mergeParts } from './columnar-merge.ts';
import { readFileParts, readRange } from './columnar-threads.ts';
import { checkTimeToEvent, type LongData, type TypedColumn } from './validate.ts';

export type { ItemSums } from './columnar-part.ts';

export interface FastLoad {
  readonly data: LongData;
  readonly header: readonly string[];
  /**
   * The summed groups (rules with `fold`), by group: their columns are not in `data`. A group is
   * summed only when its items stand in the file in item order, so each row's sum adds the same
   * values in the same order as a sum over the kept columns (the same bits); otherwise its
   * columns are read and kept as usual.
   */
  readonly sums: Readonly<Record<string, ItemSums>>;
}

export interface FastOptions {
  /** Parts to read the file in (default: one per core, up to 4, for files of 128 MB and more; 1 below). */
  readonly parts?: number;
  /** Bytes read at a time (tests make it small, to cross chunk ends often). */
  readonly chunk?: number;
  /** The start of the file that decides its kind and layout; a file no longer is read in memory (default 1 MB). */
  readonly head?: number;
  /** Read the other parts on worker threads (default true; false reads them here, one after the other). */
  readonly threads?: boolean;
}

/**
 * Bytes below which a file is read in one part. A worker costs CPU time the single thread does
 * not: its start (≈ 75 ms), compiling the reader again, posting the part back, the join. At 10⁵
 * participants (80 MB) that was 10–50 % more CPU for a read of about a second; at 10⁶ (807 MB)
 * about 10 % more CPU for half the wall time of a read of many seconds.
 */
const PARTS_FROM = 128 << 20;
/** The start of the file that decides its kind and layout; a file no longer is read in memory. */
const HEAD = 1 << 20;

function partsFor(size: number, options: FastOptions): number {
  if (options.parts !== undefined) return Math.max(1, Math.floor(options.parts));
  return size < PARTS_FROM ? 1 : Math.min(threadsAvailable(), 4);
}

/**
 * The part spec for `header`, or null when the fast path leaves the file to the general path:
 * a rule on the id, arm or visit column or a column named twice by rules, a duplicate or missing
 * column, more than 31 visits, a site/strata column that is not a plain rule column.
 */
export function partSpecFor(layout: CsvLayout, spec: TrialSpec, rules: readonly ColumnRule[]): PartSpec | null {
  const c = spec.columns;
  const armCol = armColumn(spec);
  const implicit = c.arm === undefined;
  const roleCols = [c.id, c.visit, ...(implicit ? [] : [armCol])];
  if (rules.some((r) => roleCols.includes(r.column)) || new Set(rules.map((r) => r.column)).size !== rules.length) return null;
  const header = layout.header;
  const index = new Map<string, number>();
  for (let j = 0; j < header.length; j++) {
    if (header[j] === '') continue;
    if (index.has(header[j])) return null; // a duplicate column name
    index.set(header[j], j);
  }
  for (const col of [...roleCols, ...rules.map((r) => r.column)]) if (!index.has(col)) return null; // a missing column
  if (spec.visits.length > 31) return null; // the visits seen per participant are bits of an Int32
  // Fold groups whose items stand in the file in item order (each item once) are summed.
  const groups = new Map<string, { item: number; at: number }[]>();
  for (const rule of rules) {
    if (rule.kind !== 'numeric' || rule.fold === undefined) continue;
    let g = groups.get(rule.fold.group);
    if (!g) groups.set(rule.fold.group, (g = []));
    g.push({ item: rule.fold.item, at: index.get(rule.column)! });
  }
  const summed: string[] = [];
  for (const [group, g] of groups) {
    g.sort((a, b) => a.item - b.item);
    if (g.every((x, k) => x.item === k && (k === 0 || x.at > g[k - 1].at))) summed.push(group);
  }
  const fixed = [c.site, ...c.strata].filter((x): x is string => x !== undefined);
  for (const f of fixed) {
    const rule = rules.find((r) => r.column === f);
    if (rule === undefined || (rule.kind === 'numeric' && (rule.typed === true || (rule.fold !== undefined && summed.includes(rule.fold.group))))) return null;
  }
  return {
    layout, idAt: index.get(c.id)!, visitAt: index.get(c.visit)!, armAt: implicit ? -1 : index.get(armCol)!,
    visits: spec.visits.map((v) => v.id), arms: spec.arms.map((a) => a.label), fixed,
    rules: rules.map((rule) => ({ rule, at: index.get(rule.column)! })), summed,
    decimal: spec.data.csv.decimal, missingValues: spec.data.missingValues,
  };
}

/** The data lines [from, to) cut into `parts` ranges at line starts (fewer when lines are long). */
function splitLines(from: number, to: number, parts: number, lfAfter: (at: number) => number): ByteRange[] {
  const ranges: ByteRange[] = [];
  let start = from;
  for (let k = 1; k < parts; k++) {
    const at = lfAfter(Math.max(start, from + Math.floor(((to - from) * k) / parts)));
    if (at < 0 || at + 1 >= to) break;
    ranges.push({ start, end: at + 1 });
    start = at + 1;
  }
  ranges.push({ start, end: to });
  return ranges;
}

const LAYOUT: GaveUp = { why: 'layout' };
const isLoad = (r: FastLoad | GaveUp): r is FastLoad => 'data' in r;

/** The parts joined and checked as one pass over the file checks it, or where not. */
function finish(parts: readonly PartResult[], partSpec: PartSpec, file: string, spec: TrialSpec, rules: readonly ColumnRule[]): FastLoad | GaveUp {
  const c = spec.columns;
  const baseline = spec.baselineVisit === undefined ? -1 : spec.visits.findIndex((v) => v.id === spec.baselineVisit);
  const implicitArm = c.arm === undefined ? spec.arms[0].label : null;
  const merged = mergeParts(parts, partSpec, implicitArm, baseline, spec.data.missingValues.length > 0);
  if ('why' in merged) return merged;
  const columns: Record<string, TypedColumn> = Object.assign(Object.create(null) as Record<string, TypedColumn>, { [c.id]: merged.ids, [armColumn(spec)]: merged.arms, [c.visit]: merged.visits });
  for (const rule of rules) if (rule.column in merged.out) columns[rule.column] = merged.out[rule.column];
  const problems = new ProblemList();
  checkTimeToEvent(spec, { file, rowNumbers: merged.rowNumbers }, columns, merged.ids, problems);
  // These are the general path's own words (the same check on the same columns and rows).
  if (problems.count > 0) return { why: 'problems', problems: problems.items, omitted: problems.omitted };
  return { data: { file, n: merged.n, columns, rowNumbers: merged.rowNumbers, firstRows: merged.firstRows }, header: partSpec.layout.header, sums: merged.sums };
}

/** Reads and validates `file` by the fast path, or returns null (then use the general path). */
export async function readLongFast(file: string, spec: TrialSpec, rules: readonly ColumnRule[], options: FastOptions = {}): Promise<FastLoad | null> {
  const read = await readLongFastOrWhere(file, spec, rules, options);
  return isLoad(read) ? read : null;
}

/** readLongFast, saying where it gave up instead of null. */
export async function readLongFastOrWhere(file: string, spec: TrialSpec, rules: readonly ColumnRule[], options: FastOptions = {}): Promise<FastLoad | GaveUp> {
  if (participantRows(spec) || spec.registerPanel !== undefined || extname(file).toLowerCase() === '.xlsx') return LAYOUT;
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return LAYOUT; // the general path words the error
  }
  let head: Buffer;
  let size: number;
  try {
    size = fstatSync(fd).size;
    head = Buffer.allocUnsafe(Math.min(size, options.head ?? HEAD));
    head = head.subarray(0, readSync(fd, head, 0, head.length, 0));
  } catch {
    closeSync(fd);
    return LAYOUT;
  }
  const lfAfter = (at: number) => {
    const probe = Buffer.allocUnsafe(64 << 10);
    for (let p = at; p < size; p += probe.length) {
      const got = readSync(fd, probe, 0, probe.length, p);
      const k = probe.subarray(0, got).indexOf(LF);
      if (k >= 0) return p + k;
      if (got === 0) break;
    }
    return -1;
  };
  let ranges: ByteRange[];
  let layout: CsvLayout | null | 'more';
  try {
    if (sniffKind(head) !== 'text') return LAYOUT;
    if (head.length === size) return validateBytesOrWhere(head, file, spec, rules); // a small file: in memory
    layout = csvLayout(head, false, spec.data.csv.delimiter);
    if (layout === null) return LAYOUT;
    if (layout === 'more') return validateBytesOrWhere(readFileSync(file), file, spec, rules); // a first line longer than the head: read whole
    ranges = splitLines(layout.dataStart, size, partsFor(size, options), lfAfter);
  } finally {
    closeSync(fd);
  }
  const partSpec = partSpecFor(layout, spec, rules);
  if (partSpec === null) return LAYOUT;
  // Room for each part's rows at first, from the head's bytes per line (more is made as needed; a little to spare is cut off when joined).
  const headLines = countRows({ buf: head, start: layout.dataStart, end: head.lastIndexOf(LF) + 1 }, layout.crlf);
  const perLine = headLines > 0 ? (head.lastIndexOf(LF) + 1 - layout.dataStart) / headLines : 64;
  const encoding = spec.data.csv.encoding;
  const jobs = ranges.map((range) => ({ file, range, spec: partSpec, encoding, capacity: Math.ceil((1.05 * (range.end - range.start)) / perLine) + 64, chunk: options.chunk }));
  const read = jobs.length === 1 ? ((r) => (typeof r === 'string' || !('rowLines' in r) ? r : [r]))(readRange(jobs[0])) : await readFileParts(jobs, options.threads !== false);
  // A file the chunks cannot decide on (not UTF-8 under "auto", non-ASCII under "windows-1252") is read whole and decoded as before.
  if (read === 'whole') return validateBytesOrWhere(readFileSync(file), file, spec, rules);
  if (!Array.isArray(read)) return read;
  if (read.reduce((s, p) => s + p.n, 0) === 0) return LAYOUT;
  return finish(read, partSpec, file, spec, rules);
}

/** The fast path on a file's bytes in memory (read in `options.parts` parts, one after the other: 1 by default). */
export function validateBytes(bytes: Uint8Array, file: string, spec: TrialSpec, rules: readonly ColumnRule[], options: FastOptions = {}): FastLoad | null {
  const read = validateBytesOrWhere(bytes, file, spec, rules, options);
  return isLoad(read) ? read : null;
}

/** validateBytes, saying where it gave up instead of null. */
export function validateBytesOrWhere(bytes: Uint8Array, file: string, spec: TrialSpec, rules: readonly ColumnRule[], options: FastOptions = {}): FastLoad | GaveUp {
  const given = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const buf = asUtf8(given, spec.data.csv.encoding);
  if (buf === null) {
    // Declared UTF-8 and not: the general reader names the first line that is not.
    const bad = spec.data.csv.encoding === 'utf-8' ? firstLineNotUtf8(given, 0, given.length) : -1;
    return bad >= 0 ? { why: 'line', offset: bad } : LAYOUT;
  }
  const layout = csvLayout(buf, true, spec.data.csv.delimiter);
  if (layout === null || layout === 'more') return LAYOUT;
  const partSpec = partSpecFor(layout, spec, rules);
  if (partSpec === null) return LAYOUT;
  const ranges = splitLines(layout.dataStart, buf.length, options.parts ?? 1, (at) => buf.indexOf(LF, at));
  // Byte offsets are the file's only when the bytes were not transcoded.
  const chunks = ranges.map((r) => ({ buf, start: r.start, end: r.end, at: buf === given ? 0 : undefined }));
  const rows = chunks.map((ch) => countRows(ch, layout.crlf));
  if (rows.reduce((s, x) => s + x, 0) === 0) return LAYOUT;
  const parts: PartResult[] = [];
  const gave: { at?: GaveUp } = {};
  for (let k = 0; k < chunks.length; k++) {
    const part = readPart([chunks[k]], rows[k], partSpec, gave);
    if (part === null) {
      const g = gave.at ?? LAYOUT;
      // Transcoded bytes have no offsets in the file, but the same lines: one part's line is the file's row.
      return g.offset === undefined && g.line !== undefined && chunks.length === 1 ? { ...g, row: layout.headerLine + g.line } : g;
    }
    parts.push(part);
  }
  return finish(parts, partSpec, file, spec, rules);
}
