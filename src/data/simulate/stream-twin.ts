/**
 * A simulated cohort written as it is generated, for registry sizes (`effekt simulate
 * --participants 2000000`): the same bytes as generate() in write-twin.ts, in memory that grows
 * by a few bytes per participant, not by the rows. The file lists participants by identifier,
 * and identifiers are a shuffle of the generation order, so each participant's rows are written
 * once to a scratch file next to the output (in generation order) and then copied out in
 * identifier order (one positioned read per participant, from the page cache).
 */
import { closeSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { formatCell } from '../write/csv.ts';
import { header, participantRows } from './layout.ts';
import { identifierRanks, idWidth, simulateParticipants, type SimVisit } from './simulate.ts';
import { scaleModels } from './scales.ts';
import type { DatasetRecipe } from './write-twin.ts';

/** Can this recipe be streamed? (The Windows-1252 excerpt is 20 participants: generate() writes it.) */
export function streamable(r: DatasetRecipe): boolean {
  return r.take === null && r.dialect.encoding === 'utf-8';
}

/** Bytes out in chunks of about this size. */
const CHUNK = 1 << 20;

class ChunkWriter {
  private buf = Buffer.allocUnsafe(CHUNK);
  private used = 0;
  constructor(private readonly write: (bytes: Uint8Array) => void) {}
  text(s: string): void {
    if (s.length * 3 > CHUNK - this.used) this.flush();
    if (s.length * 3 > CHUNK) return void this.write(Buffer.from(s, 'utf8'));
    this.used += this.buf.write(s, this.used, 'utf8');
  }
  bytes(b: Uint8Array): void {
    if (b.length > CHUNK - this.used) this.flush();
    if (b.length > CHUNK) return void this.write(b);
    this.buf.set(b, this.used);
    this.used += b.length;
  }
  flush(): void {
    if (this.used > 0) this.write(this.buf.subarray(0, this.used));
    this.buf = Buffer.allocUnsafe(CHUNK); // the writer may keep the bytes it was given
    this.used = 0;
  }
}

export interface StreamedTwin {
  readonly written: number;
  readonly intervention: number;
  readonly control: number;
  readonly seed: number;
}

/** Writes the recipe's CSV through `write`, using `scratch` (a new file path) for the shuffle; removes it. */
export function streamTwin(r: DatasetRecipe, write: (bytes: Uint8Array) => void, scratch: string): StreamedTwin {
  if (!streamable(r)) throw new RangeError('this recipe is not streamable; use generate()');
  const o = r.options;
  const n = o.sites.reduce((a, s) => a + s.n, 0);
  const ranks = identifierRanks(o, n);
  const width = idWidth(n);
  const d = r.dialect;
  const line = (cells: readonly (string | number | null)[]) => cells.map((v) => formatCell(v, d)).join(d.delimiter) + d.eol;
  // One row's text: its leading cells as formatCell writes them, then the item values (whole
  // numbers or blank: nothing to quote) without building the row's array of ~100 cells.
  const rowText = (lead: readonly (string | number | null)[], items: SimVisit['items']): string => {
    let s = lead.map((v) => formatCell(v, d)).join(d.delimiter);
    for (const m of scaleModels) for (const x of items[m.key]) s += x === null ? d.delimiter : Number.isInteger(x) ? d.delimiter + x : d.delimiter + formatCell(x, d);
    return s + d.eol;
  };
  // Where each participant's rows start in the scratch file (generation order); one more for the end.
  const offset = new Float64Array(n + 1);
  let intervention = 0;
  const fd = openSync(scratch, 'wx+');
  try {
    let at = 0;
    const spill = new ChunkWriter((b) => {
      let off = 0;
      while (off < b.length) off += writeSync(fd, b, off, b.length - off, at + off);
      at += b.length;
    });
    let size = 0;
    let i = 0;
    for (const p0 of simulateParticipants(o)) {
      const p = { ...p0, id: `P${String(ranks[i] + 1).padStart(width, '0')}` };
      if (p.intervention) intervention++;
      let text = '';
      const rows = participantRows(p, { layout: r.layout, decimalAge: r.decimalAge, itemsApart: true });
      for (let v = 0; v < rows.length; v++) text += rowText(rows[v], p.visits[v].items);
      offset[i] = size;
      size += Buffer.byteLength(text, 'utf8');
      spill.text(text);
      i++;
    }
    offset[n] = size;
    spill.flush();
    // Identifier order: the participant of rank k is the one generated at position[k].
    const position = new Int32Array(n);
    for (let k = 0; k < n; k++) position[ranks[k]] = k;
    const out = new ChunkWriter(write);
    if (d.bom) out.bytes(Uint8Array.of(0xef, 0xbb, 0xbf));
    out.text(line(header(r.layout)));
    const one = Buffer.allocUnsafe(64 * 1024);
    for (let k = 0; k < n; k++) {
      const g = position[k];
      const from = offset[g];
      const len = offset[g + 1] - from;
      const b = len <= one.length ? one : Buffer.allocUnsafe(len);
      let got = 0;
      while (got < len) got += readSync(fd, b, got, len - got, from + got);
      out.bytes(b.subarray(0, len));
    }
    out.flush();
  } finally {
    closeSync(fd);
    rmSync(scratch, { force: true });
  }
  return { written: n, intervention, control: n - intervention, seed: o.seed };
}
