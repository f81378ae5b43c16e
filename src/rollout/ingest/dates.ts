/**
 * Dates as municipal exports write them: ISO (2024-03-01, also what the XLSX reader gives for a
 * date cell) or Danish (01-03-2024, 01.03.2024, 1/3/2024). Returns the ISO date, or null when
 * the text is not a calendar date in an accepted form.
 */
export type DateStyle = 'auto' | 'iso' | 'danish';

function iso(y: number, m: number, d: number): string | null {
  const s = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  const t = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(t.getTime()) && t.toISOString().slice(0, 10) === s ? s : null;
}

/** Parsed dates by style and text: an export repeats each group's two dates on every row of the group. */
const memo = { auto: new Map<string, string | null>(), iso: new Map<string, string | null>(), danish: new Map<string, string | null>() };

export function parseDate(text: string, style: DateStyle): string | null {
  const m = memo[style];
  let d = m.get(text);
  if (d === undefined) {
    if (m.size > 100_000) m.clear();
    m.set(text, (d = parse(text, style)));
  }
  return d;
}

function parse(text: string, style: DateStyle): string | null {
  const t = text.trim();
  if (style !== 'danish') {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
    if (m) return iso(Number(m[1]), Number(m[2]), Number(m[3]));
  }
  if (style !== 'iso') {
    const m = /^(\d{1,2})[-./](\d{1,2})[-./](\d{4})$/.exec(t);
    if (m) return iso(Number(m[3]), Number(m[2]), Number(m[1]));
  }
  return null;
}

export function describeDateStyle(style: DateStyle): string {
  return style === 'iso' ? 'YYYY-MM-DD' : style === 'danish' ? 'DD-MM-YYYY (or DD.MM.YYYY)' : 'YYYY-MM-DD or DD-MM-YYYY';
}
