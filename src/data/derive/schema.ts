/**
 * Register panels and their derivations, declared in the trial spec (docs/register-panels.md).
 * A panel names the columns of a long person × week file and its status codes, optionally
 * grouped (e.g. "benefits"); each derivation is one of a few kinds, each implemented once:
 *
 *   status-at       binary  — in one of the codes at week w
 *   ever-in         binary  — in one of the codes in any week of [from, to]
 *   weeks-in        count   — weeks in the codes within [from, to]
 *   time-to-first   time-to-event — weeks from the origin to the first week in the codes
 *   time-to-leave   time-to-event — weeks from the origin to the first week outside the codes
 *   competing-first time-to-event with causes — weeks to the first week in any cause's codes, and which
 *
 * Each derivation becomes participant-level columns named after its id, which outcomes then use
 * like any other column (binary: "1"/"0"; count: a number; time-to-event: `<id>_weeks` and
 * `<id>_event`, whose levels are "censored" and the event or cause ids).
 */
import { z } from 'zod';

const week = z.number().int();
const codeList = z.array(z.string().min(1)).min(1);
const id = z.string().min(1).regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'a derivation id is a column name: letters, digits and "_", not starting with a digit');

/** What an unobserved week (no register row: before the panel starts, after death or emigration, a gap) counts as. */
const unobserved = z.enum(['missing', 'not-in']).default('missing');

/** A run of this many consecutive observed weeks is needed for a start to count (1 = any single week). */
const sustained = z.number().int().min(1).max(520).default(1);

export const derivationSchema = z.discriminatedUnion('kind', [
  z.object({ id, kind: z.literal('status-at'), week, codes: codeList, unobserved }).strict(),
  z.object({ id, kind: z.literal('ever-in'), from: week, to: week, codes: codeList, unobserved }).strict(),
  z.object({ id, kind: z.literal('weeks-in'), from: week, to: week, codes: codeList, unobserved }).strict(),
  z.object({ id, kind: z.literal('time-to-first'), origin: week.optional(), to: week.optional(), codes: codeList, sustained }).strict(),
  z.object({ id, kind: z.literal('time-to-leave'), origin: week.optional(), to: week.optional(), codes: codeList, sustained }).strict(),
  z
    .object({
      id,
      kind: z.literal('competing-first'),
      origin: week.optional(),
      to: week.optional(),
      causes: z.array(z.object({ id, codes: codeList }).strict()).min(2),
      sustained,
    })
    .strict(),
]);

export const registerPanelSchema = z
  .object({
    /** Columns of the long file: participant id (default: the trial's id column), week number and status code. */
    columns: z.object({ id: z.string().min(1).optional(), week: z.string().min(1), status: z.string().min(1) }).strict(),
    /** A separate file (path relative to the spec); default: the trial's data file itself. */
    file: z.string().min(1).optional(),
    /** The weeks the panel covers; week `firstWeek` is the origin (randomisation) unless a derivation says otherwise. */
    weeks: z.object({ first: week, last: week }).strict(),
    /** Every status code the file may hold; any other value is an error. */
    codes: z.array(z.string().min(1)).min(1).max(254),
    /** Named sets of codes, usable wherever a derivation lists codes. */
    groups: z.record(z.string().min(1), codeList).optional(),
    derive: z.array(derivationSchema).min(1),
  })
  .strict();

export type Derivation = z.output<typeof derivationSchema>;
export type DerivationKind = Derivation['kind'];
export type RegisterPanelSpec = z.output<typeof registerPanelSchema>;
export type RegisterPanelSpecInput = z.input<typeof registerPanelSchema>;

/** The kind of outcome a derivation yields. */
export function derivedOutcomeKind(d: Derivation): 'binary' | 'count' | 'time-to-event' {
  switch (d.kind) {
    case 'status-at':
    case 'ever-in':
      return 'binary';
    case 'weeks-in':
      return 'count';
    case 'time-to-first':
    case 'time-to-leave':
    case 'competing-first':
      return 'time-to-event';
  }
}

export interface SpecIssue {
  readonly path: string;
  readonly message: string;
  readonly fix: string;
}

/** Cross-field checks zod cannot make alone: codes and groups known, weeks inside the panel, causes disjoint, ids unique. */
export function checkRegisterPanel(p: RegisterPanelSpec, basePath = 'registerPanel'): SpecIssue[] {
  const issues: SpecIssue[] = [];
  const codes = new Set(p.codes);
  const dup = p.codes.filter((c, i) => p.codes.indexOf(c) !== i);
  if (dup.length) issues.push({ path: `${basePath}.codes`, message: `code(s) listed twice: ${[...new Set(dup)].join(', ')}`, fix: 'list each code once' });
  if (p.weeks.first > p.weeks.last) issues.push({ path: `${basePath}.weeks`, message: `first week ${p.weeks.first} is after the last ${p.weeks.last}`, fix: 'give first ≤ last' });
  for (const [g, members] of Object.entries(p.groups ?? {})) {
    if (codes.has(g)) issues.push({ path: `${basePath}.groups.${g}`, message: `the group "${g}" has the name of a code`, fix: 'give the group a name that is not a code' });
    for (const m of members) if (!codes.has(m)) issues.push({ path: `${basePath}.groups.${g}`, message: `"${m}" is not a declared code`, fix: `use codes from ${basePath}.codes: ${p.codes.join(', ')}` });
  }
  const known = (c: string) => codes.has(c) || Object.hasOwn(p.groups ?? {}, c);
  const checkCodes = (list: readonly string[], path: string) => {
    for (const c of list) if (!known(c)) issues.push({ path, message: `"${c}" is neither a declared code nor a group`, fix: `use one of: ${[...p.codes, ...Object.keys(p.groups ?? {})].join(', ')}` });
  };
  const inPanel = (w: number | undefined, path: string) => {
    if (w !== undefined && (w < p.weeks.first || w > p.weeks.last)) issues.push({ path, message: `week ${w} is outside the panel's weeks ${p.weeks.first}…${p.weeks.last}`, fix: 'choose a week inside the panel' });
  };
  const seen = new Set<string>();
  p.derive.forEach((d, i) => {
    const at = `${basePath}.derive[${i}]`;
    if (seen.has(d.id)) issues.push({ path: `${at}.id`, message: `the id "${d.id}" is used twice`, fix: 'give every derivation its own id' });
    seen.add(d.id);
    switch (d.kind) {
      case 'status-at':
        inPanel(d.week, `${at}.week`);
        checkCodes(d.codes, `${at}.codes`);
        break;
      case 'ever-in':
      case 'weeks-in':
        inPanel(d.from, `${at}.from`);
        inPanel(d.to, `${at}.to`);
        if (d.from > d.to) issues.push({ path: `${at}.to`, message: `the window ends (week ${d.to}) before it starts (week ${d.from})`, fix: 'give from ≤ to' });
        checkCodes(d.codes, `${at}.codes`);
        break;
      case 'time-to-first':
      case 'time-to-leave':
      case 'competing-first': {
        inPanel(d.origin, `${at}.origin`);
        inPanel(d.to, `${at}.to`);
        const origin = d.origin ?? p.weeks.first;
        const to = d.to ?? p.weeks.last;
        if (to <= origin) issues.push({ path: `${at}.to`, message: `follow-up ends (week ${to}) at or before its origin (week ${origin})`, fix: 'give an end after the origin' });
        if (d.kind === 'competing-first') {
          const owner = new Map<string, string>();
          d.causes.forEach((c, j) => {
            checkCodes(c.codes, `${at}.causes[${j}].codes`);
            for (const code of expandCodes(p, c.codes)) {
              const other = owner.get(code);
              if (other !== undefined && other !== c.id) issues.push({ path: `${at}.causes[${j}].codes`, message: `code "${code}" belongs to both causes "${other}" and "${c.id}"`, fix: 'make the causes disjoint: each code counts for one cause' });
              owner.set(code, c.id);
            }
          });
          const causeIds = d.causes.map((c) => c.id);
          if (new Set(causeIds).size !== causeIds.length) issues.push({ path: `${at}.causes`, message: 'two causes share an id', fix: 'give every cause its own id' });
          if (causeIds.includes('censored')) issues.push({ path: `${at}.causes`, message: '"censored" is reserved for no event', fix: 'rename the cause' });
        } else checkCodes(d.codes, `${at}.codes`);
        break;
      }
    }
  });
  return issues;
}

/** The codes a list names, groups expanded (unknown names are left out; checkRegisterPanel reports them). */
export function expandCodes(p: Pick<RegisterPanelSpec, 'codes' | 'groups'>, list: readonly string[]): string[] {
  const out: string[] = [];
  for (const c of list) {
    const members = p.groups && Object.hasOwn(p.groups, c) ? p.groups[c] : p.codes.includes(c) ? [c] : [];
    for (const m of members) if (!out.includes(m)) out.push(m);
  }
  return out;
}
