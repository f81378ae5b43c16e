/**
 * The values Excel saved for formula cells, read from the sheet's XML. exceljs keeps a formula's
 * cached result only when it is truthy: a formula whose saved value is 0 (or "" or FALSE) comes
 * back as { formula } with no result. This reads the <v> of every formula cell of one sheet so
 * such cells get their saved value, as Excel shows it.
 */
import JSZip from 'jszip';

const decodeXml = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

/** The sheet XML path of a worksheet by its name (workbook.xml → its relationship target). */
async function sheetPath(zip: JSZip, name: string | null): Promise<string | null> {
  const wb = await zip.file('xl/workbook.xml')?.async('string');
  const rels = await zip.file('xl/_rels/workbook.xml.rels')?.async('string');
  if (!wb || !rels) return null;
  const sheets = [...wb.matchAll(/<sheet\b([^>]*)\/?>/g)].map((m) => ({ name: decodeXml(/\bname="([^"]*)"/.exec(m[1])?.[1] ?? ''), rid: /\br:id="([^"]*)"/.exec(m[1])?.[1] ?? '' }));
  const sheet = name === null ? sheets[0] : sheets.find((s) => s.name === name);
  if (!sheet) return null;
  const rel = [...rels.matchAll(/<Relationship\b([^>]*)\/?>/g)].map((m) => m[1]).find((a) => new RegExp(`\\bId="${sheet.rid}"`).test(a));
  const target = rel ? /\bTarget="([^"]*)"/.exec(rel)?.[1] : undefined;
  if (!target) return null;
  return target.startsWith('/') ? target.slice(1) : `xl/${target}`;
}

/** Cell reference (e.g. "B7") → the saved value of its formula, as text; cells without a formula are not listed. */
export async function cachedFormulaValues(bytes: Uint8Array, sheetName: string | null): Promise<Map<string, string | null>> {
  const out = new Map<string, string | null>();
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch {
    return out;
  }
  const path = await sheetPath(zip, sheetName);
  const xml = path ? await zip.file(path)?.async('string') : undefined;
  if (!xml) return out;
  for (const m of xml.matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
    const body = m[2] ?? '';
    if (!/<f\b/.test(body)) continue;
    const ref = /\br="([A-Z]+\d+)"/.exec(m[1])?.[1];
    if (!ref) continue;
    const v = /<v>([\s\S]*?)<\/v>/.exec(body);
    const type = /\bt="([a-z]+)"/.exec(m[1])?.[1] ?? 'n';
    if (!v) out.set(ref, null);
    else if (type === 'b') out.set(ref, v[1] === '1' ? '1' : '0');
    else out.set(ref, decodeXml(v[1]));
  }
  return out;
}
