/**
 * Recognises what a file really is before parsing it, so that a PDF, an image or a zip handed
 * in as "data.csv" gets a clear error instead of a page of garbage columns.
 */
export type FileKind = 'xlsx' | 'zip' | 'pdf' | 'binary' | 'markup' | 'json' | 'text' | 'empty';

export function sniffKind(bytes: Uint8Array): FileKind {
  if (bytes.length === 0) return 'empty';
  // UTF-16 text is full of zero bytes but is text: the CSV reader names it.
  if (looksUtf16(bytes)) return 'text';
  const head = bytes.subarray(0, 8);
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) {
    const probe = new TextDecoder('latin1').decode(bytes.subarray(0, Math.min(bytes.length, 65536)));
    return probe.includes('xl/') || probe.includes('[Content_Types].xml') ? 'xlsx' : 'zip';
  }
  if (head[0] === 0x25 && head[1] === 0x50 && head[2] === 0x44 && head[3] === 0x46) return 'pdf';
  const n = Math.min(bytes.length, 8192);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    if (b === 0) return 'binary';
    if (b < 0x09 || (b > 0x0d && b < 0x20)) control++;
  }
  if (control > n * 0.01) return 'binary';
  // Text that is a document rather than a table: HTML or XML (Excel's "web page" and 2003-XML
  // exports often carry an .xls or .csv name) or JSON.
  const start = new TextDecoder('latin1').decode(bytes.subarray(0, Math.min(bytes.length, 512))).replace(/^(\xEF\xBB\xBF|\s)+/, '');
  if (/^<(\?xml|!doctype|html|table|workbook)/i.test(start)) return 'markup';
  if (/^[{[]\s*["{[]/.test(start)) return 'json';
  return 'text';
}

/** Picks `;`, `,` or tab: the candidate that splits the header into the most columns consistently over the first lines. */
export function sniffDelimiter(text: string): ',' | ';' | '\t' {
  const lines = text.split(/\r?\n/).filter((l) => l.length > 0).slice(0, 20);
  let best: ',' | ';' | '\t' = ',';
  let bestScore = -1;
  for (const d of [';', ',', '\t'] as const) {
    const counts = lines.map((l) => l.split(d).length);
    const consistent = counts.every((c) => c === counts[0]);
    const score = (consistent ? 1000 : 0) + counts[0];
    if (counts[0] > 1 && score > bestScore) {
      best = d;
      bestScore = score;
    }
  }
  return best;
}

/** UTF-16 by BOM, or by every other byte being zero over the first kilobyte of mostly-ASCII text. */
export function looksUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  const n = Math.min(bytes.length - (bytes.length % 2), 1024);
  if (n < 8) return null;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZero++;
    if (bytes[i + 1] === 0) oddZero++;
  }
  if (oddZero > 0.8 * (n / 2) && evenZero === 0) return 'utf-16le';
  if (evenZero > 0.8 * (n / 2) && oddZero === 0) return 'utf-16be';
  return null;
}

