/** A plain HTML table from header and rows; cells are text (escaped) or pre-built HTML. */
import { esc } from './escape.ts';

export type Cell = string | { readonly html: string } | { readonly text: string; readonly className: string };

export interface TableSpec {
  readonly caption?: string;
  readonly head: readonly Cell[];
  readonly rows: ReadonlyArray<readonly Cell[]>;
  readonly className?: string;
  /** Rows rendered as group headings (index → true). */
  readonly groupRows?: ReadonlySet<number>;
}

function cell(tag: 'td' | 'th', c: Cell, extra = ''): string {
  if (typeof c === 'string') return `<${tag}${extra}>${esc(c)}</${tag}>`;
  if ('html' in c) return `<${tag}${extra}>${c.html}</${tag}>`;
  return `<${tag} class="${esc(c.className)}"${extra}>${esc(c.text)}</${tag}>`;
}

export function renderTable(t: TableSpec): string {
  const caption = t.caption ? `<caption>${esc(t.caption)}</caption>` : '';
  const head = `<thead><tr>${t.head.map((h) => cell('th', h, ' scope="col"')).join('')}</tr></thead>`;
  const body = t.rows
    .map((r, i) => (t.groupRows?.has(i) ? `<tr class="group">${cell('th', r[0], ` colspan="${t.head.length}" scope="rowgroup"`)}</tr>` : `<tr>${r.map((c) => cell('td', c)).join('')}</tr>`))
    .join('\n');
  return `<table class="${esc(t.className ?? 'data')}">${caption}${head}<tbody>\n${body}\n</tbody></table>`;
}

/** Key → value list (the trial facts). */
export function renderFacts(rows: ReadonlyArray<readonly [string, Cell]>): string {
  return `<table class="facts"><tbody>${rows.map(([k, v]) => `<tr>${cell('th', k, ' scope="row"')}${cell('td', v)}</tr>`).join('')}</tbody></table>`;
}
