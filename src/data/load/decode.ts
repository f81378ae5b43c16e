/**
 * Bytes → text for CSV files, by the spec's data.csv.encoding:
 *   "auto" (the default): UTF-8 (with or without BOM) when the bytes are valid UTF-8, else
 *     Windows-1252 (what Danish Excel writes for "CSV (semikolonsepareret)");
 *   "utf-8": the bytes must be UTF-8 — otherwise the first bad byte is named, with the fix;
 *   "windows-1252": refused when the bytes are in fact UTF-8 with non-ASCII letters (they would
 *     silently become "KÃ¸benhavn").
 * UTF-16 is recognised by its byte-order mark or its zero bytes and named, not guessed at.
 */
import { decodeWindows1252 } from './cp1252.ts';
import { DataValidationError } from '../problems.ts';
import { looksUtf16, sniffDelimiter } from './sniff.ts';

export type Encoding = 'auto' | 'utf-8' | 'windows-1252';

export interface Decoded {
  readonly text: string;
  /** What the bytes were read as. */
  readonly encoding: 'utf-8' | 'windows-1252';
}

function strictUtf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return null;
  }
}

/** Where the first byte that is not UTF-8 sits: its line, the header name of its cell, and that cell read as Windows-1252. */
function firstInvalid(bytes: Uint8Array): { row: number | null; column: string | null; value: string | null } {
  const text = new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '');
  const k = text.indexOf('\uFFFD');
  if (k < 0) return { row: null, column: null, value: null };
  const lines = text.split(/\r?\n/);
  const row = text.slice(0, k).split('\n').length;
  const delimiter = sniffDelimiter(text);
  // Quotes are ignored here: this only points the user at the cell, it does not parse the file.
  const lineStart = text.lastIndexOf('\n', k - 1) + 1;
  const cell = text.slice(lineStart, k).split(delimiter).length - 1;
  const column = row > 1 ? (lines[0].split(delimiter)[cell]?.trim() ?? null) : null;
  const latin = decodeWindows1252(bytes).split(/\r?\n/);
  const raw = latin[row - 1]?.split(delimiter)[cell] ?? null;
  return { row, column, value: raw === null ? null : raw.trim() };
}

/** The first line holding a non-ASCII letter, as UTF-8 and as Windows-1252 would show it. */
function firstNonAscii(text: string): { row: number; utf8: string; latin: string } | null {
  const k = text.search(/[^\x00-\x7f]/);
  if (k < 0) return null;
  const row = text.slice(0, k).split('\n').length;
  const start = text.lastIndexOf('\n', k - 1) + 1;
  const word = /[^\s,;"]*$/.exec(text.slice(start, k))![0] + /^[^\s,;"]*/.exec(text.slice(k))![0];
  const latin = decodeWindows1252(new TextEncoder().encode(word));
  return { row, utf8: word, latin };
}

export function decodeCsv(bytes: Uint8Array, file: string, encoding: Encoding): Decoded {
  const wide = looksUtf16(bytes);
  if (wide) {
    throw new DataValidationError([{ file, row: null, column: null, value: null, message: `the file is ${wide.toUpperCase()} text (Excel's "Unicode Text" export), not UTF-8 or Windows-1252`, allowed: 'UTF-8 (with or without BOM) or Windows-1252 text', fix: 'save it from Excel as "CSV UTF-8 (kommasepareret)" or as .xlsx' }]);
  }
  const utf8 = strictUtf8(bytes);
  if (encoding === 'windows-1252') {
    const hit = utf8 === null ? null : firstNonAscii(utf8);
    if (hit) {
      throw new DataValidationError([{ file, row: hit.row, column: null, value: hit.utf8, message: `the spec declares data.csv.encoding "windows-1252" but the file is UTF-8: "${hit.utf8}" would be read as "${hit.latin}"`, allowed: 'bytes in the declared encoding', fix: 'set data.csv.encoding to "utf-8" (or "auto") in the spec' }]);
    }
    return { text: decodeWindows1252(bytes), encoding: 'windows-1252' };
  }
  if (utf8 !== null) return { text: utf8, encoding: 'utf-8' };
  if (encoding === 'auto') return { text: decodeWindows1252(bytes), encoding: 'windows-1252' };
  const at = firstInvalid(bytes);
  throw new DataValidationError([
    { file, row: at.row, column: at.column, value: at.value, message: 'the spec declares data.csv.encoding "utf-8" but the file is not valid UTF-8 text (it looks like Windows-1252, as Danish Excel saves "CSV (semikolonsepareret)")', allowed: 'UTF-8 text', fix: 'set data.csv.encoding to "windows-1252" (or "auto") in the spec, or save the file as "CSV UTF-8"' },
  ]);
}
