/**
 * The abbreviations list, per language: the catalogue's statistical and economic terms, the
 * arms' labels with their names, and each instrument's short name with its full name (from
 * results.scales), sorted alphabetically in the report's language.
 */
import type { PageModel, Section } from './model.ts';
import { para } from './model.ts';
import { renderTable, type Cell } from './tables.ts';

export function abbreviationsSection(m: PageModel): Section {
  const { ctx } = m;
  const { t, results } = ctx;
  const pairs = new Map<string, string>(Object.entries(t.msg.abbreviations));
  for (const a of ctx.arms) if (a.label !== a.name && /^[A-ZÆØÅ0-9-]{2,}$/.test(a.label)) pairs.set(a.label, a.name.replace(new RegExp(`\\s*\\(${a.label}\\)\\s*$`), ''));
  // An instrument's short name is listed where the report uses it: in an outcome's name.
  const outcomeNames = results.outcomes.map((o) => t.loc(o.name)).join(' ');
  for (const s of Object.values(results.scales ?? {})) if (outcomeNames.includes(s.instrument)) pairs.set(s.instrument, t.loc(s.name));
  if (!ctx.economics) for (const k of t.msg.economicsAbbreviations) pairs.delete(k);
  const collator = new Intl.Collator(t.lang === 'da' ? 'da-DK' : 'en-GB');
  const rows: Cell[][] = [...pairs.entries()].sort(([a], [b]) => collator.compare(a, b)).map(([k, v]) => [{ text: k, className: 'abbr' }, v]);
  return { id: 'abbreviations', title: t.msg.abbreviationsTitle, html: para(t.msg.abbreviationsIntro) + renderTable({ caption: t.msg.abbreviationsCaption, head: [t.msg.abbreviationLabel, t.msg.meaningLabel], rows, className: 'data text' }, m) };
}
