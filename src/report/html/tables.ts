/**
 * A plain HTML table from header and rows; cells are text (escaped) or built from escaped
 * parts. Every table sits in a scroll wrapper (a phone scrolls the table, never the page), has a
 * numbered caption above it, and wraps its headers; numbers never break inside.
 */
import { esc } from './escape.ts';
import type { PageModel } from './model.ts';
import { tableLabel } from './model.ts';

export type Cell = string | { readonly html: string; readonly className?: string } | { readonly text: string; readonly className: string };

export interface TableSpec {
  /** Caption text (numbered "Table N." when a page model is given). */
  readonly caption?: string;
  readonly head: readonly Cell[];
  readonly rows: ReadonlyArray<readonly Cell[]>;
  readonly className?: string;
  /** Rows rendered as group headings (index → true). */
  readonly groupRows?: ReadonlySet<number>;
}

/** The plain text of a header cell (for data-label: a phone shows it before each value of a text table). */
function headText(c: Cell): string {
  return typeof c === 'string' ? c : 'text' in c ? c.text : '';
}

function cell(tag: 'td' | 'th', c: Cell, extra = ''): string {
  if (typeof c === 'string') return `<${tag}${extra}>${esc(c)}</${tag}>`;
  if ('html' in c) return `<${tag}${c.className ? ` class="${esc(c.className)}"` : ''}${extra}>${c.html}</${tag}>`;
  return `<${tag} class="${esc(c.className)}"${extra}>${esc(c.text)}</${tag}>`;
}

export const num = (text: string): Cell => ({ text, className: 'num' });

/** An estimate with its interval under it: compact columns that fit an A4 page and a phone. */
export function estCi(estimate: string, interval: string | null): { readonly html: string; readonly className: string } {
  return { html: interval === null ? esc(estimate) : `${esc(estimate)}<span class="ci">(${esc(interval)})</span>`, className: 'num' };
}

/** Text with a second, smaller line (a definition under an outcome name). */
export function twoLines(main: string, sub: string | null): Cell {
  return { html: sub ? `${esc(main)}<span class="sub">${esc(sub)}</span>` : esc(main) };
}

export function renderTable(t: TableSpec, m?: PageModel): string {
  const label = m && t.caption ? `<strong>${esc(tableLabel(m))}</strong> ` : '';
  const caption = t.caption ? `<caption>${label}${esc(t.caption)}</caption>` : '';
  const head = `<thead><tr>${t.head.map((h) => cell('th', h, ' scope="col"')).join('')}</tr></thead>`;
  const body = t.rows
    .map((r, i) => (t.groupRows?.has(i) ? `<tr class="group">${cell('th', r[0], ` colspan="${t.head.length}" scope="rowgroup"`)}</tr>` : `<tr>${r.map((c, j) => cell('td', c, t.head[j] && headText(t.head[j]) ? ` data-label="${esc(headText(t.head[j]))}"` : '')).join('')}</tr>`))
    .join('\n');
  return `<div class="table-wrap"><table class="${esc(t.className ?? 'data')}">${caption}${head}<tbody>\n${body}\n</tbody></table></div>`;
}

/** Key → value list (the trial facts). */
export function renderFacts(rows: ReadonlyArray<readonly [string, Cell]>, caption?: string, m?: PageModel): string {
  const label = m && caption ? `<strong>${esc(tableLabel(m))}</strong> ` : '';
  const cap = caption ? `<caption>${label}${esc(caption)}</caption>` : '';
  return `<div class="table-wrap"><table class="facts">${cap}<tbody>${rows.map(([k, v]) => `<tr>${cell('th', k, ' scope="row"')}${cell('td', v)}</tr>`).join('')}</tbody></table></div>`;
}
