/**
 * Text cells of the fast CSV reader (columnar-csv.ts) by their bytes: a column's recent values,
 * so a repeated value costs a byte compare, not a string.
 */
import { unquote } from './quoted-cells.ts';

const QUOTE = 0x22;

/**
 * A few recent distinct values of a text column with their codes, each kept as a copy of its
 * bytes (a chunk's buffer is reused for the next): a repeat costs a byte compare, not a string
 * nor a lookup. The last value found is tried first — a participant's rows, a visit's block.
 */
export class RecentText {
  private store = new Uint8Array(0);
  private width = 0;
  private readonly len: number[] = [];
  private readonly code: number[] = [];
  private last = 0;
  private next = 0;
  constructor(private readonly intern: (text: string) => number, private readonly size = 16) {}
  private same(k: number, buf: Buffer, s: number, len: number): boolean {
    if (this.len[k] !== len) return false;
    const store = this.store;
    const a = k * this.width;
    // The last byte first: identifiers of one width differ at their end.
    if (len > 0 && store[a + len - 1] !== buf[s + len - 1]) return false;
    for (let q = 0; q < len; q++) if (store[a + q] !== buf[s + q]) return false;
    return true;
  }
  /**
   * The last value's code when the cell at `s` is it — its bytes, then the delimiter or the
   * line's end — else −3. The first delimiter after `s` is then just after them (a value holds
   * none), so the cell is found without scanning it first. lastLen() is its length.
   */
  lastAt(buf: Buffer, s: number, lineEnd: number, delimiter: number): number {
    const k = this.last;
    const len = this.len[k];
    if (len === undefined) return -3;
    const e = s + len;
    if (e > lineEnd || (e < lineEnd && buf[e] !== delimiter)) return -3;
    return this.same(k, buf, s, len) ? this.code[k] : -3;
  }
  lastLen(): number {
    return this.len[this.last];
  }
  get(buf: Buffer, s: number, e: number): number {
    const len = e - s;
    const n = this.len.length;
    if (n > 0 && this.same(this.last, buf, s, len)) return this.code[this.last];
    for (let k = 0; k < n; k++) {
      if (k !== this.last && this.same(k, buf, s, len)) {
        this.last = k;
        return this.code[k];
      }
    }
    // A quoted cell is remembered by its bytes, quotes and all: the same bytes are the same text.
    const c = this.intern((buf[s] === QUOTE ? unquote(buf, s, e) : buf.toString('utf8', s, e)).trim());
    if (c === -2) return c;
    if (len > this.width) {
      // Widen every slot (rare: the widest value so far sets the width).
      const width = Math.max(len, 2 * this.width, 16);
      const store = new Uint8Array(width * this.size);
      for (let k = 0; k < n; k++) store.set(this.store.subarray(k * this.width, k * this.width + this.len[k]), k * width);
      this.store = store;
      this.width = width;
    }
    let k: number;
    if (n < this.size) k = n;
    else {
      k = this.next;
      this.next = (this.next + 1) % this.size;
    }
    const store = this.store;
    const a = k * this.width;
    for (let q = 0; q < len; q++) store[a + q] = buf[s + q]; // (a loop: a subarray would make a Buffer object per value)
    this.len[k] = len;
    this.code[k] = c;
    this.last = k;
    return c;
  }
}
